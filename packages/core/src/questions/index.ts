/** Question templates, per-student parameters and grading. Server-side only: templates hold answers. */
export * from "./schema.ts";
export * from "./parseNumber.ts";
export * from "./tolerance.ts";
export * from "./expressions.ts";
export * from "./sampling.ts";
export * from "./render.ts";
export * from "./prediction.ts";
export * from "./grade.ts";
