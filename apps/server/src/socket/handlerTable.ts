import { ERROR_CODES, fail, ok, type Ack, type AckData, type ClientEventName, type CommandAck, type ParsedPayload } from "@livelab/core/protocol";
import type { SessionCommand } from "@livelab/core/session";
import type { LookUp } from "../live/sessionOps.ts";
import { participantRoom, studentsRoom, teachersRoom } from "./transport.ts";
import type { HandlerContext } from "./types.ts";

/** A handler of event E: its validated payload in, the acknowledgement the protocol promises out. */
export type Handler<E extends ClientEventName> = (ctx: HandlerContext, data: ParsedPayload<E>) => Promise<Ack<AckData[E]>> | Ack<AckData[E]>;

/** One handler per client → server event, checked against the protocol's map by the compiler. */
export type Handlers = { [E in ClientEventName]: Handler<E> };

/** The session and participant this connection joined as a student, or a refusal. */
function student({ socket }: HandlerContext): { sessionId: string; participantId: string } | { error: Ack<never> } {
  const d = socket.data;
  if (d.role !== "student" || !d.sessionId || !d.participantId) return { error: fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first") };
  return { sessionId: d.sessionId, participantId: d.participantId };
}

/** A teacher command: only from a connection attached as this session's host. */
function teacherCommand<P>(toCommand: (data: P) => SessionCommand): (ctx: HandlerContext, data: P) => Promise<Ack<CommandAck>> {
  return async ({ socket, deps }, data) => {
    const d = socket.data;
    if (d.role !== "teacher" || !d.sessionId) return fail(ERROR_CODES.FORBIDDEN, "only the teacher of this session can do that");
    return deps.ops.command(d.sessionId, toCommand(data));
  };
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

/**
 * Join and resume look something up by what a phone typed or kept (a code, a resume token):
 * refused for a connection that already has a role or guessed too often, and a miss counts
 * as a guess (per connection and per network address). A connection whose state Socket.IO
 * recovered after a cut (scaled mode) may resume its own seat again: the phone asks for a
 * fresh snapshot on every connect.
 */
async function lookUp<T>({ socket, deps, address }: HandlerContext, find: () => Promise<LookUp<T>>, sameSeat?: (found: T) => boolean): Promise<Ack<T>> {
  if (deps.socketJoinFailures.blocked(socket.id) || deps.joinFailures.blocked(address)) return fail(ERROR_CODES.RATE_LIMITED, "too many failed attempts; wait a minute");
  if (socket.data.role === "teacher") return fail(ERROR_CODES.FORBIDDEN, "a teacher connection cannot join as a student");
  if (socket.data.role === "student" && !sameSeat) return fail(ERROR_CODES.BAD_REQUEST, "this connection has already joined; reconnect to switch");
  const { result, miss } = await find();
  if (miss) {
    deps.joinFailures.fail(address);
    deps.socketJoinFailures.fail(socket.id);
  }
  if (result.ok && socket.data.role === "student" && !sameSeat?.(result.data)) return fail(ERROR_CODES.BAD_REQUEST, "this connection has already joined; reconnect to switch");
  return result;
}

export const HANDLERS: Handlers = {
  // ------------------------------------------------------------ students
  "session:join": async (ctx, data) => {
    const joined = await lookUp(ctx, () => ctx.deps.ops.join(data.code, data.nickname));
    if (!joined.ok) return joined;
    await attachStudent(ctx, joined.data.sessionId, joined.data.participantId);
    return joined;
  },
  "session:resume": async (ctx, data) => {
    const d = ctx.socket.data;
    // Only a connection Socket.IO recovered (scaled mode) may resume the seat it already holds.
    const sameSeat = ctx.socket.recovered ? (r: { participantId: string }) => r.participantId === d.participantId : undefined;
    const resumed = await lookUp(ctx, () => ctx.deps.ops.resume(data.resumeToken), sameSeat);
    if (!resumed.ok) return resumed;
    await attachStudent(ctx, resumed.data.sessionId, resumed.data.participantId);
    return resumed;
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

  // ------------------------------------------------------------ teachers
  "host:attach": async ({ socket, deps }, data) => {
    if (socket.data.role === "student") return fail(ERROR_CODES.FORBIDDEN, "a student connection cannot host");
    const attached = await deps.ops.hostAttach(data.sessionId, data.hostSecret);
    if (!attached.ok) return attached;
    if (socket.data.sessionId && socket.data.sessionId !== data.sessionId) return fail(ERROR_CODES.BAD_REQUEST, "this connection already hosts another session");
    socket.data.role = "teacher";
    socket.data.sessionId = data.sessionId;
    await socket.join(teachersRoom(data.sessionId));
    return attached;
  },
  "activity:goto": teacherCommand((d) => ({ type: "goTo", index: d.index })),
  "session:lock": teacherCommand((d) => ({ type: "lockJoins", locked: d.locked })),
  "session:pause": teacherCommand((d) => ({ type: "pause", paused: d.paused })),
  "question:open": teacherCommand((d) => ({ type: "openQuestion", questionId: d.questionId, durationSec: d.durationSec ?? null })),
  "question:close": teacherCommand((d) => ({ type: "closeQuestion", questionId: d.questionId, reason: "teacher" })),
  "question:reveal": teacherCommand((d) => ({ type: "revealQuestion", questionId: d.questionId })),
  "participant:remove": teacherCommand((d) => ({ type: "remove", participantId: d.participantId })),
  "session:end": teacherCommand(() => ({ type: "end" })),
  "sim:control": teacherCommand((d) => ({ type: "sim", op: d })),
  "projector:show": teacherCommand((d) => ({ type: "showOnProjector", questionId: d.questionId })),

  // ------------------------------------------------------------ everyone
  "sim:keyframe": ({ socket, deps }, data) => {
    if (!socket.data.sessionId) return fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first");
    return deps.ops.keyframe(socket.data.sessionId, data.step);
  },
  "time:ping": (_ctx, data) => ok({ t0: data.t0, serverTime: Date.now() }),
};
