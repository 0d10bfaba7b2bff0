/** After-class reports: pure functions from a session's stored rows to the numbers a teacher reviews. */
export * from "./report.ts";
