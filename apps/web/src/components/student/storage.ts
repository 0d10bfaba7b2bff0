"use client";
import { readJson } from "../../lib/localJson";

/** What a phone keeps across reloads: its seat (resume token), answers not yet acknowledged, and drafts. */
export interface Seat {
  resumeToken: string;
  participantId: string;
  nickname: string;
}

export interface PendingAnswer {
  questionId: string;
  answer: string | string[];
  idempotencyKey: string;
}

const seatKey = (code: string) => `livelab:seat:${code}`;
const pendingKey = (pid: string) => `livelab:pending:${pid}`;
const draftKey = (pid: string, questionId: string) => `livelab:draft:${pid}:${questionId}`;

export const seats = {
  get: (code: string) => readJson<Seat>(seatKey(code)),
  set: (code: string, seat: Seat) => localStorage.setItem(seatKey(code), JSON.stringify(seat)),
  clear: (code: string) => localStorage.removeItem(seatKey(code)),
};

export const pending = {
  all: (pid: string) => readJson<Record<string, PendingAnswer>>(pendingKey(pid)) ?? {},
  put: (pid: string, a: PendingAnswer) => localStorage.setItem(pendingKey(pid), JSON.stringify({ ...pending.all(pid), [a.questionId]: a })),
  drop: (pid: string, questionId: string) => {
    const all = pending.all(pid);
    delete all[questionId];
    localStorage.setItem(pendingKey(pid), JSON.stringify(all));
  },
};

/** What a student typed or chose but has not sent yet, per seat and question (survives a reload). */
export const drafts = {
  get: (pid: string, questionId: string) => readJson<string | string[]>(draftKey(pid, questionId)),
  put: (pid: string, questionId: string, answer: string | string[]) => {
    try {
      localStorage.setItem(draftKey(pid, questionId), JSON.stringify(answer));
    } catch {
      // Storage full or blocked (private mode): the draft just is not kept.
    }
  },
  drop: (pid: string, questionId: string) => localStorage.removeItem(draftKey(pid, questionId)),
};
