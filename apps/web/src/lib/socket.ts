"use client";
import { io, type Socket } from "socket.io-client";
import { ERROR_CODES } from "@livelab/core/errors";
import type { Ack, AckData, ClientEventName, ClientEvents, ClientPayload, ServerEvents } from "@livelab/core/protocol";

/** A page's connection, typed by the protocol's event maps (packages/core/src/protocol/events.ts). */
export type LiveSocket = Socket<ServerEvents, ClientEvents>;

/** The one Socket.IO connection of a page (same origin as the page). */
export function connectSocket(): LiveSocket {
  return io({ transports: ["websocket", "polling"], reconnectionDelay: 500, reconnectionDelayMax: 4000 });
}

/** Emit with an ack, as a promise; a timeout becomes a typed error (the caller may retry). */
export function call<E extends ClientEventName>(socket: LiveSocket, event: E, payload: ClientPayload<E>, timeoutMs = 10_000): Promise<Ack<AckData[E]>> {
  return new Promise((resolve) => {
    // Socket.IO's typed emit cannot relate a generic event name to its arguments: the signature of `call` does.
    const timed = socket.timeout(timeoutMs) as unknown as { emit(event: E, payload: unknown, ack: (err: Error | null, res: Ack<AckData[E]>) => void): void };
    timed.emit(event, payload, (err, res) => {
      if (err) resolve({ ok: false, error: { code: ERROR_CODES.TIMEOUT, message: "no answer from the server (network?)" } });
      else resolve(res);
    });
  });
}

/** Refusals that mean "not now" (no answer, database away, the class moving to another server): try again. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([ERROR_CODES.TIMEOUT, ERROR_CODES.STORAGE_UNAVAILABLE, ERROR_CODES.RATE_LIMITED, ERROR_CODES.INTERNAL]);

/**
 * `call`, tried again a second later while the refusal is retryable and the socket is still
 * connected (e.g. resuming while the class moves to another server after one failed).
 */
export async function callRetrying<E extends ClientEventName>(socket: LiveSocket, event: E, payload: ClientPayload<E>, attempts = 20): Promise<Ack<AckData[E]>> {
  for (let i = 1; ; i++) {
    const r = await call(socket, event, payload);
    if (r.ok || !RETRYABLE_CODES.has(r.error.code) || i >= attempts || !socket.connected) return r;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
