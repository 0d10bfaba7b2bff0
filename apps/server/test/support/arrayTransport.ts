import type { ServerEventName, ServerPayload } from "@livelab/core/protocol";
import type { RoomTransport } from "../../src/live/roomTransport.ts";

export interface Sent { to: "students" | "teachers" | "stage" | { participant: string }; event: ServerEventName; payload: unknown }

/** A RoomTransport that records every message, for unit tests of a room without sockets. */
export class ArrayTransport implements RoomTransport {
  readonly sent: Sent[] = [];
  readonly connected = new Set<string>();
  readonly disconnected: string[] = [];
  pairedScreensDropped = 0;

  toStudents<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void {
    this.sent.push({ to: "students", event, payload });
  }
  toTeachers<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void {
    this.sent.push({ to: "teachers", event, payload });
  }
  toStage<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void {
    this.sent.push({ to: "stage", event, payload });
  }
  toParticipant<E extends ServerEventName>(participantId: string, event: E, payload: ServerPayload<E>): void {
    this.sent.push({ to: { participant: participantId }, event, payload });
  }
  connectedParticipants(): ReadonlySet<string> {
    return this.connected;
  }
  disconnectParticipant(participantId: string): void {
    this.connected.delete(participantId);
    this.disconnected.push(participantId);
  }
  disconnectPairedScreens(): void {
    this.pairedScreensDropped++;
  }

  /** What one participant received of one event. */
  toOne<E extends ServerEventName>(participantId: string, event: E): ServerPayload<E>[] {
    return this.sent.filter((m) => typeof m.to === "object" && m.to.participant === participantId && m.event === event).map((m) => m.payload as ServerPayload<E>);
  }

  of<E extends ServerEventName>(to: "students" | "teachers" | "stage", event: E): ServerPayload<E>[] {
    return this.sent.filter((m) => m.to === to && m.event === event).map((m) => m.payload as ServerPayload<E>);
  }
}
