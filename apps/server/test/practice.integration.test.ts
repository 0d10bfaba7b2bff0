/**
 * Practice after class, end to end on a real server and database (PGlite and PostgreSQL): a
 * class (roster) its students join once; a live class run for it, where they join as themselves;
 * practice on the same skills; a second live class — one history per student, the mastery rule
 * reading all of it; resends counted once; and a deleted student leaving no row behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, connect, expectOk, newKey, promptNumber, serverPerSuite, signUpTeacher, type Client, type TeacherClient } from "./helpers.ts";
import { itemTemplate, joinClass, mistakenAnswer, rightAnswer, signInStudent, type StudentClient } from "./support/practiceClient.ts";

describe.each(backends())("practice after class on %s", (backend) => {
  const ctx = serverPerSuite(backend);
  let teacher: TeacherClient;
  let classroom: { id: string; code: string };
  let ada: StudentClient;
  let bo: StudentClient;
  const sockets: Client[] = [];
  let firstSession: { sessionId: string; code: string; hostSecret: string };

  const api = async <T,>(method: string, path: string, body?: unknown) => {
    const res = await teacher.fetch(path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data: T; error?: { code: string } } };
  };
  const studentIdOf = async (name: string) => (await ctx.server.db.prisma.student.findFirstOrThrow({ where: { name, classroomId: classroom.id } })).id;

  /**
   * A live class run for the roster; Ada and Bo join as themselves and answer l2-decay-factor (Ada
   * right, Bo with the named mistake). With `poll`, Ada first answers the warm-up poll (no points) wrong.
   */
  async function liveClass(poll = false): Promise<{ sessionId: string; code: string; hostSecret: string; adaSeat: string }> {
    const s = await api<{ sessionId: string; code: string; hostSecret: string }>("POST", `/api/classes/${classroom.id}/sessions`, {});
    expect(s.status).toBe(201);
    const host = await connect(ctx.server.url);
    sockets.push(host);
    expectOk(await host.call("host:attach", { sessionId: s.body.data.sessionId, hostSecret: s.body.data.hostSecret }));
    const seats: Record<string, string> = {};
    const phones: Record<string, Client> = {};
    for (const [name, student] of [["Ada", ada], ["Bo", bo]] as const) {
      const phone = await connect(ctx.server.url, { cookie: student.cookie });
      sockets.push(phone);
      const joined = expectOk(await phone.call("session:joinRoster", { code: s.body.data.code }));
      expect(joined.nickname).toBe(name);
      seats[name] = joined.participantId;
      phones[name] = phone;
    }
    if (poll) {
      const pollOpened = phones.Ada.next("question:opened");
      expectOk(await host.call("question:open", { questionId: "warmup-overfitting" }));
      await pollOpened;
      expectOk(await phones.Ada.call("answer:submit", { questionId: "warmup-overfitting", answer: "underfitting", idempotencyKey: newKey() }));
      expectOk(await host.call("question:close", { questionId: "warmup-overfitting" }));
    }
    expectOk(await host.call("activity:goto", { index: 3 }));
    const opened = Object.values(phones).map((p) => p.next("question:opened"));
    expectOk(await host.call("question:open", { questionId: "l2-decay-factor" }));
    const [adaQ, boQ] = await Promise.all(opened);
    const value = (q: typeof adaQ, right: boolean) => {
      const eta = promptNumber(q.view.prompt, "eta");
      const lambda = promptNumber(q.view.prompt, "lambda");
      return String(right ? 1 - 2 * eta * lambda : 1 - eta * lambda);
    };
    expectOk(await phones.Ada.call("answer:submit", { questionId: "l2-decay-factor", answer: value(adaQ, true), idempotencyKey: newKey() }));
    expectOk(await phones.Bo.call("answer:submit", { questionId: "l2-decay-factor", answer: value(boQ, false), idempotencyKey: newKey() }));
    expectOk(await host.call("session:end", {}));
    return { ...s.body.data, adaSeat: seats.Ada };
  }

  beforeAll(async () => {
    teacher = await signUpTeacher(ctx.server.url, { name: "Ms Rivera" });
    const created = await api<{ id: string; code: string }>("POST", "/api/classes", { name: "9B Physics" });
    expect(created.status).toBe(201);
    classroom = created.body.data;
    expect(classroom.code).toMatch(/^[A-Z2-9]{7}$/);
    ada = await joinClass(ctx.server.url, classroom.code, "Ada", "1357");
    bo = await joinClass(ctx.server.url, classroom.code, "Bo");
  });
  afterAll(() => { for (const s of sockets) s.close(); });

  it("a class code is looked up; a name is taken once (case- and look-alike-insensitive); the roster lists both", async () => {
    const look = await fetch(`${ctx.server.url}/api/class/${classroom.code.toLowerCase()}`).then((r) => r.json());
    expect(look).toEqual({ ok: true, data: { className: "9B Physics", teacherName: "Ms Rivera", joinOpen: true } });
    const again = await fetch(`${ctx.server.url}/api/class/join`, { method: "POST", headers: { origin: ctx.server.url, "content-type": "application/json" }, body: JSON.stringify({ code: classroom.code, name: "ADA", pin: "1111" }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("STUDENT_NAME_TAKEN");
    const detail = await api<{ roster: { name: string }[] }>("GET", `/api/classes/${classroom.id}`);
    expect(detail.body.data.roster.map((s) => s.name)).toEqual(["Ada", "Bo"]);
  });

  it("a live class for the class: nicknames are refused, roster students join as themselves, from any device the same seat", async () => {
    firstSession = await liveClass();
    const stranger = await connect(ctx.server.url);
    sockets.push(stranger);
    const s2 = await api<{ sessionId: string; code: string; hostSecret: string }>("POST", `/api/classes/${classroom.id}/sessions`, {});
    // The code check before the nickname already says so, so a phone goes to the class sign-in at once.
    expect(await stranger.call("session:check", { code: s2.body.data.code })).toMatchObject({ ok: false, error: { code: "CLASS_SIGN_IN_REQUIRED" } });
    const refused = await stranger.call("session:join", { code: s2.body.data.code, nickname: "Mallory" });
    expect(refused).toMatchObject({ ok: false, error: { code: "CLASS_SIGN_IN_REQUIRED" } });
    const noCookie = await stranger.call("session:joinRoster", { code: s2.body.data.code });
    expect(noCookie).toMatchObject({ ok: false, error: { code: "CLASS_SIGN_IN_REQUIRED" } });
    // Ada on a second device (signed in with class code, name and PIN): the same seat as her phone's.
    const laptop = (await signInStudent(ctx.server.url, { code: classroom.code, name: "ada", pin: "1357" })).client!;
    const onPhone = await connect(ctx.server.url, { cookie: ada.cookie });
    const onLaptop = await connect(ctx.server.url, { cookie: laptop.cookie });
    sockets.push(onPhone, onLaptop);
    const a = expectOk(await onPhone.call("session:joinRoster", { code: s2.body.data.code }));
    const b = expectOk(await onLaptop.call("session:joinRoster", { code: s2.body.data.code }));
    expect(b.participantId).toBe(a.participantId);
    expect(await ctx.server.db.prisma.participant.count({ where: { sessionId: s2.body.data.sessionId } })).toBe(1);
    // Ended: the seat's owner still gets their summary; nobody new gets in.
    const host = await connect(ctx.server.url);
    sockets.push(host);
    expectOk(await host.call("host:attach", { sessionId: s2.body.data.sessionId, hostSecret: s2.body.data.hostSecret }));
    expectOk(await host.call("session:end", {}));
    const after = await connect(ctx.server.url, { cookie: ada.cookie });
    sockets.push(after);
    expect(expectOk(await after.call("session:joinRoster", { code: s2.body.data.code })).summary).not.toBeNull();
  });

  it("a session names the class it was run for: the sessions list, the console's header and the report", async () => {
    const list = await api<{ id: string; className: string | null; classroomId: string | null }[]>("GET", "/api/sessions");
    expect(list.body.data.find((s) => s.id === firstSession.sessionId)).toMatchObject({ className: "9B Physics", classroomId: classroom.id });
    const own = await api<{ sessionId: string }>("POST", "/api/sessions", {});
    expect(list.status).toBe(200);
    const all = await api<{ id: string; className: string | null; classroomId: string | null }[]>("GET", "/api/sessions");
    expect(all.body.data.find((s) => s.id === own.body.data.sessionId)).toMatchObject({ className: null, classroomId: null });
    expect((await api("GET", `/api/sessions/${firstSession.sessionId}/class`)).body).toEqual({ ok: true, data: { classroom: { id: classroom.id, name: "9B Physics" } } });
    expect((await api("GET", `/api/sessions/${own.body.data.sessionId}/class`)).body).toEqual({ ok: true, data: { classroom: null } });
    const report = await api<{ session: { classroom: unknown } }>("GET", `/api/sessions/${firstSession.sessionId}/report`);
    expect(report.body.data.session.classroom).toEqual({ id: classroom.id, name: "9B Physics" });
    // Another teacher's session is not found, as everywhere.
    const other = await signUpTeacher(ctx.server.url);
    expect((await other.fetch(`/api/sessions/${firstSession.sessionId}/class`)).status).toBe(404);
    expect((await api("DELETE", `/api/sessions/${own.body.data.sessionId}`)).status).toBe(200);
  });

  it("practice: gates hold, an assignment opens its skills, a wrong attempt gets its named mistake and worked solution", async () => {
    // Regularization is behind the two diagnostics.
    const locked = await ada.call("POST", "/api/student/practice/next", { skill: "l2-decay" });
    expect(locked.status).toBe(403);
    expect(locked.body).toMatchObject({ ok: false, error: { code: "SKILL_LOCKED", message: expect.stringContaining("Regularization opens once you have mastered") } });
    const assigned = await api<{ id: string }>("POST", `/api/classes/${classroom.id}/assignments`, { title: "Weight decay", skills: ["l2-decay"], dueAt: "2027-01-15T16:00:00Z" });
    expect(assigned.status).toBe(201);

    // Ada: one right live answer so far. The live answer and practice make one row of three.
    let item = await ada.next("l2-decay", assigned.body.data.id);
    expect(item.state).toMatchObject({ level: "practising", streak: 1, needed: 2 });
    expect(JSON.stringify(item)).not.toMatch(/"answer"|mistakes|solution|"expected"/);
    // The same item until it is answered (a reload does not draw new numbers).
    expect((await ada.next("l2-decay")).itemId).toBe(item.itemId);

    const wrong = await mistakenAnswer(ctx.server.db, item.itemId);
    const r1 = await ada.attempt(item.itemId, wrong.answer, newKey());
    expect(r1.status).toBe(200);
    if (!r1.body.ok) throw new Error("refused");
    expect(r1.body.data.feedback).toMatchObject({ correct: false, headline: "Not quite." });
    if (wrong.key) expect(r1.body.data.feedback.feedbackKey).toBe(wrong.key);
    expect(r1.body.data.feedback.solution.length).toBeGreaterThan(10);
    expect(r1.body.data.state).toMatchObject({ streak: 0, needed: 3 });

    // A fresh variant next, and three right in a row master it.
    let previous = item;
    for (let i = 0; i < 3; i++) {
      item = await ada.next("l2-decay");
      expect(item.itemId).not.toBe(previous.itemId);
      const [a, b] = await Promise.all([itemTemplate(ctx.server.db, item.itemId), itemTemplate(ctx.server.db, previous.itemId)]);
      expect(`${a.template.id}${JSON.stringify(a.params)}`).not.toBe(`${b.template.id}${JSON.stringify(b.params)}`);
      const key = newKey();
      const r = await ada.attempt(item.itemId, await rightAnswer(ctx.server.db, item.itemId), key);
      if (!r.body.ok) throw new Error(r.body.error.message);
      expect(r.body.data.feedback.correct).toBe(true);
      expect(r.body.data.hintUsed).toBe(false);
      expect(r.body.data.mastered).toBe(i === 2);
      // A resend of the same attempt (the answer came back to a phone that had lost the connection): stored once.
      const again = await ada.attempt(item.itemId, await rightAnswer(ctx.server.db, item.itemId), key);
      expect(again.body).toMatchObject({ ok: true, data: { duplicate: true, feedback: { correct: true } } });
      previous = item;
    }
    expect(await ctx.server.db.prisma.practiceAttempt.count({ where: { studentId: await studentIdOf("Ada") } })).toBe(4);
    const home = await ada.home();
    expect(home.assignments).toEqual([expect.objectContaining({ title: "Weight decay", complete: true })]);
    expect(home.nodes.find((n) => n.id === "regularization")!.skills.find((s) => s.skill === "l2-decay")!.level).toBe("mastered");
  });

  it("an unreadable answer is refused and stores nothing; a hint is recorded and that attempt does not count", async () => {
    const item = await bo.next("gradient-step");
    const bad = await bo.attempt(item.itemId, "twelve", newKey());
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: "INVALID_ANSWER" } });
    const hint = await bo.call<{ hint: string }>("POST", `/api/student/practice/items/${item.itemId}/hint`);
    expect(hint.body).toMatchObject({ ok: true, data: { hint: expect.any(String) } });
    const r = await bo.attempt(item.itemId, await rightAnswer(ctx.server.db, item.itemId), newKey());
    expect(r.body).toMatchObject({ ok: true, data: { feedback: { correct: true }, hintUsed: true, state: { streak: 0, level: "practising" } } });
    expect((await ctx.server.db.prisma.practiceAttempt.findFirstOrThrow({ where: { itemId: item.itemId } })).hintUsed).toBe(true);
  });

  it("a second live class adds to the same history: the grid and the evidence read live and practice answers as one", async () => {
    const second = await liveClass(true);
    const adaId = await studentIdOf("Ada");
    // Ada's wrong answer to the warm-up poll (worth no points) is stored, but is evidence of nothing.
    expect(await ctx.server.db.prisma.response.count({ where: { questionId: "warmup-overfitting", participant: { studentId: adaId } } })).toBe(1);
    const pollSkill = await api<unknown[]>("GET", `/api/classes/${classroom.id}/students/${adaId}/evidence?skill=choosing-regularization`);
    expect(pollSkill.body.data).toEqual([]);
    const seats = await ctx.server.db.prisma.participant.findMany({ where: { studentId: adaId }, select: { sessionId: true } });
    expect(seats).toHaveLength(3); // the first class, the short one ended at once, the second
    expect(seats.map((s) => s.sessionId)).toEqual(expect.arrayContaining([firstSession.sessionId, second.sessionId]));
    const evidence = await api<{ source: string; correct: boolean }[]>("GET", `/api/classes/${classroom.id}/students/${adaId}/evidence?skill=l2-decay`);
    // Newest first: live (second class), 3 practice right, 1 practice wrong, live (first class).
    expect(evidence.body.data.map((e) => `${e.source}:${e.correct}`)).toEqual(["live:true", "practice:true", "practice:true", "practice:true", "practice:false", "live:true"]);
    const grid = await api<{ rows: { name: string; cells: Record<string, { level: string; attempts: number; misconceptions: { key: string }[] }> }[]; assignments: { complete: number; of: number }[] }>("GET", `/api/classes/${classroom.id}/mastery`);
    const row = (name: string) => grid.body.data.rows.find((r) => r.name === name)!;
    expect(row("Ada").cells["l2-decay"]).toMatchObject({ level: "mastered", attempts: 6 });
    expect(row("Ada").cells["choosing-regularization"]?.attempts ?? 0).toBe(0);
    // Bo made the named mistake in both live classes: a misconception.
    expect(row("Bo").cells["l2-decay"].misconceptions.map((m) => m.key)).toEqual(["dropped-factor-2"]);
    expect(grid.body.data.assignments[0]).toMatchObject({ complete: 1, of: 2 });
    const csv = await teacher.fetch(`/api/classes/${classroom.id}/export/mastery.csv`);
    const text = await csv.text();
    const [header, ...lines] = text.replace(/^\uFEFF/, "").split("\r\n");
    const columns = header.split(",");
    expect(columns.slice(0, 3)).toEqual(["Student", "Student ID", "Skills mastered"]);
    // Skills by their titles, levels in the grid's words: no internal id in a header or a cell.
    const level = columns.indexOf("L2 weight decay: level");
    expect(level).toBeGreaterThan(2);
    expect(columns.some((c) => c.includes("l2-decay"))).toBe(false);
    const ada = lines.find((l) => l.startsWith("Ada,"))!.split(",");
    expect(ada[2]).toBe("1");
    expect(ada.slice(level, level + 4)).toEqual(["mastered", "5", "6", "no"]);
  });

  it("an assignment due in the past is refused; the same open assignment is not created twice, even on two clicks at once", async () => {
    const count = () => ctx.server.db.prisma.assignment.count({ where: { classroomId: classroom.id } });
    const before = await count();
    const past = await api("POST", `/api/classes/${classroom.id}/assignments`, { title: "Late", skills: ["l2-decay"], dueAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ ok: false, error: { code: "DUE_DATE_PAST", message: expect.stringMatching(/^That due date is already past\./) } });
    expect(await count()).toBe(before);
    // A report's "Assign practice" clicked twice at once, then again after a reload (skills in another order).
    const body = { title: "After the lesson: L2, choosing", skills: ["l2-decay", "choosing-regularization"], dueAt: "2027-02-01T22:59:00.000Z" };
    const [a, b] = await Promise.all([1, 2].map(() => api<{ id: string; existing: boolean }>("POST", `/api/classes/${classroom.id}/assignments`, body)));
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.data.id).toBe(b.body.data.id);
    const again = await api<{ id: string; existing: boolean }>("POST", `/api/classes/${classroom.id}/assignments`, { ...body, skills: ["choosing-regularization", "l2-decay"] });
    expect(again).toMatchObject({ status: 200, body: { data: { id: a.body.data.id, existing: true } } });
    expect(await count()).toBe(before + 1);
    // Another due date, or other skills, is other work.
    const later = await api<{ id: string; existing: boolean }>("POST", `/api/classes/${classroom.id}/assignments`, { ...body, dueAt: "2027-02-08T22:59:00.000Z" });
    const fewer = await api<{ id: string; existing: boolean }>("POST", `/api/classes/${classroom.id}/assignments`, { ...body, skills: ["l2-decay"] });
    expect([later.status, fewer.status, later.body.data.existing, fewer.body.data.existing]).toEqual([201, 201, false, false]);
    expect(await count()).toBe(before + 3);
    for (const id of [a.body.data.id, later.body.data.id, fewer.body.data.id]) expect((await api("DELETE", `/api/classes/${classroom.id}/assignments/${id}`)).status).toBe(200);
  });

  it("another teacher sees none of it", async () => {
    const other = await signUpTeacher(ctx.server.url);
    for (const path of [`/api/classes/${classroom.id}`, `/api/classes/${classroom.id}/mastery`, `/api/classes/${classroom.id}/export/mastery.csv`]) {
      const res = await other.fetch(path);
      expect(res.status).toBe(404);
    }
    expect((await other.fetch(`/api/classes/${classroom.id}/students/${await studentIdOf("Ada")}`, { method: "DELETE" })).status).toBe(404);
  });

  it("deleting a student leaves no row of theirs: roster, devices, practice, live seats, answers, log events", async () => {
    const adaId = await studentIdOf("Ada");
    const db = ctx.server.db;
    // Two classes still running: in one the teacher removed Ada (a log event names her seat), in the other she sits.
    const open = async () => {
      const s = (await api<{ sessionId: string; code: string; hostSecret: string }>("POST", `/api/classes/${classroom.id}/sessions`, {})).body.data;
      const host = await connect(ctx.server.url);
      const phone = await connect(ctx.server.url, { cookie: ada.cookie });
      sockets.push(host, phone);
      expectOk(await host.call("host:attach", { sessionId: s.sessionId, hostSecret: s.hostSecret }));
      const seat = expectOk(await phone.call("session:joinRoster", { code: s.code })).participantId;
      return { host, phone, seat };
    };
    const removedFrom = await open();
    expectOk(await removedFrom.host.call("participant:remove", { participantId: removedFrom.seat }));
    const sitting = await open();
    const seatIds = (await db.prisma.participant.findMany({ where: { studentId: adaId }, select: { id: true } })).map((p) => p.id);
    expect(seatIds.length).toBe(5);
    const eventsNaming = async () => Number((await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "SessionEvent" WHERE payload->>'participantId' = ANY($1::text[])`, [seatIds],
    ))[0].n);
    expect(await eventsNaming()).toBe(1);
    expect(await db.prisma.response.count({ where: { participantId: { in: seatIds } } })).toBeGreaterThan(0);

    const devices = await db.prisma.studentDevice.count({ where: { studentId: adaId } });
    expect(devices).toBeGreaterThan(0);
    const told = sitting.phone.next("participant:removed");
    const res = await api("DELETE", `/api/classes/${classroom.id}/students/${adaId}`);
    expect(res.status).toBe(200);
    await told; // taken out of the running class first
    expect(await eventsNaming()).toBe(0);
    const anyRow = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM "Student" WHERE id = $1) + (SELECT count(*) FROM "StudentDevice" WHERE "studentId" = $1)
            + (SELECT count(*) FROM "PracticeItem" WHERE "studentId" = $1) + (SELECT count(*) FROM "PracticeAttempt" WHERE "studentId" = $1)
            + (SELECT count(*) FROM "Participant" WHERE "studentId" = $1 OR id = ANY($2::text[]))
            + (SELECT count(*) FROM "Response" WHERE "participantId" = ANY($2::text[]))
            + (SELECT count(*) FROM "UnreadableAnswer" WHERE "participantId" = ANY($2::text[]))
            + (SELECT count(*) FROM "ExperimentRun" WHERE "participantId" = ANY($2::text[]))
            + (SELECT count(*) FROM "SessionEvent" WHERE payload::text LIKE ANY(SELECT '%' || x || '%' FROM unnest($2::text[] || ARRAY[$1]) x)) AS n`,
      [adaId, seatIds],
    );
    expect(Number(anyRow[0].n)).toBe(0);
    // Nor her name in any table.
    const named = await db.query<{ n: number }>(`SELECT (SELECT count(*) FROM "Participant" WHERE nickname = 'Ada') + (SELECT count(*) FROM "Student" WHERE name = 'Ada') AS n`);
    expect(Number(named[0].n)).toBe(0);
    // Her device is signed out, and told why (by its token's hash only: nothing in that table names her); Bo is untouched.
    const gone = await ada.call("GET", "/api/student/home");
    expect(gone.status).toBe(401);
    expect(gone.body).toMatchObject({ ok: false, error: { code: "SIGNED_OUT", message: expect.stringMatching(/^your teacher removed you from this class/) } });
    expect(await db.prisma.signedOutDevice.findMany({ select: { reason: true } })).toEqual(Array.from({ length: devices }, () => ({ reason: "removed" })));
    expect((await bo.home()).student.name).toBe("Bo");
    expect(await db.prisma.participant.count({ where: { student: { name: "Bo" } } })).toBe(2);
  });
});
