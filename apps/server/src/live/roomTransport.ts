import type { ServerEventName, ServerPayload } from "@livelab/core/protocol";

/**
 * How a room reaches its sockets, typed by the protocol's ServerEvents. The server implements
 * it over Socket.IO rooms (socket/transport.ts); tests use an array that records every message
 * (test/support/arrayTransport.ts). A room gets its transport when it is made.
 */
export interface RoomTransport {
  toStudents<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void;
  toTeachers<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void;
  /** Projector screens: the owner's own and paired view-only ones. */
  toStage<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void;
  toParticipant<E extends ServerEventName>(participantId: string, event: E, payload: ServerPayload<E>): void;
  /** Participants with at least one open connection. */
  connectedParticipants(): ReadonlySet<string>;
  disconnectParticipant(participantId: string): void;
  /** Drop every screen attached by a pairing code (revoked or replaced). */
  disconnectPairedScreens(): void;
}

/** For a room nobody is connected to (the demo seed plays a whole class without sockets). */
export const NO_SOCKETS: RoomTransport = {
  toStudents: () => {},
  toTeachers: () => {},
  toStage: () => {},
  toParticipant: () => {},
  connectedParticipants: () => new Set(),
  disconnectParticipant: () => {},
  disconnectPairedScreens: () => {},
};
