import { ERROR_CODES, fail, ok, type Ack, type AckData, type ClientEventName, type CommandAck, type ParsedPayload } from "@livelab/core/protocol";
import type { SessionCommand } from "@livelab/core/session";
import type { Owner } from "../live/sessionOps.ts";
import { newPairCode, hashSecret } from "../security/tokens.ts";
import { pairedRoom, participantRoom, stageRoom, studentsRoom, teachersRoom } from "./transport.ts";
import type { HandlerContext } from "./types.ts";

/** A handler of event E: its validated payload in, the acknowledgement the protocol promises out. */
export type Handler<E extends ClientEventName> = (ctx: HandlerContext, data: ParsedPayload<E>) => Promise<Ack<AckData[E]>> | Ack<AckData[E]>;

/** One handler per client → server event, checked against the protocol's map by the compiler. */
export type Handlers = { [E in ClientEventName]: Handler<E> };

// The handlers check who the connection is (its role, rate limits, guessing limits) where the
// socket is; what a session does is asked of deps.ops (live/sessionOps.ts), which runs it on
// this node's room or, with several nodes, on the node that runs the session.

/** The session and participant this connection joined as a student, or a refusal. */
function student({ socket }: HandlerContext): { sessionId: string; participantId: string } | { error: Ack<never> } {
  const d = socket.data;
  if (d.role !== "student" || !d.sessionId || !d.participantId) return { error: fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first") };
  return { sessionId: d.sessionId, participantId: d.participantId };
}

/** The session this connection hosts (console attached by host secret or its owner's sign-in), or a refusal. */
function hosted({ socket }: HandlerContext): { sessionId: string } | { error: Ack<never> } {
  const d = socket.data;
  // A projector screen, even its owner's, sends no command: only a console does.
  if (d.role !== "teacher" || !d.sessionId) return { error: fail(ERROR_CODES.FORBIDDEN, "only the teacher of this session can do that") };
  return { sessionId: d.sessionId };
}

/** A teacher command: only from a connection attached as this session's host. */
function teacherCommand<P>(toCommand: (data: P) => SessionCommand): (ctx: HandlerContext, data: P) => Promise<Ack<CommandAck>> {
  return async (ctx, data) => {
    const h = hosted(ctx);
    if ("error" in h) return h.error;
    return ctx.deps.ops.command(h.sessionId, toCommand(data));
  };
}

/**
 * Who may act for the owner of a session: the host secret (the browser that started it), or
 * without one the signed-in teacher — the handshake's sign-in cookie, checked by Better Auth here.
 */
async function ownerProof({ socket, deps }: HandlerContext, hostSecret: string | undefined): Promise<Owner> {
  if (hostSecret !== undefined) return { hostSecret };
  return { teacherId: await deps.teacherOf(socket.handshake.headers).catch(() => null) };
}

async function attachStudent({ socket, deps }: HandlerContext, sessionId: string, participantId: string): Promise<void> {
  const again = socket.data.role === "student";
  socket.data.role = "student";
  socket.data.sessionId = sessionId;
  socket.data.participantId = participantId;
  await socket.join([studentsRoom(sessionId), participantRoom(participantId)]);
  if (!again) deps.presence.add(sessionId, participantId);
  deps.ops.attached(sessionId, participantId);
}

/** Join and resume are for a connection that has no role yet. */
function roleRefusal({ socket }: HandlerContext): Ack<never> | null {
  if (socket.data.role === "teacher" || socket.data.role === "screen") return fail(ERROR_CODES.FORBIDDEN, "a teacher's connection cannot join as a student");
  if (socket.data.role === "student") return fail(ERROR_CODES.BAD_REQUEST, "this connection has already joined; reconnect to switch");
  return null;
}

/**
 * May this connection guess (a join code, a pairing code)? Called right after its turn
 * (JoinGuard.turn): a wrong code is a guess and counts against the connection and its network
 * address; a right one is never refused, at most paced. The look-up must start in the same
 * turn as this check — no await in between (ops.join and ops.stageAttach look up synchronously
 * on one node) — so pipelined guesses cannot all pass it before one miss counts.
 */
function guessRefusal(ctx: HandlerContext, alsoRefuse?: () => Ack<never> | null): Ack<never> | null {
  return ctx.deps.joinGuard.cutOff(ctx.socket.id) ?? alsoRefuse?.() ?? null;
}

const missed = ({ socket, deps, address }: HandlerContext) => () => deps.joinGuard.missedJoin(socket.id, address);

export const HANDLERS: Handlers = {
  // ------------------------------------------------------------ students
  // A code checked before the nickname is typed is a guess like a join's: the same turn, limits and counting.
  "session:check": async (ctx, data) => {
    const waited = await ctx.deps.joinGuard.turn(ctx.socket.id, ctx.address);
    if (waited) return waited;
    const refused = guessRefusal(ctx, () => roleRefusal(ctx));
    if (refused) return refused;
    return ctx.deps.ops.check(data.code, missed(ctx));
  },
  "session:join": async (ctx, data) => {
    const waited = await ctx.deps.joinGuard.turn(ctx.socket.id, ctx.address);
    if (waited) return waited;
    const refused = guessRefusal(ctx, () => roleRefusal(ctx));
    if (refused) return refused;
    const joined = await ctx.deps.ops.join(data.code, data.nickname, missed(ctx));
    if (!joined.ok) return joined;
    await attachStudent(ctx, joined.data.sessionId, joined.data.participantId);
    return joined;
  },
  // Resume tokens are 256 random bits: not guessable, so a resume is never limited (JoinGuard).
  "session:resume": async (ctx, data) => {
    const d = ctx.socket.data;
    // A connection Socket.IO recovered (several nodes) already holds its seat and may resume it again.
    const recovered = ctx.socket.recovered && d.role === "student";
    const refused = recovered ? null : roleRefusal(ctx);
    if (refused) return refused;
    const resumed = await ctx.deps.ops.resume(data.resumeToken);
    if (!resumed.ok) return resumed;
    if (recovered && resumed.data.participantId !== d.participantId) return fail(ERROR_CODES.BAD_REQUEST, "this connection has already joined; reconnect to switch");
    await attachStudent(ctx, resumed.data.sessionId, resumed.data.participantId);
    return resumed;
  },
  // A roster student joins a live class of their class as themselves (live/rosterJoin.ts). Who
  // they are is read here (their device cookie on the handshake); the seat is taken on the node
  // that runs the session, like every other session operation.
  "session:joinRoster": async (ctx, data) => {
    const roster = ctx.deps.roster;
    if (!roster) return fail(ERROR_CODES.NOT_IN_CLASS, "this server has no class rosters");
    // Like a join: for a connection without a role (a reconnect is a new connection and joins again).
    const early = roleRefusal(ctx);
    if (early) return early;
    const who = await roster.studentOf(ctx.socket.handshake.headers);
    if (!who) return fail(ERROR_CODES.CLASS_SIGN_IN_REQUIRED, "sign in to your class first");
    const waited = await ctx.deps.joinGuard.turn(ctx.socket.id, ctx.address);
    if (waited) return waited;
    const refused = guessRefusal(ctx, () => roleRefusal(ctx));
    if (refused) return refused;
    const student = { id: who.student.id, name: who.student.name, classroomId: who.classroom.id };
    const joined = await ctx.deps.ops.joinRoster(data.code, student, missed(ctx));
    if (!joined.ok) return joined;
    await attachStudent(ctx, joined.data.sessionId, joined.data.participantId);
    return joined;
  },
  "answer:submit": (ctx, data) => {
    const s = student(ctx);
    if ("error" in s) return s.error;
    return ctx.deps.ops.answer(s.sessionId, s.participantId, data);
  },
  "experiment:submit": (ctx, data) => {
    const s = student(ctx);
    if ("error" in s) return s.error;
    return ctx.deps.ops.experiment(s.sessionId, s.participantId, data);
  },
  "review:get": (ctx) => {
    const s = student(ctx);
    if ("error" in s) return s.error;
    return ctx.deps.ops.review(s.sessionId, s.participantId);
  },

  // ------------------------------------------------------------ teachers
  "host:attach": async (ctx, data) => {
    const { socket, deps } = ctx;
    if (socket.data.role === "student" || socket.data.role === "screen") return fail(ERROR_CODES.FORBIDDEN, "this connection cannot host");
    const attached = await deps.ops.hostAttach(data.sessionId, await ownerProof(ctx, data.hostSecret));
    if (!attached.ok) return attached;
    if (socket.data.sessionId && socket.data.sessionId !== data.sessionId) return fail(ERROR_CODES.BAD_REQUEST, "this connection already hosts another session");
    socket.data.role = "teacher";
    socket.data.sessionId = data.sessionId;
    await socket.join(teachersRoom(data.sessionId));
    const { code, ...rest } = attached.data;
    return ok({ ...rest, joinUrl: `${deps.publicUrl()}/join/${code}` });
  },
  "activity:goto": teacherCommand((d) => ({ type: "goTo", index: d.index })),
  "session:lock": teacherCommand((d) => ({ type: "lockJoins", locked: d.locked })),
  "session:pause": teacherCommand((d) => ({ type: "pause", paused: d.paused })),
  // No durationSec: the question's own time limit (if any); null: no timer.
  "question:open": teacherCommand((d) => ({ type: "openQuestion", questionId: d.questionId, durationSec: d.durationSec })),
  "question:close": teacherCommand((d) => ({ type: "closeQuestion", questionId: d.questionId, reason: "teacher" })),
  "question:reveal": teacherCommand((d) => ({ type: "revealQuestion", questionId: d.questionId })),
  "participant:remove": teacherCommand((d) => ({ type: "remove", participantId: d.participantId })),
  "session:end": teacherCommand(() => ({ type: "end" })),
  "sim:control": teacherCommand((d) => ({ type: "sim", op: d })),
  "projector:show": teacherCommand((d) => ({ type: "showOnProjector", questionId: d.questionId })),
  "stage:set": teacherCommand((d) => ({ type: "stage", patch: d })),
  "question:extend": teacherCommand((d) => ({ type: "extendQuestion", questionId: d.questionId, seconds: d.seconds })),
  "text:moderate": teacherCommand((d) => ({ type: "moderateText", questionId: d.questionId, participantId: d.participantId, hidden: d.hidden })),
  "viewer:revoke": teacherCommand(() => ({ type: "revokeViewers" })),
  "viewer:pair": async (ctx) => {
    const h = hosted(ctx);
    if ("error" in h) return h.error;
    // The code is made here and shown once; the session's log keeps only its hash.
    const code = newPairCode();
    const done = await ctx.deps.ops.command(h.sessionId, { type: "pairViewers", codeHash: hashSecret(code) });
    if (!done.ok) return done;
    return ok({ code, pairUrl: `${ctx.deps.publicUrl()}/pair#${code}` });
  },

  // ------------------------------------------------------------ projector screens
  "stage:attach": async (ctx, data) => {
    const { socket, deps } = ctx;
    if (socket.data.role !== null) return fail(ERROR_CODES.BAD_REQUEST, "this connection already has a role; open a new one for a screen");
    let found;
    if ("pairCode" in data) {
      // A pairing code is looked up like a join code: misses count as guesses (JoinGuard).
      const waited = await deps.joinGuard.turn(socket.id, ctx.address);
      if (waited) return waited;
      const refused = guessRefusal(ctx);
      if (refused) return refused;
      found = await deps.ops.stageAttach({ pairCode: data.pairCode }, missed(ctx));
    } else {
      found = await deps.ops.stageAttach({ sessionId: data.sessionId, owner: await ownerProof(ctx, data.hostSecret) }, () => {});
    }
    if (!found.ok) return found;
    const { sessionId, stage, code, role } = found.data;
    socket.data.role = "screen";
    socket.data.sessionId = sessionId;
    await socket.join(role === "viewer" ? [stageRoom(sessionId), pairedRoom(sessionId)] : [stageRoom(sessionId)]);
    return ok({ stage, joinUrl: `${deps.publicUrl()}/join/${code}`, role });
  },

  // ------------------------------------------------------------ everyone
  "sim:keyframe": async ({ socket, deps }, data) => {
    const d = socket.data;
    if (!d.sessionId) return fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first");
    // A keyframe may cost a simulation: one at a time and a few a second per connection.
    if (d.keyframeBusy || !d.keyframes.take()) return fail(ERROR_CODES.RATE_LIMITED, "keyframes: one at a time, a few a second");
    d.keyframeBusy = true;
    try {
      return await deps.ops.keyframe(d.sessionId, data.step);
    } finally {
      d.keyframeBusy = false;
    }
  },
  "time:ping": (_ctx, data) => ok({ t0: data.t0, serverTime: Date.now() }),
};
