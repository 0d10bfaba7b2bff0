/** The types of what the server sends (built in session/, re-exported for clients: types only, no answers). */
export type { StudentSnapshot, StudentQuestionState, ActivityView, RevealedResult, PublicState } from "../session/views.ts";
export type { TeacherState, TeacherUpdate, LessonOutline, RosterEntry, ClassProgress, QuestionProgress } from "../session/teacherViews.ts";
export type { PersonalSummary } from "../session/score.ts";
export type { StageView, StageQuestion } from "../session/stageView.ts";
export type { ResultBar } from "../session/resultBars.ts";
export type { ClassSummary } from "../session/classSummary.ts";
export type { ReviewItem } from "../session/review.ts";
export type { StageState } from "../session/state.ts";
export type { OutlineQuestion } from "../session/teacherViews.ts";
export type { ExperimentPoint, ExperimentResult, ExperimentPoints } from "../session/experiments.ts";
export type { QuestionRuntime, QuestionStatus, SessionStatus } from "../session/state.ts";
export type { Timeline } from "../session/timeline.ts";
export type { StudentQuestionView } from "../questions/render.ts";
