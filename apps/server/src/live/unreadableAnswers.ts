import type { Logger } from "pino";
import type { RoomStore, UnreadableRow } from "../db/roomStore.ts";
import { newId } from "../security/tokens.ts";
import { WriteBatcher } from "./writeBatcher.ts";

/**
 * Unreadable answers kept per student and question (for the report's item statistics); more
 * are refused all the same but not stored, so a stuck button cannot flood the database.
 */
export const UNREADABLE_KEPT = 3;

/**
 * A room's record of answers refused as unreadable (INVALID_ANSWER). They use no attempt and are
 * in no score; the report counts them per question. Written in batches; the refusal a student
 * gets does not depend on this write (a failure is only logged).
 */
export class UnreadableAnswers {
  private readonly writes: WriteBatcher<UnreadableRow>;
  private readonly kept = new Map<string, number>();

  constructor(private readonly deps: { store: RoomStore; sessionId: string; log: Logger; now: () => number }, already: { participantId: string; questionId: string }[] = []) {
    this.writes = new WriteBatcher((rows) => deps.store.insertUnreadable(rows));
    for (const u of already) this.bump(`${u.participantId}|${u.questionId}`, 1);
  }

  private bump(slot: string, by: number): number {
    const n = (this.kept.get(slot) ?? 0) + by;
    this.kept.set(slot, n);
    return n;
  }

  async keep(participantId: string, questionId: string, answer: unknown, reason: string): Promise<void> {
    const slot = `${participantId}|${questionId}`;
    if ((this.kept.get(slot) ?? 0) >= UNREADABLE_KEPT) return;
    this.bump(slot, 1);
    // The text as typed, without NUL characters (PostgreSQL text cannot hold them).
    const text = (typeof answer === "string" ? answer : (JSON.stringify(answer) ?? "")).replaceAll("\u0000", "").slice(0, 200);
    try {
      await this.writes.add({ id: newId(), sessionId: this.deps.sessionId, participantId, questionId, answer: text, reason: reason.slice(0, 300), at: new Date(this.deps.now()) });
    } catch (e) {
      this.bump(slot, -1);
      this.deps.log.warn({ err: e, session: this.deps.sessionId }, "could not keep an unreadable answer");
    }
  }

  flush(): Promise<void> {
    return this.writes.flush();
  }
}
