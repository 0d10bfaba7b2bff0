import type { IncomingHttpHeaders } from "node:http";
import { ERROR_CODES, fail, ok, type Ack, type JoinRosterAck } from "@livelab/core/protocol";
import { normalizeNickname } from "@livelab/core/session";
import type { RosterStore, SignedInStudent } from "../db/rosterStore.ts";
import type { SessionRoom } from "./room.ts";

/**
 * Live classes run for a roster (docs/PRACTICE.md "Live classes for a class"): which sessions
 * have one (cached: a session never changes class), and who a connection's student is (the
 * student cookie on the handshake, as the teacher's sign-in cookie is read for consoles).
 */
export class RosterSeats {
  // The look-up itself is kept, not only its result: a join storm's first few hundred nickname
  // joins (each asks) share one query. A failed look-up is forgotten, so the next one asks again.
  private readonly classOf = new Map<string, Promise<string | null>>();

  constructor(private readonly roster: RosterStore, readonly studentOf: (headers: IncomingHttpHeaders) => Promise<SignedInStudent | null>) {}

  classroomOf(sessionId: string): Promise<string | null> {
    let found = this.classOf.get(sessionId);
    if (!found) {
      if (this.classOf.size > 10_000) this.classOf.clear();
      found = this.roster.classroomOfSession(sessionId);
      this.classOf.set(sessionId, found);
      found.catch(() => this.classOf.delete(sessionId));
    }
    return found;
  }

  seatsIn(sessionId: string, studentId: string) {
    return this.roster.seatsIn(sessionId, studentId);
  }
}

/** A signed-in roster student, as the node running a session needs them (sent between nodes as it is). */
export interface RosterStudent { id: string; name: string; classroomId: string }

/**
 * A roster student joins a live class of their class as themselves: the seat they already
 * have in it (from any device), or a new one under their roster name. Their answers then
 * attach to them, so live classes and practice make one history. A reconnect simply joins again.
 * Runs on the node that runs the session (live/sessionOps.ts); the caller attaches the connection.
 */
export async function joinRosterSeat(room: SessionRoom, roster: RosterSeats, who: RosterStudent): Promise<Ack<JoinRosterAck>> {
  const classroomId = await roster.classroomOf(room.id);
  if (!classroomId) return fail(ERROR_CODES.NOT_IN_CLASS, "this class has no roster: join it with a nickname");
  if (who.classroomId !== classroomId) return fail(ERROR_CODES.NOT_IN_CLASS, "this live class is for another class's students");
  const ended = room.state.status === "ended";
  let participantId = await seatOf(room, roster, who.id);
  if (participantId === "removed") return fail(ERROR_CODES.PARTICIPANT_REMOVED, "the teacher removed you from this session");
  if (!participantId) {
    if (ended) return fail(ERROR_CODES.SESSION_ENDED, "that class has ended");
    const nick = normalizeNickname(who.name);
    if (!nick.ok) return fail(ERROR_CODES.NICKNAME_INVALID, nick.reason);
    const joined = await room.join({ nickname: nick.nickname, key: nick.key, studentId: who.id });
    if (joined.ok) participantId = joined.data.participantId;
    else {
      // The same student joining from a second device at the same moment: take the seat it made.
      const again = joined.error.code === ERROR_CODES.NICKNAME_TAKEN ? await seatOf(room, roster, who.id) : null;
      if (!again || again === "removed") return joined;
      participantId = again;
    }
  }
  const state = room.state.participants[participantId];
  return ok({
    participantId, sessionId: room.id, nickname: state?.nickname ?? who.name, snapshot: room.snapshotFor(participantId),
    summary: room.state.status === "ended" ? room.personalSummary(participantId) : null,
  });
}

/** The student's seat in this room (the first they took), "removed" if the teacher removed it, or null. */
async function seatOf(room: SessionRoom, roster: RosterSeats, studentId: string): Promise<string | "removed" | null> {
  const seats = await roster.seatsIn(room.id, studentId);
  const live = seats.find((s) => !s.removed && !room.state.participants[s.id]?.removed && room.state.participants[s.id]);
  if (live) return live.id;
  return seats.length > 0 ? "removed" : null;
}
