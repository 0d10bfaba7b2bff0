import { getPreset } from "../sim/presets/registry.ts";
import { answerTex, keyLine, promptSymbols, stagePrompt } from "../questions/stageText.ts";
import type { QuestionKind, QuestionTemplate } from "../questions/schema.ts";
import { fillPlaceholders } from "../questions/render.ts";
import { classSummary, type ClassSummary } from "./classSummary.ts";
import { classOptionOrder, correctOptions, resultBars, tally, type ResultBar } from "./resultBars.ts";
import type { QuestionStatus, SessionContext, SessionState, SessionStatus } from "./state.ts";
import { wallTexts } from "./teacherViews.ts";
import type { Timeline } from "./timeline.ts";

/**
 * What the projector shows, as a pure function of the session state (DESIGN.md, "The room"):
 * a reloaded projector, a second classroom screen and a view-only paired screen all render
 * this one view and nothing else. It is a teacher-side view (results come up when the teacher
 * shows them), but it never holds what the room must not see: no teacher notes, no
 * participant ids, no per-student numbers, no right answer before the reveal.
 */
export interface StageView {
  sessionId: string;
  code: string;
  status: SessionStatus;
  paused: boolean;
  blank: boolean;
  /** The full join card (QR code, address): in the lobby, or when the teacher brings it back. */
  joinCard: boolean;
  joined: number;
  /** The newest nicknames, for the lobby's "who joined" (empty outside the join card). */
  names: string[];
  activity: { index: number; count: number; kind: string; title: string; body: string };
  timeline: Timeline | null;
  /** The class experiment's points (the U-curve filling in), when the activity is one. */
  experiment: { label: string; points: { value: number; valLoss: number }[] } | null;
  question: StageQuestion | null;
  /** The closure, once the class has ended. */
  summary: (ClassSummary & { uCurve: { label: string; points: { value: number; valLoss: number }[] } | null }) | null;
  serverTime: number;
}

export interface StageQuestion {
  /** For rendering keys and tests' selectors only: never shown. */
  questionId: string;
  kind: QuestionKind;
  status: QuestionStatus;
  /** Server time the open question closes (null: untimed, or not open). */
  deadline: number | null;
  /** It was closed by its timer ("time's up"), not by the teacher. */
  timedOut: boolean;
  /** The prompt with each student's numbers as symbols. */
  prompt: string;
  /** TeX of the symbols that stand for each student's own numbers ("\eta", "\lambda"). */
  symbols: string[];
  /** Choice questions: the options in the class's order, lettered; `correct` only once revealed. */
  options: { letter: string; text: string; correct?: boolean }[];
  answered: number;
  of: number;
  /** The teacher has put the results up. */
  resultsShown: boolean;
  /** The distribution (choices as soon as it is shown; numbers and formulas at the reveal). */
  bars: ResultBar[] | null;
  /** Written answers the teacher left on the wall (newest last), names only when shown. */
  wall: { text: string; name?: string }[] | null;
  /** How many more written answers there are than the wall shows. */
  wallMore: number;
  reveal: { answer: string | null; keyLine: string | null } | null;
}

/** What the stage needs from outside the session state: the server's class experiments. */
export interface StageExtras {
  experimentPoints: (activityId: string) => { value: number; valLoss: number }[];
}

/** The most written answers the projector's wall shows at once (it must fit one screen). */
export const WALL_MAX = 24;
const LOBBY_NAMES = 60;

export function stageView(s: SessionState, ctx: SessionContext, extras: StageExtras): StageView {
  const lesson = ctx.lesson;
  const a = lesson.activities[s.activityIndex];
  const present = Object.values(s.participants).filter((p) => !p.removed);
  const joinCard = s.status === "lobby" || s.stage.joinCard;
  let experiment: StageView["experiment"] = null;
  if (a.experiment) {
    const def = getPreset(a.experiment.presetId).experiment;
    experiment = { label: def?.label ?? "λ", points: extras.experimentPoints(a.id) };
  }
  let summary: StageView["summary"] = null;
  if (s.status === "ended") {
    const exp = lesson.activities.find((x) => x.experiment && extras.experimentPoints(x.id).length > 0);
    const def = exp?.experiment ? getPreset(exp.experiment.presetId).experiment : undefined;
    summary = { ...classSummary(s, lesson), uCurve: exp ? { label: def?.label ?? "λ", points: extras.experimentPoints(exp.id) } : null };
  }
  return {
    sessionId: s.id,
    code: s.code,
    status: s.status,
    paused: s.paused,
    blank: s.stage.blank,
    joinCard,
    joined: present.length,
    names: joinCard ? present.slice(-LOBBY_NAMES).map((p) => p.nickname) : [],
    activity: { index: s.activityIndex, count: lesson.activities.length, kind: a.kind, title: a.title, body: a.body },
    timeline: s.timeline,
    experiment,
    question: s.status === "ended" ? null : stageQuestion(s, ctx, present.length),
    summary,
    serverTime: ctx.now,
  };
}

/** The question on stage: the one whose results the teacher shows, else the current activity's latest asked. */
function questionOnStage(s: SessionState, ctx: SessionContext): QuestionTemplate | null {
  const all = ctx.lesson.activities.flatMap((x) => x.questions);
  if (s.projectorQuestion) return all.find((q) => q.id === s.projectorQuestion) ?? null;
  let latest: QuestionTemplate | null = null;
  let latestAt = -Infinity;
  for (const q of ctx.lesson.activities[s.activityIndex].questions) {
    const rt = s.questions[q.id];
    if (rt && rt.openedAt >= latestAt) {
      latest = q;
      latestAt = rt.openedAt;
    }
  }
  return latest;
}

function stageQuestion(s: SessionState, ctx: SessionContext, of: number): StageQuestion | null {
  const q = questionOnStage(s, ctx);
  const rt = q ? s.questions[q.id] : undefined;
  if (!q || !rt) return null;
  const revealed = rt.status === "revealed";
  const resultsShown = s.projectorQuestion === q.id;
  const byParticipant = s.answers[q.id] ?? {};
  const answered = Object.values(byParticipant).filter((x) => x.length > 0).length;
  const correctIds = revealed ? correctOptions(q, rt.predictionOutcome) : null;
  const symbols = Object.values(promptSymbols(q));
  let options: StageQuestion["options"] = [];
  if (q.kind === "single" || q.kind === "multiple") {
    const byId = new Map(q.options.map((o) => [o.id, o]));
    options = classOptionOrder(q, s.seed).map((id, i) => ({
      letter: "ABCDEFGHIJKL"[i],
      // Option texts hold no per-student numbers in practice; any placeholder shows as its name.
      text: fillPlaceholders(byId.get(id)!.text, {}),
      ...(correctIds ? { correct: correctIds.includes(id) } : {}),
    }));
  }
  // Choices show their distribution once the teacher puts it up; numbers and formulas only at
  // the reveal (their buckets are "right answer" and named mistakes: they would give it away).
  let bars: ResultBar[] | null = null;
  if (resultsShown && q.kind !== "text" && (revealed || q.kind === "single" || q.kind === "multiple")) {
    const answeredIds = new Set(Object.keys(byParticipant));
    const unreadable = Object.keys(s.unreadable[q.id] ?? {}).filter((pid) => !answeredIds.has(pid)).length;
    bars = resultBars(q, tally(q, byParticipant), unreadable, { sessionSeed: s.seed, correctIds });
  }
  let wall: StageQuestion["wall"] = null;
  let wallMore = 0;
  if (resultsShown && q.kind === "text") {
    const visible = wallTexts(s, q.id).filter((t) => !t.hidden);
    wallMore = Math.max(0, visible.length - WALL_MAX);
    wall = visible.slice(-WALL_MAX).map((t) => (s.stage.namesShown ? { text: t.text, name: s.participants[t.participantId]?.nickname ?? "" } : { text: t.text }));
  }
  return {
    questionId: q.id,
    kind: q.kind,
    status: rt.status,
    deadline: rt.status === "open" ? rt.deadline : null,
    timedOut: rt.status !== "open" && rt.deadline !== null && rt.closedAt !== null && rt.closedAt >= rt.deadline,
    prompt: stagePrompt(q),
    symbols,
    options,
    answered,
    of,
    resultsShown,
    bars,
    wall,
    wallMore,
    reveal: revealed ? { answer: answerTex(q), keyLine: q.kind === "single" || q.kind === "multiple" ? correctFeedback(q, correctIds) : keyLine(q) } : null,
  };
}

/** A choice question's key line at the reveal: the right option's own explanation. */
function correctFeedback(q: QuestionTemplate, correctIds: string[] | null): string | null {
  if ((q.kind !== "single" && q.kind !== "multiple") || !correctIds || correctIds.length !== 1) return keyLine(q);
  const feedback = q.options.find((o) => o.id === correctIds[0])?.feedback;
  if (!feedback) return keyLine(q);
  // The option's own "Yes." or "Right:" is said by the green mark already.
  const rest = feedback.replace(/^(yes|right|correct)\b[.:!]?\s*/i, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
