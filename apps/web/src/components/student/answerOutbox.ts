"use client";
import { ERROR_CODES } from "@livelab/core/errors";
import { call, randomKey, RETRYABLE_CODES, type LiveSocket } from "../../lib/socket";
import { pending, type PendingAnswer } from "./storage";
import { studentMessage } from "./studentMessages";

/** What the phone says about one question's answer: nothing yet, waiting for the connection, on its way, stored, refused. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "waiting" }
  | { kind: "sending" }
  | { kind: "saved"; attempt: number }
  | { kind: "error"; message: string };

export interface OutboxEvents {
  /** The save line of a question changed. */
  onSave(questionId: string, save: SaveState): void;
  /** The server acknowledged (stored) an answer. */
  onStored(questionId: string, answer: string | string[], attempt: number): void;
  /** The server no longer knows this connection as the student: resume the seat, then call `seated()`. */
  onSeatLost(): void;
}

/** Seconds between resends while the server answers "not now" (database away, class moving to another server). */
const RETRY_MS = 3000;

/**
 * The phone's answers between "Send" and the server's acknowledgement ("an answer
 * acknowledged is an answer stored; nothing lost").
 *
 * - An answer is written to the phone's storage before anything is sent, and leaves it only
 *   when the server has stored it or refused it for good (the question closed meanwhile) — a
 *   reload, a locked screen or a dropped Wi-Fi loses nothing.
 * - It is sent only on a connection that holds the student's seat (joined or resumed on it).
 *   Socket.IO buffers what is emitted while disconnected and flushes it on reconnect *before*
 *   the page can resume its seat; the server, rightly, knows no student on that new connection
 *   yet and refuses (NOT_AUTHENTICATED). So nothing is emitted while not seated, and `seated()`
 *   (after the join or the resume) sends what waits. A refusal NOT_AUTHENTICATED anyway (the
 *   seat was lost on the server's side) keeps the answer and asks for the seat again.
 * - Every resend carries the answer's one idempotency key: the server returns the stored
 *   result for a key it has seen, so nothing counts twice however often it is sent.
 */
export class AnswerOutbox {
  private seatedOnThisConnection = false;
  /** Increases at every lost connection: a reply to a request sent on an older one is stale. */
  private generation = 0;
  private readonly inFlight = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly socket: LiveSocket,
    private readonly participantId: () => string | null,
    private readonly events: OutboxEvents,
  ) {}

  /** A new answer from the student: kept, then sent as soon as the seat is held. */
  submit(questionId: string, answer: string | string[]): void {
    const pid = this.participantId();
    if (!pid) return;
    const p: PendingAnswer = { questionId, answer, idempotencyKey: randomKey() };
    pending.put(pid, p);
    void this.send(p);
  }

  /** This connection now holds the seat (joined or resumed): send everything that waits. */
  seated(): void {
    this.seatedOnThisConnection = true;
    for (const p of this.waiting()) void this.send(p);
  }

  /** The connection dropped: what was on its way waits for the next seat. */
  connectionLost(): void {
    this.seatedOnThisConnection = false;
    this.generation++;
    // A request on the dead connection will never be answered; after the resume the same key is sent again.
    this.inFlight.clear();
    for (const p of this.waiting()) this.events.onSave(p.questionId, { kind: "waiting" });
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private waiting(): PendingAnswer[] {
    const pid = this.participantId();
    return pid ? Object.values(pending.all(pid)) : [];
  }

  private async send(p: PendingAnswer): Promise<void> {
    const pid = this.participantId();
    if (!pid) return;
    if (!this.seatedOnThisConnection || !this.socket.connected) {
      this.events.onSave(p.questionId, { kind: "waiting" });
      return;
    }
    if (this.inFlight.has(p.idempotencyKey)) return;
    this.inFlight.add(p.idempotencyKey);
    const generation = this.generation;
    this.events.onSave(p.questionId, { kind: "sending" });
    const r = await call(this.socket, "answer:submit", p);
    this.inFlight.delete(p.idempotencyKey);
    if (r.ok) {
      this.forget(pid, p);
      this.events.onSave(p.questionId, { kind: "saved", attempt: r.data.attempt });
      this.events.onStored(p.questionId, p.answer, r.data.attempt);
      return;
    }
    const code = r.error.code;
    if (code === ERROR_CODES.NOT_AUTHENTICATED || RETRYABLE_CODES.has(code)) {
      this.events.onSave(p.questionId, { kind: "waiting" });
      // Sent on a connection that has since dropped: the resume after the reconnect sends it again.
      if (generation !== this.generation) return;
      if (code === ERROR_CODES.NOT_AUTHENTICATED) {
        this.seatedOnThisConnection = false;
        this.events.onSeatLost();
        return;
      }
      const t = setTimeout(() => {
        this.timers.delete(t);
        const still = pending.all(pid)[p.questionId];
        if (still?.idempotencyKey === p.idempotencyKey) void this.send(still);
      }, RETRY_MS);
      this.timers.add(t);
      return;
    }
    // Refused for good (closed, time up, unreadable …): nothing was stored; say so and why.
    this.forget(pid, p);
    this.events.onSave(p.questionId, { kind: "error", message: studentMessage(r.error) });
  }

  /** Drop the kept answer, unless a newer one for the same question replaced it meanwhile. */
  private forget(pid: string, p: PendingAnswer): void {
    if (pending.all(pid)[p.questionId]?.idempotencyKey === p.idempotencyKey) pending.drop(pid, p.questionId);
  }
}
