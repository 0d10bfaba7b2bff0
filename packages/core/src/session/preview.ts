import type { Lesson } from "../lesson/schema.ts";
import { answerTex } from "../questions/stageText.ts";
import { questionSeed, sampleParams, type QuestionParams } from "../questions/sampling.ts";
import { fold } from "./apply.ts";
import { gradeFor, reduce } from "./reduce.ts";
import type { SessionContext, SessionState } from "./state.ts";
import { stageView, type StageView } from "./stageView.ts";
import { studentSnapshot, type StudentSnapshot } from "./views.ts";

/**
 * What the lesson editor's preview shows: one activity as a sample student's phone and as the
 * projector get it in a live class. It runs the class's own state machine in memory — create,
 * one student joins, go to the activity, open its questions, and for "try an answer" submit
 * and reveal — so the preview is the live class's data, not an imitation of it. Pure.
 */
export interface PreviewRequest {
  lesson: Lesson;
  activityIndex: number;
  /** The sample student's seed: the same seed gives the same numbers; "reroll" is a new seed. */
  seed: number;
  /** The teacher's tries, by question id: each is submitted and the question revealed. */
  answers?: Record<string, unknown>;
}

export interface TriedAnswer {
  questionId: string;
  /** correct | incorrect | ungraded | invalid (an answer a student's phone would be told it cannot send). */
  status: string;
  /** The named mistake it matched (key and the label people see), or null. */
  mistake: { key: string; label: string } | null;
  feedback: string;
  expected: string;
  /**
   * The answer as math in the question's symbols ("1-2\cdot\eta\cdot\lambda"), for the editor
   * to render instead of the formula's programmer notation ("1 - 2*eta*lambda"); numeric and
   * expression questions only, else null.
   */
  expectedTex: string | null;
  reason?: string;
}

export interface LessonPreview {
  /** The phone: what the sample student's browser receives for this activity. */
  phone: StudentSnapshot;
  /** The projector: the stage view the live class's projector would get (the same pure function). */
  projector: StageView;
  /** The sample student's numbers, by question (for the teacher, beside the preview). */
  params: Record<string, QuestionParams>;
  tried: TriedAnswer[];
}

const STUDENT = "preview-student";

/** The label of a named mistake (numeric / expression) or of a wrong option with feedback. */
function mistakeLabel(lesson: Lesson, questionId: string, key: string | null): { key: string; label: string } | null {
  if (!key) return null;
  for (const a of lesson.activities) {
    for (const q of a.questions) {
      if (q.id !== questionId) continue;
      if (q.kind === "numeric" || q.kind === "expression") {
        const m = q.mistakes.find((x) => x.key === key);
        return m ? { key, label: m.label } : null;
      }
      if (q.kind === "single" || q.kind === "multiple") {
        const o = q.options.find((x) => x.id === key);
        return o ? { key, label: o.text } : null;
      }
    }
  }
  return null;
}

export function lessonPreview(req: PreviewRequest, now: number): LessonPreview {
  const { lesson } = req;
  const index = Math.max(0, Math.min(lesson.activities.length - 1, Math.trunc(req.activityIndex)));
  const ctx: SessionContext = { now, lesson };
  let s: SessionState = fold([]);
  const step = (cmd: Parameters<typeof reduce>[1]) => {
    const r = reduce(s, cmd, ctx);
    if (r.ok) s = r.state;
    return r;
  };
  step({ type: "create", sessionId: "preview", code: "PREVIEW", lessonId: lesson.id, seed: req.seed >>> 0 });
  step({ type: "join", participantId: STUDENT, nickname: "Sample student", nicknameKey: "sample student" });
  step({ type: "goTo", index });
  const activity = lesson.activities[index];
  const params: Record<string, QuestionParams> = {};
  const tried: TriedAnswer[] = [];
  for (const q of activity.questions) {
    step({ type: "openQuestion", questionId: q.id, durationSec: null });
    params[q.id] = sampleParams(q, questionSeed(s.seed, STUDENT, q.id));
    if (!req.answers || !Object.hasOwn(req.answers, q.id)) continue;
    const answer = req.answers[q.id];
    const graded = gradeFor(s, ctx, STUDENT, q, answer).result;
    tried.push({
      questionId: q.id, status: graded.status, mistake: mistakeLabel(lesson, q.id, graded.feedbackKey),
      feedback: graded.feedback, expected: graded.expected, expectedTex: answerTex(q), ...(graded.reason ? { reason: graded.reason } : {}),
    });
    // An unreadable answer is refused in class (the student keeps their attempt): no reveal then.
    if (graded.status === "invalid") continue;
    step({ type: "answer", participantId: STUDENT, questionId: q.id, idempotencyKey: "preview", answer });
    step({ type: "revealQuestion", questionId: q.id });
  }
  return {
    phone: studentSnapshot(s, ctx, STUDENT),
    // No class experiment runs in a preview: its plot starts empty, as in class before anyone sends.
    projector: stageView(s, ctx, { experimentPoints: () => [] }),
    params,
    tried,
  };
}
