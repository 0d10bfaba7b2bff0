import { CLIENT_EVENTS, ERROR_CODES, fail, MAX_PAYLOAD_BYTES, type Ack, type ClientEventName } from "@livelab/core/protocol";
import { HANDLERS, type Handler } from "./handlerTable.ts";
import { TokenBucket } from "./rateLimit.ts";
import type { HandlerContext, HandlerDeps, LiveSocket } from "./types.ts";

export type { HandlerDeps } from "./types.ts";

/** Per connection: every message (known or not) costs a token of 20 a second, 40 saved up. */
export const MESSAGES_PER_SECOND = 20;
export const MESSAGE_BURST = 40;
/** Keyframe requests, on top: 2 a second, 4 saved up, and one at a time (docs/SECURITY.md). */
export const KEYFRAMES_PER_SECOND = 2;
export const KEYFRAME_BURST = 4;

/**
 * Every socket event goes through here: rate limit, size cap, zod validation, then its
 * handler in HANDLERS (which checks the role); every outcome is an ack
 * `{ ok: true, data } | { ok: false, error }`. A client that sends no ack callback gets
 * refusals as a `protocol:error` event instead.
 */
export function registerSocketHandlers(deps: HandlerDeps): void {
  const { io, log } = deps;
  io.on("connection", (socket) => {
    // A connection Socket.IO recovered after a cut (scaled mode: its state kept in Redis, maybe
    // by another node) keeps its role and rooms; its rate limits start afresh.
    const kept = socket.recovered ? socket.data : null;
    socket.data = {
      role: kept?.role ?? null, sessionId: kept?.sessionId ?? null, participantId: kept?.participantId ?? null,
      bucket: new TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST), keyframes: new TokenBucket(KEYFRAMES_PER_SECOND, KEYFRAME_BURST), keyframeBusy: false,
    };
    const ctx: HandlerContext = { socket, deps, address: deps.clientAddress(socket.request) };
    if (kept?.role === "student" && kept.sessionId && kept.participantId) {
      deps.presence.add(kept.sessionId, kept.participantId);
      deps.ops.attached(kept.sessionId, kept.participantId);
    }

    // One catch-all listener per socket (it receives the ack callback too) instead of one per
    // event: a 2,000-student room, or a reconnect storm, allocates 2,000 closures, not 50,000.
    socket.onAny((event: string, ...args: unknown[]) => {
      void handle(ctx, event, args).catch((e) => {
        log.error({ err: e, event }, "handler crashed");
        reply(socket, event, args, fail(ERROR_CODES.INTERNAL, "something went wrong on the server"));
      });
    });

    socket.on("disconnect", () => {
      deps.joinGuard.forget(socket.id);
      const d = socket.data;
      if (d.role === "student" && d.sessionId && d.participantId) {
        deps.presence.remove(d.sessionId, d.participantId);
        deps.ops.detached(d.sessionId, d.participantId);
      }
    });
  });
}

function reply(socket: LiveSocket, event: string, args: unknown[], result: Ack<unknown>): void {
  const ack = args.at(-1);
  if (typeof ack === "function") (ack as (r: unknown) => void)(result);
  else if (!result.ok) socket.emit("protocol:error", { event: String(event).slice(0, 64), ...result.error });
}

async function handle(ctx: HandlerContext, event: string, args: unknown[]): Promise<void> {
  const send = (r: Ack<unknown>) => reply(ctx.socket, event, args, r);
  // Every message costs a token, known or not: unknown events cannot flood the replies.
  if (!ctx.socket.data.bucket.take()) return send(fail(ERROR_CODES.RATE_LIMITED, "too many messages; slow down"));
  if (!Object.hasOwn(CLIENT_EVENTS, event)) return send(fail(ERROR_CODES.UNKNOWN_EVENT, `unknown event "${String(event).slice(0, 64)}"`));
  const name = event as ClientEventName;
  const payload = typeof args[0] === "function" ? {} : args[0];
  let size: number;
  try {
    size = JSON.stringify(payload ?? null)?.length ?? 0;
  } catch {
    return send(fail(ERROR_CODES.BAD_REQUEST, "the payload is not plain JSON"));
  }
  if (size > MAX_PAYLOAD_BYTES) return send(fail(ERROR_CODES.PAYLOAD_TOO_LARGE, `payloads are limited to ${MAX_PAYLOAD_BYTES} bytes`));
  const parsed = CLIENT_EVENTS[name].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return send(fail(ERROR_CODES.BAD_REQUEST, `${issue.path.join(".") || "payload"}: ${issue.message}`));
  }
  // The one place the event name meets its payload type: HANDLERS is checked against the map.
  const handler = HANDLERS[name] as Handler<ClientEventName>;
  send(await handler(ctx, parsed.data as never));
}
