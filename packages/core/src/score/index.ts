/** The one definition of a student's score, shared by the phone's summary, the report and every export. */
export * from "./definition.ts";
