import { builtInCourse, practicePrediction } from "@livelab/core/practice";
import { compileFormula, expectedNumber, formatNumber, resolvePrediction, type QuestionTemplate } from "@livelab/core/questions";
import type { Ack, PracticeAttemptResult, PracticeItemView, StudentHome } from "@livelab/core/protocol";
import type { Database } from "../../src/db/database.ts";

/** A student's phone as an HTTP client: the device cookie, and the same-origin header browsers send. */
export interface StudentClient {
  cookie: string;
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Ack<T> }>;
  home(): Promise<StudentHome>;
  next(skill: string, assignmentId?: string): Promise<PracticeItemView>;
  attempt(itemId: string, answer: string | string[], idempotencyKey: string): Promise<{ status: number; body: Ack<PracticeAttemptResult> }>;
}

function cookieOf(res: Response): string {
  const c = res.headers.getSetCookie().map((x) => x.split(";")[0]).find((x) => x.startsWith("livelab_student="));
  if (!c) throw new Error(`no student cookie from ${res.url} (${res.status})`);
  return c;
}

export function studentClient(url: string, cookie: string): StudentClient {
  const call = async <T,>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: { origin: url, cookie, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Ack<T> };
  };
  const data = <T,>(r: { status: number; body: Ack<T> }): T => {
    if (!r.body.ok) throw new Error(`${r.status} ${r.body.error.code}: ${r.body.error.message}`);
    return r.body.data;
  };
  return {
    cookie, call,
    home: async () => data(await call<StudentHome>("GET", "/api/student/home")),
    next: async (skill, assignmentId) => data(await call<PracticeItemView>("POST", "/api/student/practice/next", { skill, ...(assignmentId ? { assignmentId } : {}) })),
    attempt: (itemId, answer, idempotencyKey) => call<PracticeAttemptResult>("POST", "/api/student/practice/attempts", { itemId, answer, idempotencyKey }),
  };
}

/** Join a class as a new student (the device gets its cookie). */
export async function joinClass(url: string, code: string, name: string, pin = "2468"): Promise<StudentClient> {
  const res = await fetch(`${url}/api/class/join`, { method: "POST", headers: { origin: url, "content-type": "application/json" }, body: JSON.stringify({ code, name, pin }) });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  return studentClient(url, cookieOf(res));
}

/** Sign in on another device. */
export async function signInStudent(url: string, body: { code: string; name: string; pin: string } | { linkCode: string; pin: string }): Promise<{ status: number; client: StudentClient | null; body: Ack<unknown> }> {
  const res = await fetch(`${url}/api/class/signin`, { method: "POST", headers: { origin: url, "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as Ack<unknown>;
  return { status: res.status, body: json, client: res.ok ? studentClient(url, cookieOf(res)) : null };
}

/** What the server gave for an item (the test reads the row, as only the server can). */
export async function itemTemplate(db: Database, itemId: string): Promise<{ template: QuestionTemplate; params: Record<string, number>; simSeed: number | null }> {
  const item = await db.prisma.practiceItem.findUniqueOrThrow({ where: { id: itemId } });
  const lesson = builtInCourse().lessons.find((l) => l.id === item.lessonId)!;
  const template = lesson.activities.flatMap((a) => a.questions).find((q) => q.id === item.questionId)!;
  return { template, params: item.params as Record<string, number>, simSeed: item.simSeed };
}

/** The right answer to an item, worked out as a student who knows the topic would. */
export async function rightAnswer(db: Database, itemId: string): Promise<string | string[]> {
  const { template: t, params, simSeed } = await itemTemplate(db, itemId);
  if (t.kind === "numeric") return formatNumber(expectedNumber(t, params));
  if (t.kind === "expression") return t.answer;
  if (t.kind === "multiple") return t.correct;
  if (t.kind === "single") return t.prediction ? resolvePrediction(practicePrediction(t, simSeed)!)! : t.correct!;
  throw new Error(`no right answer for a ${t.kind} question`);
}

/** An answer that makes the item's first named mistake (or picks a wrong option). */
export async function mistakenAnswer(db: Database, itemId: string): Promise<{ answer: string | string[]; key: string | null }> {
  const { template: t, params } = await itemTemplate(db, itemId);
  if ((t.kind === "numeric" || t.kind === "expression") && t.mistakes.length) {
    const m = t.mistakes[0];
    return { answer: t.kind === "numeric" ? formatNumber(compileFormula(m.answer, Object.keys(params)).evaluate(params)) : m.answer, key: m.key };
  }
  if (t.kind === "single" || t.kind === "multiple") {
    const r = await rightAnswer(db, itemId);
    const right = Array.isArray(r) ? r : [r];
    const wrong = t.options.find((o) => !right.includes(o.id))!;
    return { answer: t.kind === "single" ? wrong.id : [wrong.id], key: null };
  }
  return { answer: "0.123456", key: null };
}
