import type { Logger } from "pino";
import type { LeaseStore } from "../db/roomStore.ts";
import type { SessionRoom } from "../live/room.ts";
import type { Rooms } from "../live/rooms.ts";

export interface OwnershipTiming {
  /** How long a lease lasts unless renewed (failover takes about this long plus one scan). */
  ttlMs: number;
  renewMs: number;
  /** How often a node looks for sessions nobody holds. */
  scanMs: number;
}

export const DEFAULT_TIMING: OwnershipTiming = { ttlMs: 5000, renewMs: 1000, scanMs: 1500 };

/**
 * Scaled mode: which live sessions this node runs. A node runs a session while it holds its
 * lease (a row in PostgreSQL with an expiry on the database's clock and a fencing token that
 * every write of the room checks). It renews its leases every second; a session whose lease it
 * could not renew is dropped here at once (another node may already have it, and the fence
 * refuses any write that slips through). Every node also looks for sessions nobody holds — the
 * owner died (kill -9) or shut down — and takes them: the room is rebuilt from the event log,
 * so the class carries on at the same step of the same timeline.
 */
export class SessionOwnership {
  private renewTimer: NodeJS.Timeout | null = null;
  private scanTimer: NodeJS.Timeout | null = null;
  private lastRenewed = Date.now();
  private readonly adopting = new Map<string, Promise<SessionRoom | null>>();
  private stopped = false;

  constructor(private readonly deps: {
    store: LeaseStore;
    rooms: Rooms;
    node: string;
    log: Logger;
    timing?: OwnershipTiming;
    /** A session was taken over by this node (its roster is reconciled then). */
    onAdopted?: (room: SessionRoom) => void;
  }) {}

  private get timing(): OwnershipTiming { return this.deps.timing ?? DEFAULT_TIMING; }

  start(): void {
    this.renewTimer = setInterval(() => void this.renew(), this.timing.renewMs);
    // Jittered, so the nodes do not all reach for an orphaned session in the same millisecond.
    const scan = () => {
      this.scanTimer = setTimeout(() => void this.scan().finally(() => { if (!this.stopped) scan(); }), this.timing.scanMs * (0.5 + Math.random()));
    };
    scan();
    void this.scan();
  }

  /**
   * Take a session nobody holds and run it here: the room, or null if another node holds it
   * (or it has ended). Concurrent calls for one session share one attempt.
   */
  adopt(sessionId: string): Promise<SessionRoom | null> {
    const here = this.deps.rooms.get(sessionId);
    if (here) return Promise.resolve(here);
    let running = this.adopting.get(sessionId);
    if (!running) {
      running = this.adoptNow(sessionId).finally(() => this.adopting.delete(sessionId));
      this.adopting.set(sessionId, running);
    }
    return running;
  }

  private async adoptNow(sessionId: string): Promise<SessionRoom | null> {
    if (this.stopped) return null;
    const token = await this.deps.store.acquireLease(sessionId, this.deps.node, this.timing.ttlMs);
    if (token === null) return null;
    try {
      const room = await this.deps.rooms.adopt(sessionId, token);
      if (room) {
        this.deps.log.info({ session: sessionId, token }, "took over a session");
        this.deps.onAdopted?.(room);
      } else await this.deps.store.releaseLease(sessionId, token);
      return room;
    } catch (e) {
      this.deps.log.error({ err: e, session: sessionId }, "could not rebuild a session it leased");
      await this.deps.store.releaseLease(sessionId, token).catch(() => {});
      return null;
    }
  }

  private async scan(): Promise<void> {
    if (this.stopped) return;
    try {
      const orphans = await this.deps.store.orphanedSessions();
      // In a random order per node: the nodes that survive share the orphans of one that died.
      for (const id of orphans.sort(() => Math.random() - 0.5)) await this.adopt(id);
    } catch (e) {
      this.deps.log.warn({ err: e }, "could not look for orphaned sessions");
    }
  }

  private async renew(): Promise<void> {
    const leases = this.deps.rooms.leases();
    if (leases.length === 0) return void (this.lastRenewed = Date.now());
    const startedAt = Date.now();
    try {
      const held = new Set(await this.deps.store.renewLeases(this.deps.node, leases, this.timing.ttlMs));
      this.lastRenewed = startedAt;
      for (const l of leases) if (!held.has(l.sessionId)) this.drop(l.sessionId, "its lease was taken by another node");
    } catch (e) {
      // The database is unreachable: past the lease's length this node can no longer know it
      // still owns anything, so it stops running its rooms (their writes would fail anyway).
      if (Date.now() - this.lastRenewed > this.timing.ttlMs - this.timing.renewMs) {
        this.deps.log.error({ err: e }, "could not renew leases; dropping this node's sessions");
        for (const l of leases) this.drop(l.sessionId, "its lease could not be renewed");
      }
    }
  }

  private drop(sessionId: string, why: string): void {
    const room = this.deps.rooms.get(sessionId);
    if (!room) return;
    this.deps.log.warn({ session: sessionId }, `no longer runs this session: ${why}`);
    this.deps.rooms.remove(room);
  }

  /** Shutting down: stop taking sessions, write what is queued, and hand every lease back so another node takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (this.scanTimer) clearTimeout(this.scanTimer);
    await Promise.allSettled([...this.adopting.values()]);
    for (const l of this.deps.rooms.leases()) {
      const room = this.deps.rooms.get(l.sessionId);
      await room?.flush().catch(() => {});
      if (room) this.deps.rooms.remove(room);
      await this.deps.store.releaseLease(l.sessionId, l.token).catch(() => {});
    }
  }
}
