"use client";
/**
 * The teacher's JSON API calls (classes, practice): the same client as the lesson library's —
 * an anonymous or expired teacher is sent to sign in, a refusal is an ApiError with its code.
 */
export { ApiError, lessonApi as teacherApi } from "./lessonApi";
