import { builtInLesson } from "@livelab/core/lesson";
import { compileFormula, expectedNumber, formatNumber, questionSeed, resolvePrediction, sampleParams, type QuestionTemplate } from "@livelab/core/questions";
import { Prng } from "@livelab/core/sim";
import { pino } from "pino";
import type { Auth } from "../auth/auth.ts";
import type { Database } from "../db/database.ts";
import { PrismaRoomStore } from "../db/prismaRoomStore.ts";
import { ExperimentPool } from "../live/experimentPool.ts";
import { NO_SOCKETS } from "../live/roomTransport.ts";
import { Rooms } from "../live/rooms.ts";

export const DEMO_TEACHER = { name: "Demo Teacher", email: "demo@livelab.local", password: "livelab-demo-2026" };

const NICKNAMES = [
  "Ada", "Grace", "Alan", "Katherine", "Claude", "Emmy", "Srinivasa", "Hedy", "Edsger", "Barbara",
  "Tim", "Radia", "Donald", "Frances", "John", "Margaret", "Dennis", "Shafi", "Yann", "Fei-Fei",
  "Geoffrey", "Zoë", "Björn", "Chloé",
];

/** The activities the demo class went through, and which of their questions it answered. */
const DEMO_PLAN = ["warm-up", "predict-lambda", "decay-factor", "lambda-experiment", "which-penalty-zeros", "l1-step", "gradient", "inverted-dropout", "exit-ticket"];

const TEXTS = [
  "The diamond has corners on the axes, so the best point often lands where a weight is exactly 0.",
  "L1 pulls every weight by the same amount, so small weights reach zero.",
  "corners!",
  "Because the L1 gradient does not shrink as w gets small, unlike L2.",
  "not sure, something about the shape",
  "The constraint region touches the loss contours at a corner.",
];

export interface DemoResult {
  email: string;
  password: string;
  sessionId: string;
  code: string;
  created: boolean;
}

/**
 * `npm run db:seed`: a demo teacher and one finished class of 24 students with realistic
 * answers (mostly right, the lesson's named mistakes, other slips, a few unreadable ones, short texts and a
 * λ experiment), played through a real room with a simulated clock so times to answer look
 * like a class. Rerunnable: an existing demo class is kept unless `fresh` is set.
 */
export async function seedDemo(db: Database, auth: Auth, opts: { fresh?: boolean } = {}): Promise<DemoResult> {
  let user = await db.prisma.user.findUnique({ where: { email: DEMO_TEACHER.email } });
  if (!user) {
    await auth.api.signUpEmail({ body: { name: DEMO_TEACHER.name, email: DEMO_TEACHER.email, password: DEMO_TEACHER.password } });
    user = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_TEACHER.email } });
  }
  const existing = await db.prisma.classSession.findFirst({ where: { teacherId: user.id, status: "ended" }, orderBy: { createdAt: "desc" } });
  if (existing && !opts.fresh) return { email: DEMO_TEACHER.email, password: DEMO_TEACHER.password, sessionId: existing.id, code: existing.code, created: false };
  if (existing) await db.prisma.classSession.deleteMany({ where: { teacherId: user.id } });

  const lesson = builtInLesson();
  const rng = new Prng(20261126);
  // A class two days ago, 10:00–10:50.
  const start = Math.floor(Date.now() / 86_400_000 - 2) * 86_400_000 + 10 * 3_600_000;
  let clock = start;
  const experiments = new ExperimentPool(1);
  const rooms = new Rooms({ store: new PrismaRoomStore(db), experiments, log: pino({ level: "silent" }), now: () => clock, transportFor: () => NO_SOCKETS });
  try {
    const { room } = await rooms.create(lesson, user.id);
    const seed = room.state.seed;
    const students: { id: string; skill: number }[] = [];
    for (const nickname of NICKNAMES) {
      clock += 2000 + rng.nextInt(8000);
      const r = await room.join({ nickname, key: nickname.toLowerCase() });
      if (r.ok) students.push({ id: r.data.participantId, skill: 0.35 + 0.6 * rng.nextFloat() });
    }
    for (const activityId of DEMO_PLAN) {
      const index = lesson.activities.findIndex((a) => a.id === activityId);
      const activity = lesson.activities[index];
      clock += 60_000;
      await room.command({ type: "goTo", index });
      if (activity.experiment) {
        for (const s of students) {
          if (rng.nextFloat() < 0.1) continue;
          clock += 3000 + rng.nextInt(9000);
          const lambda = rng.nextFloat() < 0.08 ? 0 : Math.pow(10, -4 + 5 * rng.nextFloat());
          await room.submitExperiment(s.id, activity.id, Number(lambda.toPrecision(2)), `demo-${s.id}-${activity.id}`.slice(0, 64));
        }
        await room.flush();
      }
      for (const q of activity.questions) {
        await room.command({ type: "openQuestion", questionId: q.id, durationSec: null });
        const opened = clock;
        // Prediction questions have no fixed key: the simulation decides the right option.
        const key = q.kind === "single" ? (q.correct ?? (q.prediction ? resolvePrediction(q.prediction) : null)) : null;
        for (const s of students) {
          if (rng.nextFloat() < 0.07) continue; // did not answer
          clock = opened + Math.round(6000 + 50_000 * rng.nextFloat() * (1.3 - s.skill));
          const answer = demoAnswer(q, sampleParams(q, questionSeed(seed, s.id, q.id)), s.skill, rng, key);
          // Now and then a slip the server cannot read (refused, no attempt used), then the real answer.
          if ((q.kind === "numeric" || q.kind === "expression") && rng.nextFloat() < 0.06) {
            await room.submitAnswer(s.id, q.id, q.kind === "numeric" ? "0.9.9" : "2*lambda*(w", `typo-${s.id}-${q.id}`.slice(0, 64));
          }
          await room.submitAnswer(s.id, q.id, answer, `demo-${s.id}-${q.id}`.slice(0, 64));
        }
        await room.flush();
        clock = opened + 70_000;
        await room.command({ type: "closeQuestion", questionId: q.id, reason: "teacher" });
        await room.command({ type: "revealQuestion", questionId: q.id });
      }
    }
    clock += 30_000;
    await room.command({ type: "end" });
    await room.flush();
    await db.prisma.classSession.update({ where: { id: room.id }, data: { createdAt: new Date(start) } });
    return { email: DEMO_TEACHER.email, password: DEMO_TEACHER.password, sessionId: room.id, code: room.code, created: true };
  } finally {
    rooms.closeAll();
    await experiments.close();
  }
}

/** What a student of this skill might type: the answer, one of the named mistakes, or a slip. */
function demoAnswer(q: QuestionTemplate, params: Record<string, number>, skill: number, rng: Prng, choiceKey: string | null): unknown {
  const roll = rng.nextFloat();
  const right = roll < skill;
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)];
  switch (q.kind) {
    case "numeric": {
      if (right) return formatNumber(expectedNumber(q, params));
      if (q.mistakes.length && roll < skill + (1 - skill) * 0.75) return formatNumber(compileFormula(pick(q.mistakes).answer, Object.keys(params)).evaluate(params));
      return formatNumber(expectedNumber(q, params) * (1.5 + rng.nextFloat()));
    }
    case "expression":
      if (right) return q.answer;
      if (q.mistakes.length && rng.nextFloat() < 0.8) return pick(q.mistakes).answer;
      return "w + lambda";
    case "single": {
      const correct = choiceKey;
      if (right && correct) return correct;
      const others = q.options.filter((o) => o.id !== correct);
      return pick(others.length ? others : q.options).id;
    }
    case "multiple":
      return right ? q.correct : [q.options[rng.nextInt(q.options.length)].id];
    case "text":
      return pick(TEXTS);
  }
}
