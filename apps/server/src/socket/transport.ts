import type { ServerEvents } from "@livelab/core/protocol";
import type { RoomTransport } from "../live/roomTransport.ts";
import type { PresenceTracker } from "./presence.ts";
import type { LiveServer } from "./types.ts";

export const studentsRoom = (sessionId: string) => `s:${sessionId}:students`;
export const teachersRoom = (sessionId: string) => `s:${sessionId}:teachers`;
export const participantRoom = (participantId: string) => `p:${participantId}`;
/** Every projector screen of a session; paired view-only screens are also in pairedRoom. */
export const stageRoom = (sessionId: string) => `s:${sessionId}:stage`;
export const pairedRoom = (sessionId: string) => `s:${sessionId}:paired`;

/** A room's transport over Socket.IO rooms: one for its students, one for its teacher screens, one per participant. */
export function socketTransport(io: LiveServer, presence: Pick<PresenceTracker, "of">, sessionId: string): RoomTransport {
  return {
    toStudents: (event, payload) => io.to(studentsRoom(sessionId)).emit(event, ...([payload] as Parameters<ServerEvents[typeof event]>)),
    toTeachers: (event, payload) => io.to(teachersRoom(sessionId)).emit(event, ...([payload] as Parameters<ServerEvents[typeof event]>)),
    toStage: (event, payload) => io.to(stageRoom(sessionId)).emit(event, ...([payload] as Parameters<ServerEvents[typeof event]>)),
    toParticipant: (pid, event, payload) => io.to(participantRoom(pid)).emit(event, ...([payload] as Parameters<ServerEvents[typeof event]>)),
    connectedParticipants: () => presence.of(sessionId),
    disconnectParticipant: (pid) => io.in(participantRoom(pid)).disconnectSockets(true),
    disconnectPairedScreens: () => io.in(pairedRoom(sessionId)).disconnectSockets(true),
  };
}
