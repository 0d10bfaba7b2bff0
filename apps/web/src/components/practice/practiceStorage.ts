"use client";
import { readJson, writeJson } from "../../lib/localJson";
import type { PracticeItemView } from "@livelab/core/protocol";
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
  /**
   * The question it answers, as the phone showed it: when the page was closed before the answer
   * went out, the verdict shown later sits under its own question and answer, not alone.
   */
  item?: PracticeItemView;
}

const PENDING = "livelab:practice:pending";
const draftKey = (itemId: string) => `livelab:practice:draft:${itemId}`;

export const pendingAttempt = {
  get: (): PendingAttempt | null => readJson<PendingAttempt>(PENDING),
  set: (p: PendingAttempt) => writeJson(PENDING, p),
  clear: () => writeJson(PENDING, null),
};

export const practiceDraft = {
  get: (itemId: string): Answer | null => readJson<Answer>(draftKey(itemId)),
  set: (itemId: string, a: Answer) => writeJson(draftKey(itemId), a),
  clear: (itemId: string) => writeJson(draftKey(itemId), null),
};
