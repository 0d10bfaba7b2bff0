"use client";
import { io, type Socket } from "socket.io-client";

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** The one Socket.IO connection of a page (same origin as the page). */
export function connectSocket(): Socket {
  return io({ transports: ["websocket", "polling"], reconnectionDelay: 500, reconnectionDelayMax: 4000 });
}

/** Emit with an ack, as a promise; a timeout becomes a typed error (the caller may retry). */
export function call<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<AckResult<T>> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: AckResult<T>) => {
      if (err) resolve({ ok: false, error: { code: "TIMEOUT", message: "no answer from the server (network?)" } });
      else resolve(res);
    });
  });
}

export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
