import { parse } from "csv-parse/sync";
import type { SessionReport } from "@livelab/core/report";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/tools/demoClass.ts";
import { spreadsheetSafe, toCsv } from "../src/http/csv.ts";
import { newId } from "../src/security/tokens.ts";
import {
  backends, connect, expectOk, newKey, promptNumber, signInTeacher, signUpTeacher, startServer, tearDown, testDatabase,
  type Client, type RunningServer, type TeacherClient, type TestDatabase,
} from "./helpers.ts";

/**
 * Teacher accounts and after-class reports, end to end over HTTP and sockets: a scripted class
 * with known answers, then the report, the CSV files, access control, a restart and deletion.
 */

// Nicknames a spreadsheet would otherwise run as formulas, or that break naive CSV writers.
const NICKS = ["=HYPERLINK(\"http://x\")", "Smith, \"Jo\"", "+1 Ana", "@Zoë"];

describe.each(backends())("reports and accounts (%s)", (backend) => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let alice: TeacherClient;
  let bob: TeacherClient;
  let session: Awaited<ReturnType<TeacherClient["createSession"]>>;
  const students: { client: Client; participantId: string; nickname: string }[] = [];
  let teacherSocket: Client;
  let liveReport: SessionReport;

  beforeAll(async () => {
    tdb = await testDatabase(backend);
    server = await startServer(tdb);
    alice = await signUpTeacher(server.url, { name: "Alice" });
    bob = await signUpTeacher(server.url, { name: "Bob" });
  });

  afterAll(() => tearDown(server, tdb, [teacherSocket, ...students.map((s) => s.client)]));

  it("starting a session needs a signed-in teacher; the session belongs to them", async () => {
    const anon = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe("NOT_AUTHENTICATED");
    session = await alice.createSession();
    const row = await server.db.prisma.classSession.findUniqueOrThrow({ where: { id: session.sessionId }, include: { teacher: true } });
    expect(row.teacher?.email).toBe(alice.email);
  });

  it("passwords are stored as scrypt hashes, never as typed", async () => {
    const account = await server.db.prisma.authAccount.findFirstOrThrow({ where: { user: { email: alice.email } } });
    expect(account.password).not.toContain("correct horse");
    // Better Auth's format: hex salt ":" hex scrypt key (64 bytes).
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it("a scripted class: known answers in, the report's numbers out", async () => {
    teacherSocket = await connect(server.url);
    expectOk(await teacherSocket.call("host:attach", { sessionId: session.sessionId, hostSecret: session.hostSecret }));
    for (const nickname of NICKS) {
      const client = await connect(server.url);
      const r = expectOk(await client.call("session:join", { code: session.code, nickname }));
      students.push({ client, participantId: r.participantId, nickname });
    }

    // Warm-up (single choice): 3 right, 1 wrong.
    expectOk(await teacherSocket.call("activity:goto", { index: 0 }));
    expectOk(await teacherSocket.call("question:open", { questionId: "warmup-overfitting" }));
    for (const [i, s] of students.entries()) {
      expectOk(await s.client.call("answer:submit", { questionId: "warmup-overfitting", answer: i === 3 ? "underfitting" : "overfitting", idempotencyKey: newKey() }));
    }
    expectOk(await teacherSocket.call("question:reveal", { questionId: "warmup-overfitting" }));

    // Decay factor (numeric, own numbers): right, right, the factor-2 mistake, and one student does not answer.
    expectOk(await teacherSocket.call("activity:goto", { index: 3 }));
    const opened = students.map((s) => s.client.next("question:opened"));
    expectOk(await teacherSocket.call("question:open", { questionId: "l2-decay-factor" }));
    const views = await Promise.all(opened);
    // An unreadable answer first: refused, no attempt used, counted in the question's item statistics.
    const unreadable = await students[0].client.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.99.8", idempotencyKey: newKey() });
    expect(unreadable.ok ? null : unreadable.error.code).toBe("INVALID_ANSWER");
    for (const i of [0, 1, 2]) {
      const eta = promptNumber(views[i].view.prompt, "eta");
      const lambda = promptNumber(views[i].view.prompt, "lambda");
      const answer = i === 2 ? 1 - eta * lambda : 1 - 2 * eta * lambda;
      expectOk(await students[i].client.call("answer:submit", { questionId: "l2-decay-factor", answer: String(answer), idempotencyKey: newKey() }));
    }
    expectOk(await teacherSocket.call("question:reveal", { questionId: "l2-decay-factor" }));

    // The λ experiment: three students.
    expectOk(await teacherSocket.call("activity:goto", { index: 5 }));
    for (const [i, value] of [0.0001, 0.01, 1].entries()) {
      expectOk(await students[i].client.call("experiment:submit", { activityId: "lambda-experiment", value, idempotencyKey: newKey() }));
    }

    // Short text with commas, quotes and a line break.
    expectOk(await teacherSocket.call("activity:goto", { index: 8 }));
    expectOk(await teacherSocket.call("question:open", { questionId: "why-l1-zeros" }));
    expectOk(await students[1].client.call("answer:submit", { questionId: "why-l1-zeros", answer: "corners, \"diamond\"\nsecond line", idempotencyKey: newKey() }));
    expectOk(await teacherSocket.call("session:end", {}));

    const res = await alice.fetch(`/api/sessions/${session.sessionId}/report`);
    expect(res.status).toBe(200);
    liveReport = ((await res.json()) as { data: SessionReport }).data;
    const r = liveReport;
    expect(r.session.status).toBe("ended");
    // The warm-up is worth 0 points (a key, a correct rate, but no part of the score); the short text has no key.
    expect(r.overview).toMatchObject({ participants: 4, questionsAsked: 3, gradedQuestionsAsked: 1, maxScore: 1, responses: 8 });
    expect(r.overview.averageCorrectRate).toBeCloseTo(2 / 3, 12);
    expect(r.overview.completion).toBeCloseTo(8 / 12, 12);

    const warm = r.questions.find((q) => q.id === "warmup-overfitting")!;
    expect(warm).toMatchObject({ answered: 4, correct: 3, correctRate: 0.75, keyed: true, graded: false });
    expect(warm.distribution.find((d) => d.key === "option:overfitting")).toMatchObject({ count: 3, correct: true });
    expect(warm.distribution.find((d) => d.key === "option:underfitting")).toMatchObject({ count: 1, correct: false });

    const decay = r.questions.find((q) => q.id === "l2-decay-factor")!;
    expect(decay).toMatchObject({ answered: 3, correct: 2, paramsVary: expect.any(Boolean) });
    expect(decay.correctRate).toBeCloseTo(2 / 3, 12);
    expect(decay.mistakes.find((m) => m.key === "dropped-factor-2")!.count).toBe(1);
    expect(decay.mistakes.find((m) => m.key === "dropped-factor-2")!.feedback.length).toBeGreaterThan(10);
    expect(decay.medianMsToAnswer).toBeGreaterThanOrEqual(0);
    expect(decay.solution).toBeTruthy();
    expect(decay.item).toMatchObject({ unreadable: 1, unreadableStudents: 1, submissions: 4, unreadableShare: 0.25, discrimination: null });

    const why = r.questions.find((q) => q.id === "why-l1-zeros")!;
    expect(why.texts).toEqual([{ nickname: NICKS[1], text: "corners, \"diamond\"\nsecond line" }]);

    const byNick = new Map(r.students.map((s) => [s.nickname, s]));
    expect(byNick.get(NICKS[0])).toMatchObject({ answered: 2, correct: 1, graded: 1, score: 1, maxScore: 1, correctRate: 1 });
    expect(byNick.get(NICKS[1])).toMatchObject({ answered: 3, correct: 1, graded: 1, correctRate: 1 });
    expect(byNick.get(NICKS[2])).toMatchObject({ answered: 2, correct: 0, graded: 1, correctRate: 0 });
    expect(byNick.get(NICKS[3])).toMatchObject({ answered: 1, correct: 0, graded: 1, correctRate: 0 });
    // Each phone was told the same numbers when the class ended.
    for (const st of students) {
      const told = st.client.received.find((m) => m.event === "session:ended")?.payload as { answered: number; correct: number; graded: number; score: number; maxScore: number; asked: number };
      const mine = byNick.get(st.nickname)!;
      expect(told, st.nickname).toMatchObject({ asked: 3, answered: mine.answered, correct: mine.correct, graded: mine.graded, score: mine.score, maxScore: mine.maxScore });
    }

    expect(r.experiments).toHaveLength(1);
    expect(r.experiments[0].points.map((p) => p.value)).toEqual([0.0001, 0.01, 1]);
    const best = r.experiments[0].points.reduce((b, p) => (p.valLoss < b.valLoss ? p : b));
    expect(r.experiments[0].best).toMatchObject({ value: best.value, valLoss: best.valLoss });
    expect(r.experiments[0].label).toMatch(/λ/);
  });

  it("the responses CSV parses back to the stored rows and the refused ones, in words, with formula-leading cells made safe", async () => {
    const res = await alice.fetch(`/api/sessions/${session.sessionId}/export/responses.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="livelab-${session.code}-\\d{4}-\\d{2}-\\d{2}-responses\\.csv"`));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0].replace(/^\uFEFF/, "")).toBe("Session code,Student,Student ID,Q,Question,Question ID,Kind,Attempt,Final,Answer,Result,Score,Named mistake,Mistake key,Time to answer (s),Answered at (UTC),Student's numbers,Note"); // CRLF records (RFC 4180)
    const rows = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const stored = await server.db.prisma.response.findMany({ where: { sessionId: session.sessionId }, include: { participant: true } });
    const refused = await server.db.prisma.unreadableAnswer.findMany({ where: { sessionId: session.sessionId } });
    expect(refused).toHaveLength(1);
    expect(rows).toHaveLength(stored.length + refused.length);
    const inReport = new Map(liveReport.questions.map((q) => [q.id, q]));
    const word: Record<string, string> = { correct: "right", incorrect: "wrong", ungraded: "answered (not graded)" };
    for (const s of stored) {
      const row = rows.find((r) => r["Student ID"] === s.participantId && r["Question ID"] === s.questionId && Number(r.Attempt) === s.attempt)!;
      expect(row, `${s.participantId}/${s.questionId}`).toBeDefined();
      const q = inReport.get(s.questionId)!;
      expect(row.Student).toBe(spreadsheetSafe(s.participant.nickname));
      expect([row.Q, row.Question]).toEqual([`Q${q.n}`, q.title]);
      expect(row.Result).toBe(word[s.status]);
      // The warm-up is a poll worth no points: no score, though its stored row holds one.
      expect(row.Score).toBe(q.graded && s.score !== null ? String(s.score) : "");
      expect(row["Mistake key"]).toBe(s.feedbackKey === "dropped-factor-2" ? "dropped-factor-2" : "");
      expect(row["Named mistake"]).toBe(s.feedbackKey === "dropped-factor-2" ? "Used 1 − ηλ (dropped the 2)" : "");
      expect(row["Time to answer (s)"]).toBe(String(Math.round(s.msToAnswer! / 100) / 10));
      expect(new Date(row["Answered at (UTC)"]).getTime()).toBe(s.answeredAt.getTime());
    }
    expect(rows.filter((r) => r["Question ID"] === "warmup-overfitting").map((r) => r.Score)).toEqual(["", "", "", ""]);
    expect(rows.find((r) => r["Question ID"] === "warmup-overfitting" && r.Result === "right")!.Answer).toMatch(/^The model is overfitting/);
    // The refused answer is there, marked, with what was typed and why, and no attempt or score.
    const bad = rows.find((r) => r.Result.startsWith("unreadable"))!;
    expect(bad).toMatchObject({ "Student ID": refused[0].participantId, "Question ID": "l2-decay-factor", Answer: "0.99.8", Attempt: "", Final: "false", Score: "", Result: "unreadable (refused, no attempt used)" });
    expect(bad.Note.length).toBeGreaterThan(5);
    const decayRow = rows.find((r) => r["Question ID"] === "l2-decay-factor" && r.Result !== bad.Result)!;
    expect(decayRow["Student's numbers"]).toMatch(/^eta = [\d.]+, lambda = [\d.]+$/);
    // The hostile nicknames survive as text: nothing starts with a formula character any more.
    expect(new Set(rows.map((r) => r.Student))).toEqual(new Set(["'=HYPERLINK(\"http://x\")", "Smith, \"Jo\"", "'+1 Ana", "'@Zoë"]));
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+@\t\r]/);
    expect(rows.find((r) => r["Question ID"] === "why-l1-zeros")!.Answer).toBe("corners, \"diamond\"\nsecond line");
  });

  it("the students CSV has one row per student with the report's totals, in readable columns", async () => {
    const res = await alice.fetch(`/api/sessions/${session.sessionId}/export/students.csv`);
    const rows = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    const decay = liveReport.questions.find((q) => q.id === "l2-decay-factor")!;
    for (const s of liveReport.students) {
      const row = rows.find((r) => r["Student ID"] === s.id)!;
      expect(row.Student).toBe(spreadsheetSafe(s.nickname));
      expect(Number(row.Correct)).toBe(s.correct);
      expect(Number(row.Answered)).toBe(s.answered);
      expect(Number(row["Graded questions"])).toBe(s.graded);
      expect(Number(row.Score)).toBe(s.score);
      expect(Number(row.Maximum)).toBe(s.maxScore);
      expect(row["Correct rate (%)"]).toBe(s.correctRate === null ? "" : String(Math.round(s.correctRate * 1000) / 10));
      expect(row[`Q${decay.n} result`]).toBe({ correct: "right", incorrect: "wrong" }[s.answers["l2-decay-factor"]?.status ?? ""] ?? "not answered");
    }
    // Losses to four decimals, not sixteen digits.
    const lossColumn = Object.keys(rows[0]).find((h) => h.endsWith(": validation loss"))!;
    for (const r of rows) if (r[lossColumn]) expect(r[lossColumn]).toMatch(/^\d+(\.\d{1,4})?$/);
  });

  it("the gradebook CSV: one row per student with score and maximum, in the documented columns", async () => {
    const res = await alice.fetch(`/api/sessions/${session.sessionId}/export/gradebook.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/-gradebook\.csv"$/);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFF?Student,ID,Score,Maximum,Percent$/); // fetch's text() drops the BOM
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    for (const s of liveReport.students) {
      expect(rows.find((r) => r.ID === s.id), s.nickname).toEqual({ Student: spreadsheetSafe(s.nickname), ID: s.id, Score: String(s.score), Maximum: String(s.maxScore), Percent: String(Math.round((1000 * s.score) / s.maxScore) / 10) });
    }
  });

  it("what next: the teacher's threshold decides who needs help; a bad threshold is refused", async () => {
    const at = async (q: string) => ((await (await alice.fetch(`/api/sessions/${session.sessionId}/report${q}`)).json()) as { data: SessionReport }).data.whatNext;
    expect((await at("")).needsHelp.map((s) => s.nickname).sort()).toEqual([NICKS[2], NICKS[3]].sort());
    expect((await at("?helpBelow=0")).needsHelp).toEqual([]);
    expect((await at("?helpBelow=1")).helpBelow).toBe(1);
    for (const bad of ["2", "-0.1", "abc", ""]) {
      const res = await alice.fetch(`/api/sessions/${session.sessionId}/report?helpBelow=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
    }
  });

  it("only the owner sees a session: another teacher gets not found, anonymous users are sent to sign in", async () => {
    const id = session.sessionId;
    for (const path of [`/api/sessions/${id}/report`, `/api/sessions/${id}/export/responses.csv`, `/api/sessions/${id}/export/students.csv`, `/api/sessions/${id}/export/gradebook.csv`, `/api/sessions/${id}/export/report.xlsx`, `/api/compare?ids=${id},${id}x`]) {
      const other = await bob.fetch(path);
      expect(other.status, path).toBe(404);
      expect(((await other.json()) as { error: { code: string } }).error.code).toBe("SESSION_NOT_FOUND");
      const anon = await fetch(`${server.url}${path}`);
      expect(anon.status, path).toBe(401);
    }
    // Bob cannot delete it either, and it is still there afterwards.
    expect((await bob.fetch(`/api/sessions/${id}`, { method: "DELETE" })).status).toBe(404);
    expect(await server.db.prisma.classSession.count({ where: { id } })).toBe(1);
    // A guessed id answers exactly like another teacher's session.
    expect((await alice.fetch(`/api/sessions/not-a-session/report`)).status).toBe(404);
    // Lists are per teacher.
    const mine = ((await (await alice.fetch("/api/sessions")).json()) as { data: { id: string; participants: number; status: string; lessonTitle: string }[] }).data;
    expect(mine.map((s) => s.id)).toEqual([id]);
    expect(mine[0]).toMatchObject({ participants: 4, status: "ended", responses: 8 });
    expect(mine[0].lessonTitle.length).toBeGreaterThan(3);
    expect(((await (await bob.fetch("/api/sessions")).json()) as { data: unknown[] }).data).toEqual([]);
    // The teacher pages redirect anonymous visitors to the sign-in page (and back afterwards).
    const page = await fetch(`${server.url}/teach/reports/${id}`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/teach/reports/${id}`)}`);
    expect((await fetch(`${server.url}/teach`, { redirect: "manual" })).status).toBe(302);
  });

  it("sign-in works with the password, fails without it; sign-out and expired sessions end access", async () => {
    const again = await signInTeacher(server.url, alice.email, "correct horse battery");
    expect((await again.fetch("/api/me")).status).toBe(200);
    await expect(signInTeacher(server.url, alice.email, "wrong password")).rejects.toThrow(/401/);
    // A cross-site page cannot sign anyone in (origin check).
    const csrf = await fetch(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: "http://evil.example" }, body: JSON.stringify({ email: alice.email, password: "correct horse battery" }) });
    expect(csrf.status).toBe(403);
    // ...nor sign a signed-in teacher out.
    const csrfOut = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { "content-type": "application/json", origin: "http://evil.example", cookie: again.cookie }, body: "{}" });
    expect(csrfOut.status).toBe(403);
    expect((await again.fetch("/api/me")).status).toBe(200);

    const out = await again.fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(200);
    expect((await again.fetch("/api/sessions")).status).toBe(401);

    const third = await signInTeacher(server.url, alice.email, "correct horse battery");
    expect((await third.fetch("/api/sessions")).status).toBe(200);
    await server.db.prisma.authSession.updateMany({ where: { user: { email: alice.email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await third.fetch("/api/sessions")).status).toBe(401);
    alice = await signInTeacher(server.url, alice.email, "correct horse battery");
  });

  it("reports come from the database: the same after a restart", async () => {
    await server.stop();
    server = await startServer(tdb);
    // The test server signs cookies with a fresh key after a restart; sign in again.
    alice = await signInTeacher(server.url, alice.email, "correct horse battery");
    bob = await signInTeacher(server.url, bob.email, "correct horse battery");
    const after = ((await (await alice.fetch(`/api/sessions/${session.sessionId}/report`)).json()) as { data: SessionReport }).data;
    expect(after).toEqual(liveReport);
  });

  it("the owner deletes a session with its answers; it is gone everywhere", async () => {
    const id = session.sessionId;
    const res = await alice.fetch(`/api/sessions/${id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect((await alice.fetch(`/api/sessions/${id}/report`)).status).toBe(404);
    expect(await server.db.prisma.response.count({ where: { sessionId: id } })).toBe(0);
    expect(await server.db.prisma.participant.count({ where: { sessionId: id } })).toBe(0);
    expect(await server.db.prisma.experimentRun.count({ where: { sessionId: id } })).toBe(0);
    expect(await server.db.prisma.sessionEvent.count({ where: { sessionId: id } })).toBe(0);
    expect(((await (await alice.fetch("/api/sessions")).json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("deleting a class that is still running ends it for the phones first", async () => {
    const live = await alice.createSession();
    const phone = await connect(server.url);
    expectOk(await phone.call("session:join", { code: live.code, nickname: "Late" }));
    const dropped = new Promise<void>((resolve) => phone.socket.once("disconnect", () => resolve()));
    expect((await alice.fetch(`/api/sessions/${live.sessionId}`, { method: "DELETE" })).status).toBe(200);
    await dropped;
    expect(phone.received.some((m) => m.event === "session:ended")).toBe(true);
    expect(server.app.rooms.get(live.sessionId)).toBeUndefined();
    const rejoin = await connect(server.url);
    const r = await rejoin.call("session:join", { code: live.code, nickname: "Later" });
    expect(r.ok).toBe(false);
    rejoin.close();
    phone.close();
  });

  it("across classes: two sections of the lesson side by side; only the owner's, only one lesson", async () => {
    const sections = [];
    for (const answers of [["0.5", "0.5"], ["0.5"]]) {
      const live = await alice.createSession();
      const host = await connect(server.url);
      expectOk(await host.call("host:attach", { sessionId: live.sessionId, hostSecret: live.hostSecret }));
      expectOk(await host.call("activity:goto", { index: 3 }));
      expectOk(await host.call("question:open", { questionId: "l2-decay-factor" }));
      for (const [i, answer] of answers.entries()) {
        const c = await connect(server.url);
        expectOk(await c.call("session:join", { code: live.code, nickname: `S${i}` }));
        expectOk(await c.call("answer:submit", { questionId: "l2-decay-factor", answer, idempotencyKey: newKey() }));
        c.close();
      }
      expectOk(await host.call("session:end", {}));
      host.close();
      sections.push(live.sessionId);
    }
    const res = await alice.fetch(`/api/compare?ids=${sections.join(",")}`);
    expect(res.status).toBe(200);
    const c = ((await res.json()) as { data: { classes: { id: string; participants: number }[]; questions: { questionId: string; classes: { answered: number; correctRate: number }[] }[] } }).data;
    expect(c.classes.map((x) => [x.id, x.participants])).toEqual([[sections[0], 2], [sections[1], 1]]);
    expect(c.questions).toEqual([{ questionId: "l2-decay-factor", title: expect.any(String), kind: "numeric", classes: [{ answered: 2, correctRate: 0 }, { answered: 1, correctRate: 0 }] }]);
    expect((await alice.fetch(`/api/compare?ids=${sections[0]}`)).status).toBe(400);
    expect((await bob.fetch(`/api/compare?ids=${sections.join(",")}`)).status).toBe(404);
  });

  it("db:seed's demo class is a real report, and rerunning keeps it", async () => {
    const first = await seedDemo(server.db, server.app.auth);
    const second = await seedDemo(server.db, server.app.auth);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, sessionId: first.sessionId });
    const demo = await signInTeacher(server.url, first.email, first.password);
    const r = ((await (await demo.fetch(`/api/sessions/${first.sessionId}/report`)).json()) as { data: SessionReport }).data;
    expect(r.session.status).toBe("ended");
    expect(r.overview.participants).toBe(24);
    expect(r.overview.questionsAsked).toBeGreaterThanOrEqual(10);
    expect(r.overview.averageCorrectRate!).toBeGreaterThan(0.3);
    expect(r.overview.averageCorrectRate!).toBeLessThan(0.95);
    expect(r.questions.some((q) => q.mistakes.some((m) => m.count > 0))).toBe(true);
    expect(r.experiments[0].points.length).toBeGreaterThan(15);
    // Times to answer look like a class, not like a script: seconds, not milliseconds.
    expect(r.questions[0].medianMsToAnswer!).toBeGreaterThan(5000);
    // Bob still sees none of it.
    expect((await bob.fetch(`/api/sessions/${first.sessionId}/report`)).status).toBe(404);
  }, 60_000);
});

describe("CSV cells", () => {
  it("row ids never start with a character spreadsheets read as a formula", () => {
    for (let i = 0; i < 5000; i++) expect(newId()).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{15}$/);
  });

  it("formula-leading text gets an apostrophe; numbers and plain text do not", () => {
    expect(["=1+1", "+1 Ana", "-x", "@SUM(A1)", "\tx", "\rx", "plain", "", "a=b"].map(spreadsheetSafe)).toEqual(["'=1+1", "'+1 Ana", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "plain", "", "a=b"]);
    // A typed number is not a formula: it stays a number. Only what is not a valid number is guarded.
    expect(["-0.5", "-0.81", "+1", "-1e-3", "-.5", "+2.", "-0.5+1", "-", "-2*lambda*w", "--1", "-1e", "-0x10", "- 1"].map(spreadsheetSafe))
      .toEqual(["-0.5", "-0.81", "+1", "-1e-3", "-.5", "+2.", "'-0.5+1", "'-", "'-2*lambda*w", "'--1", "'-1e", "'-0x10", "'- 1"]);
    const csv = toCsv(["name", "value"], [["-x, \"y\"\nz", -0.5], [null, true]]);
    expect(csv).toBe("\uFEFFname,value\r\n\"'-x, \"\"y\"\"\nz\",-0.5\r\n,true\r\n");
    expect(parse(csv, { bom: true })).toEqual([["name", "value"], ["'-x, \"y\"\nz", "-0.5"], ["", "true"]]);
  });
});
