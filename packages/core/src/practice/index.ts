/**
 * Practice after class: evidence, the mastery rule, spaced review (FSRS), variants, gates and
 * the course, the teacher's grid. Pure: time comes in as `now`, seeds from the caller. Server
 * only for the web app (practice sets hold answers): the web imports its types.
 */
export * from "./evidence.ts";
export * from "./mastery.ts";
export * from "./misconceptions.ts";
export * from "./schedule.ts";
export * from "./variants.ts";
export * from "./item.ts";
export * from "./course.ts";
export * from "./builtInCourse.ts";
export * from "./classGrid.ts";
