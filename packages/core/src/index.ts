/**
 * @livelab/core: the pure heart of LiveLab. Import the part you need — the web app must
 * import only `@livelab/core/sim` (question templates and lessons hold the answers).
 */
export * from "./sim/index.ts";
export * from "./questions/index.ts";
export * from "./lesson/index.ts";
export * from "./session/index.ts";
export * from "./protocol/index.ts";
export * from "./report/index.ts";
export * from "./score/index.ts";
