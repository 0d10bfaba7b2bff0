/** After-class reports: pure functions from a session's stored rows to the numbers a teacher reviews. */
export * from "./types.ts";
export * from "./answers.ts";
export * from "./report.ts";
export * from "./itemStats.ts";
export * from "./whatNext.ts";
export * from "./compare.ts";
export { namedMistakes } from "./questionReport.ts";
