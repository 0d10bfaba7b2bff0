import { ERROR_CODES, fail, ok, type Ack, type CodeCheckAck, type JoinAck, type JoinRosterAck, type ResumeAck } from "@livelab/core/protocol";
import type { SessionCommand } from "@livelab/core/session";
import type { Logger } from "pino";
import type { RoomStore } from "../db/roomStore.ts";
import type { Rooms } from "../live/rooms.ts";
import type { RosterSeats, RosterStudent } from "../live/rosterJoin.ts";
import { localSessionOps, type Owner, type ScreenView, type SessionOps } from "../live/sessionOps.ts";
import { hashSecret } from "../security/tokens.ts";
import type { LiveServer } from "../socket/types.ts";
import type { ClusterPresence } from "./clusterPresence.ts";
import type { OwnerOp, OwnerReply } from "./interServer.ts";
import type { SessionOwnership } from "./ownership.ts";

/**
 * How long a node waits for the other nodes' answers. The adapter gives up after 5 s with the
 * answers it has (a node that died mid-request); this also bounds the wait while Redis is away.
 */
const ANSWER_TIMEOUT_MS = 5500;
/** How often an owner asks the other nodes who of its sessions' students they hold. */
const RECONCILE_MS = 5000;

/** The class has no owner this instant (the owner died and its lease has not expired yet). The phone retries. */
const moving = () => fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the class is moving to another server; nothing was changed, please retry in a few seconds");

/**
 * SessionOps for several nodes (scaled mode). An operation on a session this node runs is run
 * here; otherwise it is sent to every node with Socket.IO's `serverSideEmit` (the Redis Streams
 * adapter carries it over Redis pub/sub) and the owner's acknowledgement comes back — the phone
 * cannot tell which node it is on. When no node answers, nobody runs the session right now:
 * this node tries to take it (its lease expired: the owner died) and runs it, or tells the phone
 * to retry.
 */
export class ClusterSessionOps implements SessionOps {
  private readonly local: SessionOps;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: {
    io: LiveServer;
    rooms: Rooms;
    store: RoomStore;
    ownership: SessionOwnership;
    presence: ClusterPresence;
    log: Logger;
    /** Classes run for a class roster (absent: all take nicknames). */
    roster?: RosterSeats;
  }) {
    this.local = localSessionOps(deps.rooms, deps.roster);
  }

  private get node(): string { return this.deps.presence.self; }

  /** Answer other nodes' operations, presence reports and reconciliation questions; reconcile this node's rosters. */
  listen(): void {
    const { io, presence } = this.deps;
    io.on("livelab:op", (req, ack) => {
      void this.runForRemote(req.from, req.op).then(ack, (e: unknown) => {
        this.deps.log.error({ err: e, op: req.op.op }, "forwarded operation crashed");
        ack({ result: fail(ERROR_CODES.INTERNAL, "something went wrong on the server") });
      });
    });
    io.on("livelab:left", (m) => {
      if (!this.deps.rooms.get(m.sessionId)) return;
      presence.removeFrom(m.from, m.sessionId, m.participantId);
      this.deps.rooms.get(m.sessionId)?.broadcastPresence();
    });
    io.on("livelab:presence", (q, ack) => ack({ from: this.node, sessions: presence.localOf(q.sessionIds) }));
    this.reconcileTimer = setInterval(() => void this.reconcile(this.deps.rooms.all().map((r) => r.id)), RECONCILE_MS);
    this.reconcileTimer.unref();
  }

  stop(): void {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
  }

  /**
   * Ask every node which students of these sessions it holds, and forget the connections of
   * nodes that did not answer (gone). Run every few seconds and right after a takeover.
   */
  async reconcile(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const replies = await this.ask<{ from: string; sessions: Record<string, string[]> }>((done) => this.deps.io.serverSideEmit("livelab:presence", { sessionIds }, done as never));
    const answered = new Set(replies.map((r) => r.from));
    for (const r of replies) this.deps.presence.reconcile(r.from, sessionIds, r.sessions);
    for (const node of this.deps.presence.nodesOf(sessionIds)) if (!answered.has(node)) this.deps.presence.reconcile(node, sessionIds, null);
    for (const id of sessionIds) this.deps.rooms.get(id)?.broadcastPresence();
  }

  /** The owner's side: run a forwarded operation if this node runs its session, else answer null. */
  private async runForRemote(from: string, op: OwnerOp): Promise<OwnerReply | null> {
    const { rooms } = this.deps;
    const l = this.local;
    const here = (sessionId: string) => !!rooms.get(sessionId);
    const reply = async (result: Promise<Ack<unknown>>): Promise<OwnerReply> => ({ result: await result });
    const noMiss = () => {};
    switch (op.op) {
      case "join": {
        if (!rooms.getByCode(op.code)) return null;
        const r = await l.join(op.code, op.nickname, noMiss);
        if (r.ok) this.remoteAttached(from, r.data.sessionId, r.data.participantId);
        return { result: r };
      }
      case "joinRoster": {
        if (!rooms.getByCode(op.code)) return null;
        const r = await l.joinRoster(op.code, op.student, noMiss);
        if (r.ok) this.remoteAttached(from, r.data.sessionId, r.data.participantId);
        return { result: r };
      }
      case "resume": {
        if (!rooms.seatFor(op.resumeToken)) return null;
        const r = await l.resume(op.resumeToken);
        if (r.ok) this.remoteAttached(from, r.data.sessionId, r.data.participantId);
        return { result: r };
      }
      case "pairedScreen":
        return rooms.roomForPairing(op.pairCode) ? reply(l.stageAttach({ pairCode: op.pairCode }, noMiss)) : null;
      case "ownScreen":
        return here(op.sessionId) ? reply(l.stageAttach({ sessionId: op.sessionId, owner: op.owner }, noMiss)) : null;
      case "host":
        return here(op.sessionId) ? reply(l.hostAttach(op.sessionId, op.owner)) : null;
      case "answer":
        return here(op.sessionId) ? reply(l.answer(op.sessionId, op.participantId, op)) : null;
      case "experiment":
        return here(op.sessionId) ? reply(l.experiment(op.sessionId, op.participantId, op)) : null;
      case "review":
        return here(op.sessionId) ? reply(l.review(op.sessionId, op.participantId)) : null;
      case "command":
        return here(op.sessionId) ? reply(l.command(op.sessionId, op.command)) : null;
      case "keyframe":
        return here(op.sessionId) ? reply(l.keyframe(op.sessionId, op.step)) : null;
      default: {
        const never: never = op;
        throw new Error(`unknown operation ${JSON.stringify(never)}`);
      }
    }
  }

  private remoteAttached(from: string, sessionId: string, participantId: string): void {
    this.deps.presence.addFrom(from, sessionId, participantId);
    const room = this.deps.rooms.get(sessionId);
    room?.touch();
    room?.broadcastPresence();
  }

  /** `serverSideEmit` with an acknowledgement from every other node: the answers that came (also on a timeout). */
  private ask<R>(emit: (done: (err: Error | null, replies: R[]) => void) => void): Promise<R[]> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve([]), ANSWER_TIMEOUT_MS);
      emit((_err, replies) => {
        clearTimeout(timer);
        resolve(replies ?? []);
      });
    });
  }

  /** Send an operation to the session's owner: its reply, or null when no node runs the session. */
  private async forward(op: OwnerOp): Promise<OwnerReply | null> {
    const replies = await this.ask<OwnerReply | null>((done) => this.deps.io.serverSideEmit("livelab:op", { from: this.node, op }, done as never));
    return replies.find((r) => r) ?? null;
  }

  /** Run here if this node runs the session, else at its owner, else take it over if nobody holds it. */
  private async bySession<T>(sessionId: string, op: OwnerOp, run: () => Promise<Ack<T>>): Promise<Ack<T>> {
    if (this.deps.rooms.get(sessionId)) return this.retryIfDropped(sessionId, op, run);
    const reply = await this.forward(op);
    if (reply) return reply.result as Ack<T>;
    if (await this.deps.ownership.adopt(sessionId)) return run();
    // Not taken: held by a node that has not answered (it died; its lease has not expired yet),
    // or there is no such live session — then the local answer says so ("not found").
    const found = await this.deps.store.findSession({ id: sessionId }).catch(() => undefined);
    if (found === null || found?.status === "ended") return run();
    return moving();
  }

  /** A room dropped mid-operation (its lease moved) answers "no longer active": the operation goes to the new owner instead. */
  private async retryIfDropped<T>(sessionId: string, op: OwnerOp, run: () => Promise<Ack<T>>): Promise<Ack<T>> {
    const r = await run();
    if (r.ok || r.error.code !== ERROR_CODES.SESSION_NOT_FOUND || this.deps.rooms.get(sessionId)) return r;
    const reply = await this.forward(op);
    return reply ? (reply.result as Ack<T>) : moving();
  }

  /**
   * A look-up by something typed or kept (a join code, a resume token, a pairing code): here,
   * at the node that runs it, or — if no node does — the session found in the database, taken
   * over by this node.
   */
  private async byLookUp<T>(here: boolean, op: OwnerOp, find: () => Promise<{ id: string; status: string } | null>, run: () => Promise<Ack<T>>, ended: () => Ack<T>): Promise<Ack<T>> {
    if (here) return run();
    const reply = await this.forward(op);
    if (reply) return reply.result as Ack<T>;
    const found = await find().catch(() => undefined);
    if (found === undefined) return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; please try again");
    if (!found) return run(); // nothing anywhere: the local look-up answers "not found" (and counts the guess)
    if (found.status === "ended") return ended();
    if (await this.deps.ownership.adopt(found.id)) return run();
    return moving();
  }

  /**
   * A code run here is checked here (lock included); otherwise the database says whether it is
   * live or ended — no forwarding: whether its node has locked joining is said at the join.
   */
  async check(code: string, onMiss: () => void): Promise<Ack<CodeCheckAck>> {
    const upper = code.toUpperCase();
    if (this.deps.rooms.getByCode(upper)) return this.local.check(upper, onMiss);
    const found = await this.deps.store.findSession({ code: upper }).catch(() => undefined);
    if (found === undefined) return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; please try again");
    if (!found) return this.local.check(upper, onMiss); // not found anywhere: counted as a guess
    if (found.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "that class has ended");
    return ok({ code: upper });
  }

  join(code: string, nickname: string, onMiss: () => void): Promise<Ack<JoinAck>> {
    const upper = code.toUpperCase();
    // On this node the look-up (and onMiss) happens in the caller's turn, as on a single node.
    return this.byLookUp(!!this.deps.rooms.getByCode(upper), { op: "join", code: upper, nickname }, () => this.deps.store.findSession({ code: upper }),
      () => this.local.join(upper, nickname, onMiss), () => fail(ERROR_CODES.SESSION_ENDED, "that class has ended"));
  }

  joinRoster(code: string, student: RosterStudent, onMiss: () => void): Promise<Ack<JoinRosterAck>> {
    const upper = code.toUpperCase();
    return this.byLookUp(!!this.deps.rooms.getByCode(upper), { op: "joinRoster", code: upper, student }, () => this.deps.store.findSession({ code: upper }),
      () => this.local.joinRoster(upper, student, onMiss), () => fail(ERROR_CODES.SESSION_ENDED, "that class has ended"));
  }

  resume(resumeToken: string): Promise<Ack<ResumeAck>> {
    return this.byLookUp(!!this.deps.rooms.seatFor(resumeToken), { op: "resume", resumeToken }, () => this.deps.store.findSession({ resumeTokenHash: hashSecret(resumeToken) }),
      () => this.local.resume(resumeToken), () => fail(ERROR_CODES.RESUME_TOKEN_INVALID, "that session or seat no longer exists; join again with the code"));
  }

  /** A pairing code lives only in its room's state (its hash): a screen's code is found here or at the node that runs it. */
  async stageAttach(by: { pairCode: string } | { sessionId: string; owner: Owner }, onMiss: () => void): Promise<Ack<ScreenView>> {
    if ("sessionId" in by) return this.bySession(by.sessionId, { op: "ownScreen", sessionId: by.sessionId, owner: by.owner }, () => this.local.stageAttach(by, onMiss));
    if (this.deps.rooms.roomForPairing(by.pairCode)) return this.local.stageAttach(by, onMiss);
    const reply = await this.forward({ op: "pairedScreen", pairCode: by.pairCode });
    return reply ? (reply.result as Ack<ScreenView>) : this.local.stageAttach(by, onMiss);
  }

  review(sessionId: string, participantId: string) {
    return this.bySession(sessionId, { op: "review", sessionId, participantId }, () => this.local.review(sessionId, participantId));
  }

  answer(sessionId: string, participantId: string, a: { questionId: string; answer: unknown; idempotencyKey: string }) {
    return this.bySession(sessionId, { op: "answer", sessionId, participantId, ...a }, () => this.local.answer(sessionId, participantId, a));
  }

  experiment(sessionId: string, participantId: string, e: { activityId: string; value: number; idempotencyKey: string }) {
    return this.bySession(sessionId, { op: "experiment", sessionId, participantId, ...e }, () => this.local.experiment(sessionId, participantId, e));
  }

  hostAttach(sessionId: string, owner: Owner) {
    return this.bySession(sessionId, { op: "host", sessionId, owner }, () => this.local.hostAttach(sessionId, owner));
  }

  command(sessionId: string, cmd: SessionCommand) {
    return this.bySession(sessionId, { op: "command", sessionId, command: cmd }, () => this.local.command(sessionId, cmd));
  }

  keyframe(sessionId: string, step?: number) {
    return this.bySession(sessionId, { op: "keyframe", sessionId, step }, () => this.local.keyframe(sessionId, step));
  }

  attached(sessionId: string, participantId: string): void {
    this.local.attached(sessionId, participantId);
  }

  /** A participant's last connection here closed: tell the owner if it is elsewhere. */
  detached(sessionId: string, participantId: string): void {
    if (this.deps.rooms.get(sessionId)) return this.local.detached(sessionId, participantId);
    if (this.deps.presence.goneHere(sessionId, participantId)) this.deps.io.serverSideEmit("livelab:left", { from: this.node, sessionId, participantId });
  }
}
