import {
  ERROR_CODES, fail, ok, type Ack, type AnswerAck, type ClassProgress, type CodeCheckAck, type CommandAck, type ExperimentAck, type JoinAck, type JoinRosterAck, type KeyframeAck, type ResumeAck, type ReviewAck, type StageView, type TeacherState,
} from "@livelab/core/protocol";
import { normalizeNickname, type SessionCommand } from "@livelab/core/session";
import type { SessionRoom } from "./room.ts";
import type { Rooms } from "./rooms.ts";
import { joinRosterSeat, type RosterSeats, type RosterStudent } from "./rosterJoin.ts";

/** Proof of being a session's teacher: its host secret, or the signed-in account (checked where the socket is). */
export type Owner = { hostSecret: string } | { teacherId: string | null };

/** What a console gets on attaching (the socket's node turns the code into the join link). */
export interface HostView { state: TeacherState; progress: ClassProgress; code: string }

/** What a projector screen gets on attaching. */
export interface ScreenView { sessionId: string; stage: StageView; code: string; role: "owner" | "viewer" }

/**
 * What a connection can ask of a live session, whichever node it is connected to. The socket
 * handlers (socket/handlerTable.ts) check roles and rate limits and keep the connection's
 * rooms; these operations do the rest on the node that runs the session. On a single node they
 * run on the local rooms (`localSessionOps`); with several nodes `ClusterSessionOps`
 * (cluster/clusterOps.ts) runs them here when this node runs the session and sends them to its
 * node otherwise.
 *
 * `onMiss` is called when a typed code matches nothing (a guess, for JoinGuard) — on a single
 * node synchronously, in the same turn as the call, so pipelined guesses are counted one by one.
 */
export interface SessionOps {
  /** Whether a typed code names a class that admits students now: a wrong code is a guess, like a join's. */
  check(code: string, onMiss: () => void): Promise<Ack<CodeCheckAck>>;
  join(code: string, nickname: string, onMiss: () => void): Promise<Ack<JoinAck>>;
  /** A signed-in roster student takes (or takes again) their own seat in a live class of their class. */
  joinRoster(code: string, student: RosterStudent, onMiss: () => void): Promise<Ack<JoinRosterAck>>;
  resume(resumeToken: string): Promise<Ack<ResumeAck>>;
  answer(sessionId: string, participantId: string, a: { questionId: string; answer: unknown; idempotencyKey: string }): Promise<Ack<AnswerAck>>;
  experiment(sessionId: string, participantId: string, e: { activityId: string; value: number; idempotencyKey: string }): Promise<Ack<ExperimentAck>>;
  review(sessionId: string, participantId: string): Promise<Ack<ReviewAck>>;
  hostAttach(sessionId: string, owner: Owner): Promise<Ack<HostView>>;
  stageAttach(by: { pairCode: string } | { sessionId: string; owner: Owner }, onMiss: () => void): Promise<Ack<ScreenView>>;
  command(sessionId: string, cmd: SessionCommand): Promise<Ack<CommandAck>>;
  keyframe(sessionId: string, step?: number): Promise<Ack<KeyframeAck>>;
  /** A student's connection on this node attached to the session, or its last one here left (the teacher's roster). */
  attached(sessionId: string, participantId: string): void;
  detached(sessionId: string, participantId: string): void;
}

const gone = () => fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
const notYours = () => fail(ERROR_CODES.FORBIDDEN, "unknown session, or not yours: sign in as the teacher who started it");

function isOwner(room: SessionRoom, owner: Owner): boolean {
  return "hostSecret" in owner ? room.hostSecretValid(owner.hostSecret) : room.ownedBy(owner.teacherId);
}

/** A typed code that names no live room here: counted as a guess (in the caller's turn), then told apart from an ended class. */
function unknownCode(rooms: Rooms, code: string, onMiss: () => void): Promise<Ack<never>> {
  onMiss();
  return rooms.codeStatus(code).catch(() => null).then((known) =>
    known?.status === "ended" ? fail(ERROR_CODES.SESSION_ENDED, "that class has ended") : fail(ERROR_CODES.SESSION_NOT_FOUND, "no class with that code"));
}

/**
 * The operations on this node's own rooms (the single-node server, and the owner's side of a
 * forwarded operation). `roster`: classes run for a class roster (absent: all take nicknames).
 */
export function localSessionOps(rooms: Rooms, roster?: RosterSeats): SessionOps {
  return {
    // Not async: the look-up and onMiss happen in the caller's turn.
    check(code, onMiss) {
      const room = rooms.getByCode(code);
      if (!room) return unknownCode(rooms, code, onMiss);
      return (async () => {
        if (room.state.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "that class has ended");
        // Said before the nickname is typed; the join itself checks again (the teacher may lock meanwhile).
        if (room.state.joinLocked) return fail(ERROR_CODES.JOINS_LOCKED, "the teacher has locked joining");
        // A class run for a roster takes no nickname: the phone goes to the class sign-in at once.
        if (await roster?.classroomOf(room.id)) return fail(ERROR_CODES.CLASS_SIGN_IN_REQUIRED, "this class takes its students by name: sign in to your class first");
        return ok({ code: room.state.code });
      })();
    },
    join(code, nickname, onMiss) {
      const room = rooms.getByCode(code);
      if (!room) return unknownCode(rooms, code, onMiss);
      return (async () => {
        if (room.state.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "that class has ended");
        // A class run for a roster: its students join as themselves (joinRoster), not with a nickname.
        if (await roster?.classroomOf(room.id)) return fail(ERROR_CODES.CLASS_SIGN_IN_REQUIRED, "this class takes its students by name: sign in to your class first");
        const nick = normalizeNickname(nickname);
        if (!nick.ok) return fail(ERROR_CODES.NICKNAME_INVALID, nick.reason);
        const joined = await room.join({ nickname: nick.nickname, key: nick.key });
        return joined.ok ? ok({ ...joined.data, sessionId: room.id }) : joined;
      })();
    },
    // Not async, like join.
    joinRoster(code, student, onMiss) {
      const room = rooms.getByCode(code);
      if (!room) return unknownCode(rooms, code, onMiss);
      if (!roster) return Promise.resolve(fail(ERROR_CODES.NOT_IN_CLASS, "this server has no class rosters"));
      return joinRosterSeat(room, roster, student);
    },
    async resume(resumeToken) {
      const seat = rooms.seatFor(resumeToken);
      if (!seat) return fail(ERROR_CODES.RESUME_TOKEN_INVALID, "that session or seat no longer exists; join again with the code");
      const { room, participantId } = seat;
      if (room.state.participants[participantId]?.removed) return fail(ERROR_CODES.PARTICIPANT_REMOVED, "you were removed from this session");
      const summary = room.state.status === "ended" ? room.personalSummary(participantId) : null;
      return ok({ participantId, sessionId: room.id, snapshot: room.snapshotFor(participantId), summary });
    },
    async answer(sessionId, participantId, a) {
      return rooms.get(sessionId)?.submitAnswer(participantId, a.questionId, a.answer, a.idempotencyKey) ?? gone();
    },
    async experiment(sessionId, participantId, e) {
      return rooms.get(sessionId)?.submitExperiment(participantId, e.activityId, e.value, e.idempotencyKey) ?? gone();
    },
    async review(sessionId, participantId) {
      return rooms.get(sessionId)?.review(participantId) ?? gone();
    },
    async hostAttach(sessionId, owner) {
      const room = rooms.get(sessionId);
      if (!room || !isOwner(room, owner)) return notYours();
      return ok({ state: room.teacherState(), progress: room.classProgress(), code: room.code });
    },
    // Not async: a pairing code is looked up (and a miss counted) in the caller's turn.
    stageAttach(by, onMiss) {
      if ("pairCode" in by) {
        const room = rooms.roomForPairing(by.pairCode);
        if (!room) {
          onMiss();
          return Promise.resolve(fail(ERROR_CODES.FORBIDDEN, "that pairing code is not (or no longer) valid; ask the teacher for a new one"));
        }
        return Promise.resolve(ok({ sessionId: room.id, stage: room.stage(), code: room.code, role: "viewer" as const }));
      }
      const room = rooms.get(by.sessionId);
      if (!room || !isOwner(room, by.owner)) return Promise.resolve(fail(ERROR_CODES.FORBIDDEN, "unknown session, or not yours: sign in as the teacher who started it, or pair this screen with a code"));
      return Promise.resolve(ok({ sessionId: room.id, stage: room.stage(), code: room.code, role: "owner" as const }));
    },
    async command(sessionId, cmd) {
      return rooms.get(sessionId)?.command(cmd) ?? gone();
    },
    async keyframe(sessionId, step) {
      return rooms.get(sessionId)?.keyframe(step) ?? gone();
    },
    attached(sessionId) {
      const room = rooms.get(sessionId);
      room?.touch();
      room?.broadcastPresence();
    },
    detached(sessionId) {
      rooms.get(sessionId)?.broadcastPresence();
    },
  };
}
