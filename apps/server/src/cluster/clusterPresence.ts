import type { PresenceTracker } from "../socket/presence.ts";

/** How long a remote connection the owner heard of directly is kept even if a reconciliation reply misses it. */
const FRESH_MS = 3000;

interface Holder { count: number; since: number }

/**
 * Who is connected to a session across the nodes (scaled mode). A phone's socket may sit on
 * any node; the owner of its session must know it is connected (the teacher's roster, and who
 * gets `question:opened`). Each node records its own connections here (`add`/`remove`, as the
 * single-node Presence does); the owner also records other nodes' connections: when it runs a
 * forwarded join or resume, when a node says a participant's last connection there closed,
 * and every few seconds from every node's own list (which also forgets a node that died).
 */
export class ClusterPresence implements PresenceTracker {
  /** sessionId → participantId → node → connections there */
  private readonly holders = new Map<string, Map<string, Map<string, Holder>>>();
  private readonly connected = new Map<string, Set<string>>();

  constructor(readonly self: string, private readonly now: () => number = Date.now) {}

  add(sessionId: string, participantId: string): void {
    this.addFrom(this.self, sessionId, participantId);
  }

  remove(sessionId: string, participantId: string): void {
    this.removeFrom(this.self, sessionId, participantId);
  }

  /** True when this node has no connection of the participant left. */
  goneHere(sessionId: string, participantId: string): boolean {
    return !this.holders.get(sessionId)?.get(participantId)?.has(this.self);
  }

  of(sessionId: string): ReadonlySet<string> {
    let set = this.connected.get(sessionId);
    if (!set) this.connected.set(sessionId, (set = new Set()));
    return set;
  }

  /** This node's own connections to these sessions (the answer to an owner's reconciliation). */
  localOf(sessionIds: string[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const sid of sessionIds) {
      const pids = [...(this.holders.get(sid) ?? new Map<string, Map<string, Holder>>())].filter(([, nodes]) => nodes.has(this.self)).map(([pid]) => pid);
      if (pids.length) out[sid] = pids;
    }
    return out;
  }

  addFrom(node: string, sessionId: string, participantId: string): void {
    let session = this.holders.get(sessionId);
    if (!session) this.holders.set(sessionId, (session = new Map()));
    let nodes = session.get(participantId);
    if (!nodes) session.set(participantId, (nodes = new Map()));
    const h = nodes.get(node);
    if (h) {
      h.count++;
      h.since = this.now();
    } else nodes.set(node, { count: 1, since: this.now() });
    (this.of(sessionId) as Set<string>).add(participantId);
  }

  /** One connection fewer (a remote node reports only the last one, so it clears the node's entry). */
  removeFrom(node: string, sessionId: string, participantId: string, all = node !== this.self): void {
    const nodes = this.holders.get(sessionId)?.get(participantId);
    const h = nodes?.get(node);
    if (!nodes || !h) return;
    if (!all && h.count > 1) return void h.count--;
    nodes.delete(node);
    if (nodes.size === 0) this.forget(sessionId, participantId);
  }

  /**
   * Another node's complete list for some sessions (null: it did not answer — it is gone).
   * Entries heard of in the last few seconds stay: the list may have been made before them.
   */
  reconcile(node: string, sessionIds: string[], list: Record<string, string[]> | null): void {
    if (node === this.self) return;
    const cutoff = this.now() - FRESH_MS;
    for (const sid of sessionIds) {
      const listed = new Set(list?.[sid] ?? []);
      const session = this.holders.get(sid);
      for (const [pid, nodes] of session ?? []) {
        const h = nodes.get(node);
        if (h && !listed.has(pid) && h.since < cutoff) this.removeFrom(node, sid, pid, true);
      }
      for (const pid of listed) if (!this.holders.get(sid)?.get(pid)?.has(node)) this.addFrom(node, sid, pid);
    }
  }

  /** Nodes other than this one that hold a connection to one of these sessions. */
  nodesOf(sessionIds: string[]): Set<string> {
    const out = new Set<string>();
    for (const sid of sessionIds) for (const nodes of this.holders.get(sid)?.values() ?? []) for (const n of nodes.keys()) if (n !== this.self) out.add(n);
    return out;
  }

  private forget(sessionId: string, participantId: string): void {
    this.holders.get(sessionId)?.delete(participantId);
    this.connected.get(sessionId)?.delete(participantId);
  }
}
