import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { SessionReport } from "@livelab/core/report";
import { builtInLesson, type ImportReport } from "@livelab/core/lesson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backends, connect, expectOk, newKey, promptNumber, signUpTeacher, startServer, tearDown, testDatabase,
  type Client, type RunningServer, type TeacherClient, type TestDatabase,
} from "./helpers.ts";
import { api, fiveActivityLesson, kahootSheet } from "./support/lessonFixtures.ts";

/**
 * Teachers' own lessons over HTTP, on PGlite and PostgreSQL: a library per teacher (another
 * teacher gets 404), drafts guarded by revisions, immutable published versions that a class
 * records, reports that never change when the lesson does, built-in lessons read-only,
 * import (lesson JSON, Kahoot .xlsx with bad rows, CSV) and export, and the CLI doing the same.
 */
const exec = promisify(execFile);
const CLI = fileURLToPath(new URL("../../../packages/cli/bin/livelab.mjs", import.meta.url));
const PASSWORD = "correct horse battery";

describe.each(backends())("the lesson library (%s)", (backend) => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let alice: TeacherClient;
  let bob: TeacherClient;
  let lessonId = "";
  const clients: Client[] = [];
  const dir = mkdtempSync(join(tmpdir(), "livelab-lessons-"));

  beforeAll(async () => {
    tdb = await testDatabase(backend);
    server = await startServer(tdb);
    alice = await signUpTeacher(server.url, { name: "Alice", password: PASSWORD });
    bob = await signUpTeacher(server.url, { name: "Bob", password: PASSWORD });
  });
  afterAll(async () => {
    await tearDown(server, tdb, clients);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Run a class of the lesson: two students answer the numeric question (one right, one the named mistake). */
  async function runClass(id: string) {
    const res = await api<{ sessionId: string; code: string; hostSecret: string }>(alice, "/api/sessions", "POST", { lessonId: id });
    expect(res.status).toBe(201);
    const s = res.body.data;
    const teacher = await connect(server.url);
    clients.push(teacher);
    expectOk(await teacher.call("host:attach", { sessionId: s.sessionId, hostSecret: s.hostSecret }));
    const students: Client[] = [];
    for (const nickname of ["Ana", "Ben"]) {
      const c = await connect(server.url);
      clients.push(c);
      expectOk(await c.call("session:join", { code: s.code, nickname }));
      students.push(c);
    }
    const opened = students.map((c) => c.next("question:opened"));
    expectOk(await teacher.call("question:open", { questionId: "decay-factor" }));
    const views = await Promise.all(opened);
    for (const [i, c] of students.entries()) {
      const eta = promptNumber(views[i].view.prompt, "eta");
      const lambda = promptNumber(views[i].view.prompt, "lambda");
      expectOk(await c.call("answer:submit", { questionId: "decay-factor", answer: String(i === 0 ? 1 - 2 * eta * lambda : 1 - eta * lambda), idempotencyKey: newKey() }));
    }
    expectOk(await teacher.call("question:reveal", { questionId: "decay-factor" }));
    expectOk(await teacher.call("session:end", {}));
    return s.sessionId;
  }

  it("a new lesson is the teacher's own: listed for them, not found for anyone else", async () => {
    const created = await api<{ id: string }>(alice, "/api/lessons", "POST", { draft: { ...fiveActivityLesson(), title: "Draft one", activities: [] } });
    expect(created.status).toBe(201);
    lessonId = created.body.data.id;
    const mine = await api<{ id: string; builtIn: boolean; title: string }[]>(alice, "/api/lessons");
    expect(mine.body.data.map((l) => [l.title, l.builtIn])).toEqual([[builtInLesson().title, true], ["Draft one", false]]);
    const theirs = await api<{ id: string }[]>(bob, "/api/lessons");
    expect(theirs.body.data.map((l) => l.id)).not.toContain(lessonId);
    for (const [method, path, body] of [
      ["GET", `/api/lessons/${lessonId}`], ["PUT", `/api/lessons/${lessonId}`, { draft: {}, revision: 0 }], ["POST", `/api/lessons/${lessonId}/publish`, { revision: 0 }],
      ["GET", `/api/lessons/${lessonId}/export?draft`], ["POST", `/api/lessons/${lessonId}/duplicate`], ["DELETE", `/api/lessons/${lessonId}`], ["POST", "/api/sessions", { lessonId }],
    ] as const) {
      const r = await api(bob, path, method, body);
      expect([path, method, r.status, r.body.error?.code]).toEqual([path, method, 404, "LESSON_NOT_FOUND"]);
    }
    expect((await fetch(`${server.url}/api/lessons`)).status).toBe(401);
  });

  it("drafts save with a revision: a save from an older revision is refused, not merged", async () => {
    const first = await api<{ revision: number }>(alice, `/api/lessons/${lessonId}`, "PUT", { draft: fiveActivityLesson(), revision: 0 });
    expect(first.body.data.revision).toBe(1);
    const stale = await api(alice, `/api/lessons/${lessonId}`, "PUT", { draft: { ...fiveActivityLesson(), title: "Other tab" }, revision: 0 });
    expect([stale.status, stale.body.error?.code]).toEqual([409, "LESSON_CONFLICT"]);
    const got = await api<{ title: string; draftRevision: number }>(alice, `/api/lessons/${lessonId}`);
    expect([got.body.data.title, got.body.data.draftRevision]).toEqual(["Weight decay in five steps", 1]);
  });

  it("publishing refuses a lesson the check refuses, naming each field; a class needs a published version", async () => {
    const broken = fiveActivityLesson();
    const q = broken.activities[0].questions![0] as { mistakes: { answer: string }[] };
    q.mistakes[0].answer = "1 - 2*eta*lambda + 0"; // the mistake is the answer: it can never fire
    expect((await api(alice, `/api/lessons/${lessonId}`, "PUT", { draft: broken, revision: 1 })).status).toBe(200);
    const notYet = await api(alice, "/api/sessions", "POST", { lessonId });
    expect([notYet.status, notYet.body.error?.code]).toEqual([409, "LESSON_NOT_PUBLISHED"]);
    const refused = await api(alice, `/api/lessons/${lessonId}/publish`, "POST", { revision: 2 });
    expect([refused.status, refused.body.error?.code]).toEqual([422, "LESSON_INVALID"]);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(["activities[0].questions[0].mistakes[0]"]);
    expect(refused.body.errors?.[0].message).toMatch(/graded correct/);
    const stale = await api(alice, `/api/lessons/${lessonId}/publish`, "POST", { revision: 1 });
    expect(stale.body.error?.code).toBe("LESSON_CONFLICT");
  });

  it("a class records the exact version it ran; republishing never changes its report", async () => {
    expect((await api(alice, `/api/lessons/${lessonId}`, "PUT", { draft: fiveActivityLesson(), revision: 2 })).status).toBe(200);
    const v1 = await api<{ number: number }>(alice, `/api/lessons/${lessonId}/publish`, "POST", { revision: 3 });
    expect([v1.status, v1.body.data.number]).toEqual([201, 1]);
    const again = await api<{ number: number; unchanged: boolean }>(alice, `/api/lessons/${lessonId}/publish`, "POST", { revision: 3 });
    expect(again.body.data).toEqual({ number: 1, unchanged: true });

    const first = await runClass(lessonId);
    const row = await server.db.prisma.classSession.findUniqueOrThrow({ where: { id: first }, include: { lessonVersion: true } });
    expect([row.lessonId, row.lessonVersion?.number, row.lessonVersion?.lessonId]).toEqual([lessonId, 1, lessonId]);
    const before = (await api<SessionReport>(alice, `/api/sessions/${first}/report`)).body.data;
    expect(before.session.lessonTitle).toBe("Weight decay in five steps");
    const decay = before.questions.find((q) => q.id === "decay-factor")!;
    expect(decay.mistakes.map((m) => [m.key, m.count])).toEqual([["dropped-2", 1]]);

    // Edit: a new title, a reworded prompt, the mistake relabelled; publish version 2.
    const edited = fiveActivityLesson("Weight decay, revised");
    const eq = edited.activities[0].questions![0] as { prompt: string; mistakes: { label: string }[] };
    eq.prompt = eq.prompt.replace("by what factor", "by which factor");
    eq.mistakes[0].label = "Forgot the factor 2";
    expect((await api(alice, `/api/lessons/${lessonId}`, "PUT", { draft: edited, revision: 3 })).status).toBe(200);
    expect((await api<{ number: number }>(alice, `/api/lessons/${lessonId}/publish`, "POST", { revision: 4 })).body.data.number).toBe(2);
    const versions = await server.db.prisma.lessonVersion.findMany({ where: { lessonId }, orderBy: { number: "asc" } });
    expect(versions.map((v) => (v.content as { title: string }).title)).toEqual(["Weight decay in five steps", "Weight decay, revised"]);

    expect((await api<SessionReport>(alice, `/api/sessions/${first}/report`)).body.data).toEqual(before);
    const second = await runClass(lessonId);
    const r2 = (await api<SessionReport>(alice, `/api/sessions/${second}/report`)).body.data;
    expect(r2.session.lessonTitle).toBe("Weight decay, revised");
    expect(r2.questions.find((q) => q.id === "decay-factor")!.mistakes[0].label).toBe("Forgot the factor 2");
    expect((await server.db.prisma.classSession.findUniqueOrThrow({ where: { id: second }, include: { lessonVersion: true } })).lessonVersion?.number).toBe(2);
  });

  it("built-in lessons are read-only; Duplicate to edit makes the teacher's own copy", async () => {
    const put = await api(alice, "/api/lessons/regularization", "PUT", { draft: {}, revision: 0 });
    expect([put.status, put.body.error?.code]).toEqual([403, "LESSON_READ_ONLY"]);
    const dup = await api<{ id: string }>(alice, "/api/lessons/regularization/duplicate", "POST");
    const copy = await api<{ title: string; builtIn: boolean; draft: { activities: unknown[] } }>(alice, `/api/lessons/${dup.body.data.id}`);
    expect([copy.body.data.title, copy.body.data.builtIn, copy.body.data.draft.activities.length]).toEqual([`${builtInLesson().title} (copy)`, false, builtInLesson().activities.length]);
  });

  it("export → import gives an identical lesson, and `lesson check` accepts the export", async () => {
    const res = await alice.fetch(`/api/lessons/${lessonId}/export`);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="weight-decay-revised-v2.livelab.json"');
    const text = await res.text();
    const exported = JSON.parse(text) as Record<string, unknown>;
    expect(exported.$schema).toBe("http://livelab.test/schema/livelab-lesson-v1.json");
    const file = join(dir, "export.json");
    writeFileSync(file, text);
    const check = await exec(process.execPath, [CLI, "lesson", "check", file]);
    expect(check.stdout).toMatch(/ok — "Weight decay, revised", 5 activities, 4 questions/);

    const report = await alice.fetch("/api/lessons/import?name=export.json", { method: "POST", body: text }).then((r) => r.json() as Promise<{ data: ImportReport }>);
    expect(report.data.problems).toEqual([]);
    const created = await api<{ id: string }>(alice, "/api/lessons", "POST", { draft: report.data.lesson });
    expect((await api(alice, `/api/lessons/${created.body.data.id}/publish`, "POST", { revision: 0 })).status).toBe(201);
    const again = JSON.parse(await (await alice.fetch(`/api/lessons/${created.body.data.id}/export`)).text()) as Record<string, unknown>;
    expect(again).toEqual(exported);
    // The schema the file points at is served, generated from the format's zod schema.
    const schema = (await (await fetch(`${server.url}/schema/livelab-lesson-v1.json`)).json()) as { $id: string; required: string[] };
    expect(schema.$id).toBe("http://livelab.test/schema/livelab-lesson-v1.json");
    expect(schema.required).toContain("activities");
  });

  it("a Kahoot sheet: bad rows are named with their number and reason, nothing is stored until accepted, the good ones run", async () => {
    const xlsx = await kahootSheet([
      ["Which penalty gives exact zeros?", "L1", "L2", "Both", "Neither", 20, "1"],
      ["Pick the regularizers", "Dropout", "Early stopping", "More epochs", "", 30, "1,2"],
      ["No answer marked", "Yes", "No", "", "", 20, ""],
      ["Six answers", "a", "b", "c", "d", 20, "1", "e", "f"],
      ["", "orphan answer", "another", "", "", 20, "1"],
    ]);
    const before = await server.db.prisma.lesson.count();
    const res = await alice.fetch("/api/lessons/import?name=Week%203%20quiz.xlsx", { method: "POST", body: xlsx });
    const report = ((await res.json()) as { data: ImportReport }).data;
    expect(report.format).toBe("xlsx");
    expect(report.accepted).toBe(2);
    expect(report.problems).toEqual([
      { row: 7, path: null, reason: "no correct answer: give the number of the right answer (e.g. 2, or 1,3 for several)" },
      { row: 8, path: null, reason: "6 answers: at most 4" },
      { row: 9, path: null, reason: "the question is empty" },
    ]);
    expect(await server.db.prisma.lesson.count()).toBe(before);
    const created = await api<{ id: string }>(alice, "/api/lessons", "POST", { draft: report.lesson });
    expect((await api(alice, `/api/lessons/${created.body.data.id}/publish`, "POST", { revision: 0 })).status).toBe(201);
    const s = (await api<{ sessionId: string; hostSecret: string; code: string }>(alice, "/api/sessions", "POST", { lessonId: created.body.data.id })).body.data;
    const teacher = await connect(server.url);
    const student = await connect(server.url);
    clients.push(teacher, student);
    expectOk(await teacher.call("host:attach", { sessionId: s.sessionId, hostSecret: s.hostSecret }));
    expectOk(await student.call("session:join", { code: s.code, nickname: "Cy" }));
    const opened = student.next("question:opened");
    // No timer chosen: the sheet's 20 s time limit applies.
    expectOk(await teacher.call("question:open", { questionId: "q5" }));
    const q = await opened;
    expect(q.deadline).not.toBeNull();
    expect(q.view.options?.map((o) => o.text).sort()).toEqual(["Both", "L1", "L2", "Neither"]);
    expect(expectOk(await student.call("answer:submit", { questionId: "q5", answer: "a", idempotencyKey: newKey() })).attempt).toBe(1);
  });

  it("CSV with the same columns, and the CLI's lesson import / export through the server", async () => {
    const csv = "Question,Answer 1,Answer 2,Time limit,Correct answer(s),Type\nIs L2 weight decay?,yes,no,,1,\nHow many zeros?,,,,3,numeric\nBroken,only one,,,1,\n";
    const file = join(dir, "questions.csv");
    writeFileSync(file, csv);
    const env = { ...process.env, LIVELAB_URL: server.url, LIVELAB_EMAIL: alice.email, LIVELAB_PASSWORD: PASSWORD };
    const refused = await exec(process.execPath, [CLI, "lesson", "import", file], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain(`${file}: row 4: 1 answer: a choice question needs at least 2`);
    expect((refused as { stderr: string }).stderr).toContain("nothing imported");
    const ok = await exec(process.execPath, [CLI, "lesson", "import", file, "--accept-valid", "--publish"], { env });
    const id = /as lesson (\S+):/.exec(ok.stdout)![1];
    expect(ok.stdout).toContain("published version 1");
    const out = join(dir, "cli-export.json");
    await exec(process.execPath, [CLI, "lesson", "export", id, "-o", out], { env });
    const lesson = JSON.parse(readFileSync(out, "utf8")) as { activities: { questions: { kind: string }[] }[] };
    expect(lesson.activities.map((a) => a.questions[0].kind)).toEqual(["single", "numeric"]);
    expect((await exec(process.execPath, [CLI, "lesson", "check", out])).stdout).toContain("ok");
    const other = await exec(process.execPath, [CLI, "lesson", "export", lessonId], { env: { ...env, LIVELAB_EMAIL: bob.email } }).catch((e: { code: number; stderr: string }) => e);
    expect((other as { stderr: string }).stderr).toContain("no such lesson");
  });
});
