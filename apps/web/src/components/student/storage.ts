"use client";

/** What a phone keeps across reloads: its seat (resume token) and answers not yet acknowledged. */
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

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const seats = {
  get: (code: string) => read<Seat>(seatKey(code)),
  set: (code: string, seat: Seat) => localStorage.setItem(seatKey(code), JSON.stringify(seat)),
  clear: (code: string) => localStorage.removeItem(seatKey(code)),
};

export const pending = {
  all: (pid: string) => read<Record<string, PendingAnswer>>(pendingKey(pid)) ?? {},
  put: (pid: string, a: PendingAnswer) => localStorage.setItem(pendingKey(pid), JSON.stringify({ ...pending.all(pid), [a.questionId]: a })),
  drop: (pid: string, questionId: string) => {
    const all = pending.all(pid);
    delete all[questionId];
    localStorage.setItem(pendingKey(pid), JSON.stringify(all));
  },
};
