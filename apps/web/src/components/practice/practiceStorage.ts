"use client";
import type { Answer } from "../student/AnswerInput";

/**
 * What a phone keeps while practising on bad Wi-Fi: the attempt it is sending (until the server
 * has it: resent with the same idempotency key, so it counts once) and what is typed but not
 * sent, per item. localStorage, so a reload or a locked screen loses neither.
 */
export interface PendingAttempt {
  itemId: string;
  skill: string;
  answer: Answer;
  idempotencyKey: string;
}

const PENDING = "livelab:practice:pending";
const draftKey = (itemId: string) => `livelab:practice:draft:${itemId}`;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the attempt is still being sent from memory.
  }
}

export const pendingAttempt = {
  get: (): PendingAttempt | null => read<PendingAttempt>(PENDING),
  set: (p: PendingAttempt) => write(PENDING, p),
  clear: () => write(PENDING, null),
};

export const practiceDraft = {
  get: (itemId: string): Answer | null => read<Answer>(draftKey(itemId)),
  set: (itemId: string, a: Answer) => write(draftKey(itemId), a),
  clear: (itemId: string) => write(draftKey(itemId), null),
};
