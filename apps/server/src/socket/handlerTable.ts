import { ERROR_CODES, fail, ok, type Ack, type AckData, type ClientEventName, type CommandAck, type ParsedPayload } from "@livelab/core/protocol";
import { normalizeNickname, type SessionCommand } from "@livelab/core/session";
import type { SessionRoom } from "../live/room.ts";
import { joinRoster } from "./rosterJoin.ts";
import { newPairCode, hashSecret } from "../security/tokens.ts";
import { pairedRoom, participantRoom, stageRoom, studentsRoom, teachersRoom } from "./transport.ts";
import type { HandlerContext } from "./types.ts";

/** A handler of event E: its validated payload in, the acknowledgement the protocol promises out. */
export type Handler<E extends ClientEventName> = (ctx: HandlerContext, data: ParsedPayload<E>) => Promise<Ack<AckData[E]>> | Ack<AckData[E]>;

/** One handler per client → server event, checked against the protocol's map by the compiler. */
export type Handlers = { [E in ClientEventName]: Handler<E> };

/** The session this connection joined as a student, or a refusal. */
function studentRoom({ socket, deps }: HandlerContext): { room: SessionRoom; participantId: string } | { error: Ack<never> } {
  const d = socket.data;
  if (d.role !== "student" || !d.sessionId || !d.participantId) return { error: fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first") };
  const room = deps.rooms.get(d.sessionId);
  if (!room) return { error: fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active") };
  return { room, participantId: d.participantId };
}

/** The session this connection hosts (console attached by host secret or its owner's sign-in), or a refusal. */
function hostedRoom({ socket, deps }: HandlerContext): { room: SessionRoom } | { error: Ack<never> } {
  const d = socket.data;
  // A projector screen, even its owner's, sends no command: only a console does.
  if (d.role !== "teacher" || !d.sessionId) return { error: fail(ERROR_CODES.FORBIDDEN, "only the teacher of this session can do that") };
  const room = deps.rooms.get(d.sessionId);
  if (!room) return { error: fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active") };
  return { room };
}

/** A teacher command: only from a connection attached as this session's host. */
function teacherCommand<P>(toCommand: (data: P) => SessionCommand): (ctx: HandlerContext, data: P) => Promise<Ack<CommandAck>> {
  return async (ctx, data) => {
    const h = hostedRoom(ctx);
    if ("error" in h) return h.error;
    return h.room.command(toCommand(data));
  };
}

/**
 * May this connection act for the owner of `sessionId`? With the host secret (the browser that
 * started it), or without one as the signed-in teacher who owns it: the handshake's sign-in
 * cookie, checked by Better Auth on the server.
 */
async function ownerOf({ socket, deps }: HandlerContext, sessionId: string, hostSecret: string | undefined): Promise<SessionRoom | null> {
  const room = deps.rooms.get(sessionId);
  if (!room) return null;
  if (hostSecret !== undefined) return room.hostSecretValid(hostSecret) ? room : null;
  const teacherId = await deps.teacherOf(socket.handshake.headers).catch(() => null);
  return room.ownedBy(teacherId) ? room : null;
}

export async function attachStudent({ socket, deps }: HandlerContext, room: SessionRoom, participantId: string): Promise<void> {
  socket.data.role = "student";
  socket.data.sessionId = room.id;
  socket.data.participantId = participantId;
  await socket.join([studentsRoom(room.id), participantRoom(participantId)]);
  deps.presence.add(room.id, participantId);
  room.touch();
  room.broadcastPresence();
}

/** Join and resume are for a connection that has no role yet. */
function roleRefusal({ socket }: HandlerContext): Ack<never> | null {
  if (socket.data.role === "teacher" || socket.data.role === "screen") return fail(ERROR_CODES.FORBIDDEN, "a teacher's connection cannot join as a student");
  if (socket.data.role === "student") return fail(ERROR_CODES.BAD_REQUEST, "this connection has already joined; reconnect to switch");
  return null;
}

/**
 * The live room a typed join code names. A wrong code is a guess and counts against the
 * connection and its network address (JoinGuard); a right one is never refused, at most paced.
 */
export async function roomForCode(ctx: HandlerContext, code: string): Promise<Ack<SessionRoom>> {
  const { socket, deps, address } = ctx;
  const waited = await deps.joinGuard.turn(socket.id, address);
  if (waited) return waited;
  // From here to missedJoin in one go: no other message of this connection runs in between.
  const refused = deps.joinGuard.cutOff(socket.id) ?? roleRefusal(ctx);
  if (refused) return refused;
  const room = deps.rooms.getByCode(code);
  if (room) return ok(room);
  deps.joinGuard.missedJoin(socket.id, address);
  const known = await deps.rooms.codeStatus(code).catch(() => null);
  return known?.status === "ended" ? fail(ERROR_CODES.SESSION_ENDED, "that class has ended") : fail(ERROR_CODES.SESSION_NOT_FOUND, "no class with that code");
}

/** The live room a view-only pairing code opens; guessed like a join code, so limited like one. */
async function roomForPairing(ctx: HandlerContext, pairCode: string): Promise<Ack<SessionRoom>> {
  const { socket, deps, address } = ctx;
  const waited = await deps.joinGuard.turn(socket.id, address);
  if (waited) return waited;
  const refused = deps.joinGuard.cutOff(socket.id);
  if (refused) return refused;
  const room = deps.rooms.roomForPairing(pairCode);
  if (room) return ok(room);
  deps.joinGuard.missedJoin(socket.id, address);
  return fail(ERROR_CODES.FORBIDDEN, "that pairing code is not (or no longer) valid; ask the teacher for a new one");
}

export const HANDLERS: Handlers = {
  // ------------------------------------------------------------ students
  "session:join": async (ctx, data) => {
    const found = await roomForCode(ctx, data.code);
    if (!found.ok) return found;
    const room = found.data;
    if (room.state.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "that class has ended");
    // A class run for a roster: its students join as themselves (session:joinRoster), not with a nickname.
    if (await ctx.deps.roster?.classroomOf(room.id)) return fail(ERROR_CODES.CLASS_SIGN_IN_REQUIRED, "this class takes its students by name: sign in to your class first");
    const nick = normalizeNickname(data.nickname);
    if (!nick.ok) return fail(ERROR_CODES.NICKNAME_INVALID, nick.reason);
    const joined = await room.join({ nickname: nick.nickname, key: nick.key });
    if (!joined.ok) return joined;
    await attachStudent(ctx, room, joined.data.participantId);
    return ok({ ...joined.data, sessionId: room.id });
  },
  // Resume tokens are 256 random bits: not guessable, so a resume is never limited (JoinGuard).
  "session:resume": async (ctx, data) => {
    const refused = roleRefusal(ctx);
    if (refused) return refused;
    const seat = ctx.deps.rooms.seatFor(data.resumeToken);
    if (!seat) return fail(ERROR_CODES.RESUME_TOKEN_INVALID, "that session or seat no longer exists; join again with the code");
    const { room, participantId } = seat;
    if (room.state.participants[participantId]?.removed) return fail(ERROR_CODES.PARTICIPANT_REMOVED, "you were removed from this session");
    await attachStudent(ctx, room, participantId);
    return ok({ participantId, sessionId: room.id, snapshot: room.snapshotFor(participantId), summary: room.state.status === "ended" ? room.personalSummary(participantId) : null });
  },
  "session:joinRoster": (ctx, data) => {
    if (!ctx.deps.roster) return fail(ERROR_CODES.NOT_IN_CLASS, "this server has no class rosters");
    // Like a join: for a connection without a role (a reconnect is a new connection and joins again).
    const refused = roleRefusal(ctx);
    if (refused) return refused;
    return joinRoster(ctx, data.code, ctx.deps.roster, { roomForCode, attachStudent });
  },
  "answer:submit": (ctx, data) => {
    const s = studentRoom(ctx);
    if ("error" in s) return s.error;
    return s.room.submitAnswer(s.participantId, data.questionId, data.answer, data.idempotencyKey);
  },
  "experiment:submit": (ctx, data) => {
    const s = studentRoom(ctx);
    if ("error" in s) return s.error;
    return s.room.submitExperiment(s.participantId, data.activityId, data.value, data.idempotencyKey);
  },
  "review:get": (ctx) => {
    const s = studentRoom(ctx);
    if ("error" in s) return s.error;
    return s.room.review(s.participantId);
  },

  // ------------------------------------------------------------ teachers
  "host:attach": async (ctx, data) => {
    const { socket, deps } = ctx;
    if (socket.data.role === "student" || socket.data.role === "screen") return fail(ERROR_CODES.FORBIDDEN, "this connection cannot host");
    const room = await ownerOf(ctx, data.sessionId, data.hostSecret);
    if (!room) return fail(ERROR_CODES.FORBIDDEN, "unknown session, or not yours: sign in as the teacher who started it");
    if (socket.data.sessionId && socket.data.sessionId !== room.id) return fail(ERROR_CODES.BAD_REQUEST, "this connection already hosts another session");
    socket.data.role = "teacher";
    socket.data.sessionId = room.id;
    await socket.join(teachersRoom(room.id));
    return ok({ state: room.teacherState(), progress: room.classProgress(), joinUrl: `${deps.publicUrl()}/join/${room.code}` });
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
    const h = hostedRoom(ctx);
    if ("error" in h) return h.error;
    // The code is made here and shown once; the session's log keeps only its hash.
    const code = newPairCode();
    const done = await h.room.command({ type: "pairViewers", codeHash: hashSecret(code) });
    if (!done.ok) return done;
    return ok({ code, pairUrl: `${ctx.deps.publicUrl()}/pair#${code}` });
  },

  // ------------------------------------------------------------ projector screens
  "stage:attach": async (ctx, data) => {
    const { socket } = ctx;
    if (socket.data.role !== null) return fail(ERROR_CODES.BAD_REQUEST, "this connection already has a role; open a new one for a screen");
    let room: SessionRoom | null;
    let role: "owner" | "viewer";
    if ("pairCode" in data) {
      // A pairing code is looked up like a join code: misses count as guesses (JoinGuard).
      const found = await roomForPairing(ctx, data.pairCode);
      if (!found.ok) return found;
      room = found.data;
      role = "viewer";
    } else {
      room = await ownerOf(ctx, data.sessionId, data.hostSecret);
      if (!room) return fail(ERROR_CODES.FORBIDDEN, "unknown session, or not yours: sign in as the teacher who started it, or pair this screen with a code");
      role = "owner";
    }
    socket.data.role = "screen";
    socket.data.sessionId = room.id;
    await socket.join(role === "viewer" ? [stageRoom(room.id), pairedRoom(room.id)] : [stageRoom(room.id)]);
    return ok({ stage: room.stage(), joinUrl: `${ctx.deps.publicUrl()}/join/${room.code}`, role });
  },

  // ------------------------------------------------------------ everyone
  "sim:keyframe": async ({ socket, deps }, data) => {
    const d = socket.data;
    if (!d.sessionId) return fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first");
    const room = deps.rooms.get(d.sessionId);
    if (!room) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
    // A keyframe may cost a simulation: one at a time and a few a second per connection.
    if (d.keyframeBusy || !d.keyframes.take()) return fail(ERROR_CODES.RATE_LIMITED, "keyframes: one at a time, a few a second");
    d.keyframeBusy = true;
    try {
      return await room.keyframe(data.step);
    } finally {
      d.keyframeBusy = false;
    }
  },
  "time:ping": (_ctx, data) => ok({ t0: data.t0, serverTime: Date.now() }),
};
