import {
  ERROR_CODES, fail, ok, type Ack, type AnswerAck, type CommandAck, type ExperimentAck, type HostAttachAck, type JoinAck, type KeyframeAck, type ResumeAck,
} from "@livelab/core/protocol";
import { normalizeNickname, type SessionCommand } from "@livelab/core/session";
import type { Rooms } from "./rooms.ts";

/** A look-up by what a phone typed or kept (a code, a resume token): `miss` when nothing matched (it counts as a guess). */
export interface LookUp<T> { result: Ack<T>; miss: boolean }

/**
 * What a connection can ask of a live session, whichever node it is connected to. The socket
 * handlers (socket/handlerTable.ts) check roles and rate limits and keep the connection's
 * rooms; these operations do the rest on the node that runs the session. On a single node they
 * run on the local rooms (`localSessionOps`); with several nodes `ClusterSessionOps`
 * (cluster/clusterOps.ts) runs them here when this node owns the session and sends them to the
 * owner otherwise.
 */
export interface SessionOps {
  join(code: string, nickname: string): Promise<LookUp<JoinAck>>;
  resume(resumeToken: string): Promise<LookUp<ResumeAck>>;
  answer(sessionId: string, participantId: string, a: { questionId: string; answer: unknown; idempotencyKey: string }): Promise<Ack<AnswerAck>>;
  experiment(sessionId: string, participantId: string, e: { activityId: string; value: number; idempotencyKey: string }): Promise<Ack<ExperimentAck>>;
  hostAttach(sessionId: string, hostSecret: string): Promise<Ack<HostAttachAck>>;
  command(sessionId: string, cmd: SessionCommand): Promise<Ack<CommandAck>>;
  keyframe(sessionId: string, step?: number): Promise<Ack<KeyframeAck>>;
  /** A student's connection on this node attached to the session, or its last one here left (the teacher's roster). */
  attached(sessionId: string, participantId: string): void;
  detached(sessionId: string, participantId: string): void;
}

const gone = () => fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");

/** The operations on this node's own rooms (the single-node server, and the owner's side of a forwarded operation). */
export function localSessionOps(rooms: Rooms): SessionOps {
  return {
    async join(code, nickname) {
      const room = rooms.getByCode(code);
      if (!room) {
        const known = await rooms.codeStatus(code).catch(() => null);
        return { miss: true, result: known?.status === "ended" ? fail(ERROR_CODES.SESSION_ENDED, "that class has ended") : fail(ERROR_CODES.SESSION_NOT_FOUND, "no class with that code") };
      }
      if (room.state.status === "ended") return { miss: false, result: fail(ERROR_CODES.SESSION_ENDED, "that class has ended") };
      const nick = normalizeNickname(nickname);
      if (!nick.ok) return { miss: false, result: fail(ERROR_CODES.NICKNAME_INVALID, nick.reason) };
      const joined = await room.join({ nickname: nick.nickname, key: nick.key });
      return { miss: false, result: joined.ok ? ok({ ...joined.data, sessionId: room.id }) : joined };
    },
    async resume(resumeToken) {
      const seat = rooms.seatFor(resumeToken);
      if (!seat) return { miss: true, result: fail(ERROR_CODES.RESUME_TOKEN_INVALID, "that session or seat no longer exists; join again with the code") };
      const { room, participantId } = seat;
      if (room.state.participants[participantId]?.removed) return { miss: false, result: fail(ERROR_CODES.PARTICIPANT_REMOVED, "you were removed from this session") };
      const summary = room.state.status === "ended" ? room.personalSummary(participantId) : null;
      return { miss: false, result: ok({ participantId, sessionId: room.id, snapshot: room.snapshotFor(participantId), summary }) };
    },
    async answer(sessionId, participantId, a) {
      return rooms.get(sessionId)?.submitAnswer(participantId, a.questionId, a.answer, a.idempotencyKey) ?? gone();
    },
    async experiment(sessionId, participantId, e) {
      return rooms.get(sessionId)?.submitExperiment(participantId, e.activityId, e.value, e.idempotencyKey) ?? gone();
    },
    async hostAttach(sessionId, hostSecret) {
      const room = rooms.get(sessionId);
      if (!room || !room.hostSecretValid(hostSecret)) return fail(ERROR_CODES.FORBIDDEN, "unknown session or wrong host secret");
      return ok({ state: room.teacherState(), progress: room.classProgress() });
    },
    async command(sessionId, cmd) {
      return rooms.get(sessionId)?.command(cmd) ?? gone();
    },
    async keyframe(sessionId, step) {
      return rooms.get(sessionId)?.keyframe(step) ?? gone();
    },
    attached(sessionId) {
      rooms.get(sessionId)?.broadcastPresence();
    },
    detached(sessionId) {
      rooms.get(sessionId)?.broadcastPresence();
    },
  };
}
