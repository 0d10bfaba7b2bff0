import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { ClientEvents, ServerEvents } from "@livelab/core/protocol";
import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { InterServerEvents } from "../cluster/interServer.ts";
import type { SessionOps } from "../live/sessionOps.ts";
import type { PresenceTracker } from "./presence.ts";
import type { JoinGuard } from "./joinGuard.ts";
import type { TokenBucket } from "./rateLimit.ts";
import type { RosterSeats } from "../live/rosterJoin.ts";

/** What the server remembers about one connection. */
export interface SocketData {
  /** A projector screen is a "screen": it receives the stage and may send no command. */
  role: "student" | "teacher" | "screen" | null;
  sessionId: string | null;
  participantId: string | null;
  bucket: TokenBucket;
  /** Keyframe requests cost the server a simulation: a few a second, one at a time. */
  keyframes: TokenBucket;
  keyframeBusy: boolean;
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
  /** Limits on guessing join codes, per connection and per network address (a whole school may share one). */
  joinGuard: JoinGuard;
  /** The client's address from a handshake (forwarded headers only from TRUST_PROXY's proxies). */
  clientAddress: (req: IncomingMessage) => string;
  /** The signed-in teacher's account id from a connection's handshake (its sign-in cookie), or null. */
  teacherOf: (headers: IncomingHttpHeaders) => Promise<string | null>;
  /** The address students and paired screens use (PUBLIC_URL or the LAN address). */
  publicUrl: () => string;
  /** Classes run for a roster and their students (absent: every class is joined with a nickname). */
  roster?: RosterSeats;
}

/** What every handler is called with, besides its validated payload. */
export interface HandlerContext {
  socket: LiveSocket;
  deps: HandlerDeps;
  /** The client's network address (for join limits): clientAddress(socket.request). */
  address: string;
}
