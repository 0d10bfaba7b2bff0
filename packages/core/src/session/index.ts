/** The live-session state machine: (state, command, ctx) → { state, events }. */
export * from "./state.ts";
export * from "./events.ts";
export * from "./commands.ts";
export * from "./apply.ts";
export * from "./reduce.ts";
export * from "./timeline.ts";
export * from "./nickname.ts";
export * from "./views.ts";
