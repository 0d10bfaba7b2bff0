export type { StudentSnapshot, StudentQuestionState, ActivityView, RevealedResult } from "../session/views.ts";
export type { Timeline } from "../session/timeline.ts";
export type { StudentQuestionView } from "../questions/render.ts";
