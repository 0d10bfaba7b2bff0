/**
 * The room's screens over real sockets: a teacher's console and projector from any browser they
 * are signed into (the handshake's sign-in cookie), a view-only screen paired by code that can
 * send no command and stops when revoked, a timed question closed by the server's clock with
 * "add time", unreadable answers the teacher sees, the anonymous text wall and the students'
 * look-back after class. PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 */
import { CLIENT_EVENTS, TEACHER_EVENTS, type ClientEventName, type StageView } from "@livelab/core/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, connect, expectOk, newKey, promptNumber, serverPerSuite, signUpTeacher, type Client, type TeacherClient } from "./helpers.ts";

/** A valid payload for every teacher command: the server must refuse each one from a screen for its role, not its shape. */
const TEACHER_PAYLOADS: Record<keyof typeof TEACHER_EVENTS, unknown> = {
  "host:attach": { sessionId: "x" },
  "activity:goto": { index: 1 },
  "session:lock": { locked: true },
  "session:pause": { paused: true },
  "question:open": { questionId: "warmup-overfitting" },
  "question:close": { questionId: "warmup-overfitting" },
  "question:reveal": { questionId: "warmup-overfitting" },
  "participant:remove": { participantId: "p1" },
  "session:end": {},
  "sim:control": { op: "play" },
  "projector:show": { questionId: null },
  "stage:set": { blank: true },
  "question:extend": { questionId: "warmup-overfitting", seconds: 30 },
  "text:moderate": { questionId: "why-l1-zeros", participantId: "p1", hidden: true },
  "viewer:pair": {},
  "viewer:revoke": {},
};

describe.each(backends())("screens of a class on %s", (backend) => {
  const ctx = serverPerSuite(backend);
  let owner: TeacherClient;
  let session: { sessionId: string; code: string; hostSecret: string };
  let consoleB: Client;
  let livePairCode = "";
  const clients: Client[] = [];
  const open = async (o: { cookie?: string } = {}) => {
    const c = await connect(ctx.server.url, o);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    owner = await signUpTeacher(ctx.server.url);
    session = await owner.createSession();
  });
  afterAll(() => { for (const c of clients) c.close(); });

  it("the signed-in teacher runs their session from a second browser without the host secret; nobody else can", async () => {
    consoleB = await open({ cookie: owner.cookie });
    const attached = expectOk(await consoleB.call("host:attach", { sessionId: session.sessionId }));
    expect(attached.joinUrl).toBe(`http://livelab.test/join/${session.code}`);
    expect(attached.state.lesson.activities[3].questions[0].params.map((p) => p.label)).toEqual(["η", "λ"]);
    expectOk(await consoleB.call("activity:goto", { index: 1 }));
    const other = await signUpTeacher(ctx.server.url);
    const intruder = await open({ cookie: other.cookie });
    expect(await intruder.call("host:attach", { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const anonymous = await open();
    expect(await anonymous.call("host:attach", { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await anonymous.call("stage:attach", { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // A forged cookie is checked by Better Auth, not trusted.
    const forged = await open({ cookie: owner.cookie.replace(/=([^.;]{4})/, "=AAAA") });
    expect(await forged.call("host:attach", { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("the owner's projector follows the stage and cannot send a command", async () => {
    const projector = await open({ cookie: owner.cookie });
    const a = expectOk(await projector.call("stage:attach", { sessionId: session.sessionId }));
    expect(a.role).toBe("owner");
    expect(a.stage.activity.index).toBe(1);
    expectOk(await consoleB.call("stage:set", { blank: true }));
    expect((await projector.waitFor("stage:state", (s) => s.blank, 5000)).blank).toBe(true);
    expect(await projector.call("stage:set", { blank: false })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expectOk(await consoleB.call("stage:set", { blank: false }));
  });

  it("a screen paired by code is view-only: the server refuses every teacher command; revoking stops it, and so does a new code", async () => {
    const pair = expectOk(await consoleB.call("viewer:pair", {}));
    expect(pair.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(pair.pairUrl).toBe(`http://livelab.test/pair#${pair.code}`);
    const screen = await open();
    const a = expectOk(await screen.call("stage:attach", { pairCode: pair.code.toLowerCase() }));
    expect(a.role).toBe("viewer");
    expect(JSON.stringify(a.stage)).not.toMatch(/teacherNotes|participantId|hostSecret/);
    for (const event of Object.keys(TEACHER_EVENTS) as (keyof typeof TEACHER_EVENTS)[]) {
      const r = await screen.callRaw(event, TEACHER_PAYLOADS[event]);
      expect(r, event).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    // Nor can it act as a student or attach as another screen.
    expect(await screen.call("session:join", { code: session.code, nickname: "Screen" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await screen.call("answer:submit", { questionId: "warmup-overfitting", answer: "overfitting", idempotencyKey: newKey() })).toMatchObject({ ok: false, error: { code: "NOT_AUTHENTICATED" } });
    expect(Object.keys(TEACHER_PAYLOADS).sort()).toEqual((Object.keys(CLIENT_EVENTS) as ClientEventName[]).filter((e) => e in TEACHER_EVENTS).sort());
    // Nothing changed: the stage is still on activity 2, not blank.
    expect(a.stage.blank).toBe(false);
    // The console revokes: the screen is disconnected and its code no longer works.
    const gone = new Promise<void>((resolve) => screen.socket.once("disconnect", () => resolve()));
    expectOk(await consoleB.call("viewer:revoke", {}));
    await gone;
    const retry = await open();
    expect(await retry.call("stage:attach", { pairCode: pair.code })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // A second code, then a third: the second stops working.
    const second = expectOk(await consoleB.call("viewer:pair", {}));
    const third = expectOk(await consoleB.call("viewer:pair", {}));
    const s2 = await open();
    expect(await s2.call("stage:attach", { pairCode: second.code })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const s3 = await open();
    expectOk(await s3.call("stage:attach", { pairCode: third.code }));
    livePairCode = third.code;
  });

  it("a timed question closes on the server's clock; 'add time' moves the deadline; a late answer is refused", async () => {
    const phone = await open();
    expectOk(await phone.call("session:join", { code: session.code, nickname: "Ada" }));
    const late = await open();
    expectOk(await late.call("session:join", { code: session.code, nickname: "Lin" }));
    const projector = await open({ cookie: owner.cookie });
    expectOk(await projector.call("stage:attach", { sessionId: session.sessionId }));
    expectOk(await consoleB.call("activity:goto", { index: 3 }));
    const opened = phone.next("question:opened");
    const t0 = Date.now();
    expectOk(await consoleB.call("question:open", { questionId: "l2-decay-factor", durationSec: 5 }));
    const q = await opened;
    const onStage = await projector.waitFor("stage:state", (s) => s.question?.questionId === "l2-decay-factor", 5000);
    expect(onStage.question!.deadline).toBe(q.deadline);
    expect(q.deadline! - t0).toBeGreaterThan(4500);
    expectOk(await consoleB.call("question:extend", { questionId: "l2-decay-factor", seconds: 5 }));
    const extended = await projector.waitFor("stage:state", (s) => (s.question?.deadline ?? 0) > q.deadline!, 5000);
    expect(extended.question!.deadline).toBe(q.deadline! + 5000);
    // Unreadable: refused, and the console is told who tried.
    expect(await phone.call("answer:submit", { questionId: "l2-decay-factor", answer: "zero point nine", idempotencyKey: newKey() })).toMatchObject({ ok: false, error: { code: "INVALID_ANSWER" } });
    const progress = await consoleB.waitFor("class:progress", (p) => (p.questions[0]?.unreadableBy.length ?? 0) === 1, 5000);
    expect(progress.questions[0].bars.find((b) => b.tone === "unreadable")?.label).toBe("Tried — unreadable");
    const eta = promptNumber(q.view.prompt, "eta");
    const lambda = promptNumber(q.view.prompt, "lambda");
    expectOk(await phone.call("answer:submit", { questionId: "l2-decay-factor", answer: String(1 - 2 * eta * lambda), idempotencyKey: newKey() }));
    const closed = await projector.waitFor("stage:state", (s) => s.question?.status === "closed", 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(extended.question!.deadline! - 50);
    expect(closed.question!.answered).toBe(1);
    expect(await late.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.99", idempotencyKey: newKey() })).toMatchObject({ ok: false, error: { code: "QUESTION_NOT_OPEN" } });
  });

  it("the text wall is anonymous until names are shown; a hidden answer never reaches the stage", async () => {
    const [ann, bo] = [await open(), await open()];
    const annId = expectOk(await ann.call("session:join", { code: session.code, nickname: "Ann" })).participantId;
    expectOk(await bo.call("session:join", { code: session.code, nickname: "Bo" }));
    const projector = await open({ cookie: owner.cookie });
    expectOk(await projector.call("stage:attach", { sessionId: session.sessionId }));
    expectOk(await consoleB.call("activity:goto", { index: 8 }));
    expectOk(await consoleB.call("question:open", { questionId: "why-l1-zeros" }));
    expectOk(await ann.call("answer:submit", { questionId: "why-l1-zeros", answer: "something off topic", idempotencyKey: newKey() }));
    expectOk(await bo.call("answer:submit", { questionId: "why-l1-zeros", answer: "the diamond's corners", idempotencyKey: newKey() }));
    expectOk(await consoleB.call("text:moderate", { questionId: "why-l1-zeros", participantId: annId, hidden: true }));
    expectOk(await consoleB.call("projector:show", { questionId: "why-l1-zeros" }));
    const wall = (s: StageView) => s.question?.wall ?? [];
    const shown = await projector.waitFor("stage:state", (s) => wall(s).length === 1, 5000);
    expect(wall(shown)).toEqual([{ text: "the diamond's corners" }]);
    expectOk(await consoleB.call("stage:set", { namesShown: true }));
    const named = await projector.waitFor("stage:state", (s) => wall(s)[0]?.name !== undefined, 5000);
    expect(wall(named)).toEqual([{ text: "the diamond's corners", name: "Bo" }]);
    expect(projector.received.some((m) => JSON.stringify(m.payload).includes("something off topic"))).toBe(false);
  });

  it("a late screen gets the loss history with its keyframe; after the end each student can look back", async () => {
    expectOk(await consoleB.call("activity:goto", { index: 1 }));
    expectOk(await consoleB.call("sim:control", { op: "seek", step: 600 }));
    const phone = await open();
    expectOk(await phone.call("session:join", { code: session.code, nickname: "Kev" }));
    const kf = expectOk(await phone.call("sim:keyframe", { step: 600 }));
    expect(kf.keyframe.step).toBe(600);
    expect(kf.history.steps.at(-1)).toBe(600);
    expect(kf.history.steps.length).toBeGreaterThan(100);
    expect(kf.history.lanes[0].val).toHaveLength(kf.history.steps.length);
    expect(await phone.call("review:get", {})).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expectOk(await consoleB.call("session:end", {}));
    const review = expectOk(await phone.call("review:get", {}));
    expect(review.items.map((i) => i.questionId)).toEqual(["l2-decay-factor", "why-l1-zeros"]);
    expect(review.items[0]).toMatchObject({ status: "unanswered", headline: "Not answered." });
    expect(review.items[0].expected).toMatch(/^0\.9/);
    expect(review.items[0].solution).toContain("factor");
    // The pairing code stops admitting screens once the class is over.
    const afterEnd = await open();
    expect(await afterEnd.call("stage:attach", { pairCode: livePairCode })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
