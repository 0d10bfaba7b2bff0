import type { IncomingMessage } from "node:http";
import type { ClientEvents, ServerEvents } from "@livelab/core/protocol";
import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { InterServerEvents } from "../cluster/interServer.ts";
import type { SessionOps } from "../live/sessionOps.ts";
import type { PresenceTracker } from "./presence.ts";
import type { FailureLimiter, TokenBucket } from "./rateLimit.ts";

/** What the server remembers about one connection. */
export interface SocketData {
  role: "student" | "teacher" | null;
  sessionId: string | null;
  participantId: string | null;
  bucket: TokenBucket;
}

/** Socket.IO typed by the protocol's event maps (packages/core/src/protocol/events.ts), and the nodes' own messages (scaled mode). */
export type LiveServer = Server<ClientEvents, ServerEvents, InterServerEvents, SocketData>;
export type LiveSocket = Socket<ClientEvents, ServerEvents, InterServerEvents, SocketData>;

export interface HandlerDeps {
  io: LiveServer;
  /** What a connection can ask of a session: here, or on the node that owns it. */
  ops: SessionOps;
  log: Logger;
  /** Who is connected to this node, per session. */
  presence: PresenceTracker;
  /** Failed join/resume attempts per network address (a whole school may share one). */
  joinFailures: FailureLimiter;
  /** ... and per connection, which is where a guessing script shows itself first. */
  socketJoinFailures: FailureLimiter;
  /** The client's address from a handshake (forwarded headers only from TRUST_PROXY's proxies). */
  clientAddress: (req: IncomingMessage) => string;
}

/** What every handler is called with, besides its validated payload. */
export interface HandlerContext {
  socket: LiveSocket;
  deps: HandlerDeps;
  /** The client's network address (for join limits). */
  address: string;
}
