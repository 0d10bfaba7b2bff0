/** Who is connected: what the socket handlers record, and a room's transport reads. */
export interface PresenceTracker {
  add(sessionId: string, participantId: string): void;
  remove(sessionId: string, participantId: string): void;
  /** Participants of a session with at least one connection (a live view, not a copy). */
  of(sessionId: string): ReadonlySet<string>;
}

/** Who is connected to this server, per session and participant (a student may have two tabs open). */
export class Presence implements PresenceTracker {
  private readonly connections = new Map<string, Map<string, number>>();
  private readonly connected = new Map<string, Set<string>>();

  add(sessionId: string, participantId: string): void {
    let counts = this.connections.get(sessionId);
    if (!counts) {
      this.connections.set(sessionId, (counts = new Map()));
      this.connected.set(sessionId, new Set());
    }
    counts.set(participantId, (counts.get(participantId) ?? 0) + 1);
    this.connected.get(sessionId)!.add(participantId);
  }

  remove(sessionId: string, participantId: string): void {
    const counts = this.connections.get(sessionId);
    if (!counts) return;
    const n = (counts.get(participantId) ?? 0) - 1;
    if (n > 0) return void counts.set(participantId, n);
    counts.delete(participantId);
    this.connected.get(sessionId)?.delete(participantId);
  }

  /** Participants of a session with at least one connection (a live view, not a copy). */
  of(sessionId: string): ReadonlySet<string> {
    return this.connected.get(sessionId) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
