/** Text helpers the browser may import: where math is in a text, and a text's readable plain form. */
export * from "./mathSegments.ts";
export * from "./texToText.ts";
