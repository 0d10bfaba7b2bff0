/** The live-session state machine: (state, command, ctx) → { state, events }, and what each role is sent. */
export * from "./state.ts";
export * from "./events.ts";
export * from "./commands.ts";
export * from "./apply.ts";
export * from "./reduce.ts";
export * from "./timeline.ts";
export * from "./nickname.ts";
export * from "./views.ts";
export * from "./teacherViews.ts";
export * from "./score.ts";
export * from "./experiments.ts";
export * from "./preview.ts";
export * from "./stageCommands.ts";
export * from "./stageView.ts";
export * from "./resultBars.ts";
export * from "./classSummary.ts";
export * from "./review.ts";
