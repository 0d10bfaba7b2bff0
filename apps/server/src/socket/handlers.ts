import { ERROR_CODES, fail, ok, COMMON_EVENTS, MAX_PAYLOAD_BYTES, STUDENT_EVENTS, TEACHER_EVENTS, type Ack } from "@livelab/core/protocol";
import { normalizeNickname, type SessionCommand } from "@livelab/core/session";
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { z } from "zod";
import type { SessionStore } from "../db/store.ts";
import type { SessionRoom } from "../live/room.ts";
import type { Rooms } from "../live/rooms.ts";
import type { FailureLimiter} from "./rateLimit.ts";
import { TokenBucket } from "./rateLimit.ts";

type Role = "student" | "teacher";
interface SocketData {
  role: Role | null;
  sessionId: string | null;
  participantId: string | null;
  bucket: TokenBucket;
}
type AnySocket = Socket & { data: SocketData };

const KNOWN: Record<string, z.ZodType> = { ...STUDENT_EVENTS, ...TEACHER_EVENTS, ...COMMON_EVENTS };

export const studentsRoom = (sessionId: string) => `s:${sessionId}:students`;
export const teachersRoom = (sessionId: string) => `s:${sessionId}:teachers`;
export const participantRoom = (participantId: string) => `p:${participantId}`;

/** Who is connected, per session and participant (a student may have two tabs open). */
export class Presence {
  private bySession = new Map<string, Map<string, number>>();
  add(sessionId: string, pid: string): void {
    const m = this.bySession.get(sessionId) ?? new Map<string, number>();
    this.bySession.set(sessionId, m);
    m.set(pid, (m.get(pid) ?? 0) + 1);
  }
  remove(sessionId: string, pid: string): void {
    const m = this.bySession.get(sessionId);
    if (!m) return;
    const n = (m.get(pid) ?? 0) - 1;
    if (n <= 0) m.delete(pid);
    else m.set(pid, n);
  }
  connected(sessionId: string): string[] {
    return [...(this.bySession.get(sessionId)?.keys() ?? [])];
  }
}

export interface HandlerDeps {
  io: Server;
  rooms: Rooms;
  store: SessionStore;
  log: Logger;
  presence: Presence;
  /** Failed join/resume attempts per network address (a whole school may share one). */
  joinFailures: FailureLimiter;
  /** ... and per connection, which is where a guessing script shows itself first. */
  socketJoinFailures: FailureLimiter;
  /** The client's address from a handshake (forwarded headers only from TRUST_PROXY's proxies). */
  clientAddress: (req: IncomingMessage) => string;
}

/** Connect a room's broadcasts to Socket.IO rooms. */
export function attachTransport(room: SessionRoom, deps: HandlerDeps): void {
  const { io, presence } = deps;
  room.transport = {
    toStudents: (event, payload) => io.to(studentsRoom(room.id)).emit(event, payload),
    toTeachers: (event, payload) => io.to(teachersRoom(room.id)).emit(event, payload),
    toParticipant: (pid, event, payload) => io.to(participantRoom(pid)).emit(event, payload),
    connectedParticipants: () => presence.connected(room.id),
    disconnectParticipant: (pid) => io.in(participantRoom(pid)).disconnectSockets(true),
  };
}

/**
 * Every socket event goes through here: size cap, rate limit, zod validation, role check,
 * then the handler; every outcome is an ack `{ ok: true, data } | { ok: false, error }`.
 * A client that sends no ack callback gets refusals as a `protocol:error` event instead.
 */
export function registerSocketHandlers(deps: HandlerDeps): void {
  const { io, log } = deps;
  io.on("connection", (raw) => {
    const socket = raw as unknown as AnySocket;
    socket.data = { role: null, sessionId: null, participantId: null, bucket: new TokenBucket(20, 40) };
    const address = deps.clientAddress(socket.request);

    // One catch-all listener per socket (it receives the ack callback too) instead of one per
    // event: a 2,000-student room, or a reconnect storm, allocates 2,000 closures, not 50,000.
    socket.onAny((event: string, ...args: unknown[]) => {
      const schema = Object.hasOwn(KNOWN, event) ? KNOWN[event] : undefined;
      if (!schema) return reply(socket, event, args, fail(ERROR_CODES.UNKNOWN_EVENT, `unknown event "${String(event).slice(0, 64)}"`));
      void handle(socket, event, schema, args, deps, address).catch((e) => {
        log.error({ err: e, event }, "handler crashed");
        reply(socket, event, args, fail(ERROR_CODES.INTERNAL, "something went wrong on the server"));
      });
    });

    socket.on("disconnect", () => {
      const d = socket.data;
      if (d.role === "student" && d.sessionId && d.participantId) {
        deps.presence.remove(d.sessionId, d.participantId);
        deps.rooms.get(d.sessionId)?.broadcastPresence();
      }
    });
  });
}

function reply(socket: AnySocket, event: string, args: unknown[], result: Ack<unknown>): void {
  const ack = args.at(-1);
  if (typeof ack === "function") (ack as (r: unknown) => void)(result);
  else if (!result.ok) socket.emit("protocol:error", { event: String(event).slice(0, 64), ...result.error });
}

async function handle(socket: AnySocket, event: string, schema: z.ZodType, args: unknown[], deps: HandlerDeps, address: string): Promise<void> {
  const send = (r: Ack<unknown>) => reply(socket, event, args, r);
  if (!socket.data.bucket.take()) return send(fail(ERROR_CODES.RATE_LIMITED, "too many messages; slow down"));
  const payload = typeof args[0] === "function" ? {} : args[0];
  let size: number;
  try {
    size = JSON.stringify(payload ?? null)?.length ?? 0;
  } catch {
    return send(fail(ERROR_CODES.BAD_REQUEST, "the payload is not plain JSON"));
  }
  if (size > MAX_PAYLOAD_BYTES) return send(fail(ERROR_CODES.PAYLOAD_TOO_LARGE, `payloads are limited to ${MAX_PAYLOAD_BYTES} bytes`));
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return send(fail(ERROR_CODES.BAD_REQUEST, `${issue.path.join(".") || "payload"}: ${issue.message}`));
  }
  const data = parsed.data as never;
  if (Object.hasOwn(TEACHER_EVENTS, event)) return send(await teacherEvent(socket, event, data, deps));
  if (Object.hasOwn(STUDENT_EVENTS, event)) return send(await studentEvent(socket, event, data, deps, address));
  return send(await commonEvent(socket, event, data, deps));
}

async function teacherEvent(socket: AnySocket, event: string, data: Record<string, unknown>, deps: HandlerDeps): Promise<Ack<unknown>> {
  if (event === "host:attach") {
    if (socket.data.role === "student") return fail(ERROR_CODES.FORBIDDEN, "a student connection cannot host");
    const room = deps.rooms.get(data.sessionId as string);
    if (!room || !room.hostSecretValid(data.hostSecret as string)) return fail(ERROR_CODES.FORBIDDEN, "unknown session or wrong host secret");
    if (socket.data.sessionId && socket.data.sessionId !== room.id) return fail(ERROR_CODES.BAD_REQUEST, "this connection already hosts another session");
    socket.data.role = "teacher";
    socket.data.sessionId = room.id;
    await socket.join(teachersRoom(room.id));
    return ok({ state: room.teacherState(), progress: room.classProgress() });
  }
  if (socket.data.role !== "teacher" || !socket.data.sessionId) return fail(ERROR_CODES.FORBIDDEN, "only the teacher of this session can do that");
  const room = deps.rooms.get(socket.data.sessionId);
  if (!room) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
  let cmd: SessionCommand;
  switch (event) {
    case "activity:goto": cmd = { type: "goTo", index: data.index as number }; break;
    case "session:lock": cmd = { type: "lockJoins", locked: data.locked as boolean }; break;
    case "session:pause": cmd = { type: "pause", paused: data.paused as boolean }; break;
    case "question:open": cmd = { type: "openQuestion", questionId: data.questionId as string, durationSec: (data.durationSec as number | null | undefined) ?? null }; break;
    case "question:close": cmd = { type: "closeQuestion", questionId: data.questionId as string, reason: "teacher" }; break;
    case "question:reveal": cmd = { type: "revealQuestion", questionId: data.questionId as string }; break;
    case "participant:remove": cmd = { type: "remove", participantId: data.participantId as string }; break;
    case "session:end": cmd = { type: "end" }; break;
    case "sim:control": cmd = { type: "sim", op: data as never }; break;
    case "projector:show": cmd = { type: "showOnProjector", questionId: data.questionId as string | null }; break;
    default: return fail(ERROR_CODES.UNKNOWN_EVENT, `unknown event ${event}`);
  }
  return room.command(cmd);
}

async function studentEvent(socket: AnySocket, event: string, data: Record<string, unknown>, deps: HandlerDeps, address: string): Promise<Ack<unknown>> {
  if (event === "session:join" || event === "session:resume") {
    if (event === "session:resume" && (deps.socketJoinFailures.blocked(socket.id) || deps.joinFailures.blocked(address))) {
      return fail(ERROR_CODES.RATE_LIMITED, "too many failed attempts; wait a minute");
    }
    if (socket.data.role === "teacher") return fail(ERROR_CODES.FORBIDDEN, "a teacher connection cannot join as a student");
    if (socket.data.role === "student") return fail(ERROR_CODES.BAD_REQUEST, "this connection has already joined; reconnect to switch");
  }
  if (event === "session:join") {
    if (deps.socketJoinFailures.blocked(socket.id) || deps.joinFailures.blocked(address)) {
      return fail(ERROR_CODES.RATE_LIMITED, "too many wrong join codes; wait a minute");
    }
    const code = data.code as string;
    const room = deps.rooms.getByCode(code);
    if (!room) {
      deps.joinFailures.fail(address);
      deps.socketJoinFailures.fail(socket.id);
      const known = await deps.store.codeExists(code).catch(() => null);
      return known?.status === "ended" ? fail(ERROR_CODES.SESSION_ENDED, "that class has ended") : fail(ERROR_CODES.SESSION_NOT_FOUND, "no class with that code");
    }
    if (room.state.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "that class has ended");
    const nick = normalizeNickname(data.nickname);
    if (!nick.ok) return fail(ERROR_CODES.NICKNAME_INVALID, nick.reason);
    const result = await room.join({ nickname: nick.nickname, key: nick.key });
    if (result.ok) await attachStudent(socket, room, result.data.participantId, deps);
    return result.ok ? ok({ ...result.data, sessionId: room.id }) : result;
  }
  if (event === "session:resume") {
    const token = data.resumeToken as string;
    for (const room of deps.rooms.all()) {
      const pid = room.participantForToken(token);
      if (!pid) continue;
      if (room.state.participants[pid]?.removed) return fail(ERROR_CODES.PARTICIPANT_REMOVED, "you were removed from this session");
      await attachStudent(socket, room, pid, deps);
      return ok({ participantId: pid, sessionId: room.id, snapshot: room.snapshotFor(pid), summary: room.state.status === "ended" ? room.personalSummary(pid) : null });
    }
    deps.joinFailures.fail(address);
    deps.socketJoinFailures.fail(socket.id);
    return fail(ERROR_CODES.RESUME_TOKEN_INVALID, "that session or seat no longer exists; join again with the code");
  }
  if (socket.data.role !== "student" || !socket.data.sessionId || !socket.data.participantId) return fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first");
  const room = deps.rooms.get(socket.data.sessionId);
  if (!room) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
  if (event === "answer:submit") return room.submitAnswer(socket.data.participantId, data.questionId as string, data.answer, data.idempotencyKey as string);
  if (event === "experiment:submit") return room.submitExperiment(socket.data.participantId, data.activityId as string, data.value as number);
  return fail(ERROR_CODES.UNKNOWN_EVENT, `unknown event ${event}`);
}

async function attachStudent(socket: AnySocket, room: SessionRoom, participantId: string, deps: HandlerDeps): Promise<void> {
  socket.data.role = "student";
  socket.data.sessionId = room.id;
  socket.data.participantId = participantId;
  await socket.join([studentsRoom(room.id), participantRoom(participantId)]);
  deps.presence.add(room.id, participantId);
  room.broadcastPresence();
}

async function commonEvent(socket: AnySocket, event: string, data: Record<string, unknown>, deps: HandlerDeps): Promise<Ack<unknown>> {
  if (event === "time:ping") return ok({ t0: data.t0, serverTime: Date.now() });
  if (event === "sim:keyframe") {
    if (!socket.data.sessionId) return fail(ERROR_CODES.NOT_AUTHENTICATED, "join a session first");
    const room = deps.rooms.get(socket.data.sessionId);
    if (!room) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
    return room.keyframe(data.step as number | undefined);
  }
  return fail(ERROR_CODES.UNKNOWN_EVENT, `unknown event ${event}`);
}
