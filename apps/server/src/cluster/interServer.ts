import type { Ack } from "@livelab/core/protocol";
import type { SessionCommand } from "@livelab/core/session";
import type { RosterStudent } from "../live/rosterJoin.ts";
import type { Owner } from "../live/sessionOps.ts";

/**
 * An operation a node sends to the node that runs a session (scaled mode). The socket handlers
 * check the connection's role first; the owner only runs the operation on its room.
 */
export type OwnerOp =
  | { op: "join"; code: string; nickname: string }
  | { op: "joinRoster"; code: string; student: RosterStudent }
  | { op: "resume"; resumeToken: string }
  | { op: "answer"; sessionId: string; participantId: string; questionId: string; answer: unknown; idempotencyKey: string }
  | { op: "experiment"; sessionId: string; participantId: string; activityId: string; value: number; idempotencyKey: string }
  | { op: "review"; sessionId: string; participantId: string }
  | { op: "host"; sessionId: string; owner: Owner }
  | { op: "pairedScreen"; pairCode: string }
  | { op: "ownScreen"; sessionId: string; owner: Owner }
  | { op: "command"; sessionId: string; command: SessionCommand }
  | { op: "keyframe"; sessionId: string; step?: number };

/** The owner's answer: the acknowledgement for the phone. */
export interface OwnerReply { result: Ack<unknown> }

/**
 * The nodes' messages to each other, over Socket.IO's Redis Streams adapter (`serverSideEmit`,
 * Redis pub/sub). Every node receives each one; only the node concerned answers with a value.
 */
export interface InterServerEvents {
  /** Run `op` if this node owns its session: the reply, or null from every other node. */
  "livelab:op": (req: { from: string; op: OwnerOp }, ack: (reply: OwnerReply | null) => void) => void;
  /** A participant's last connection on node `from` closed. */
  "livelab:left": (m: { from: string; sessionId: string; participantId: string }) => void;
  /** Which participants of these sessions are connected to you (the owner reconciles its roster). */
  "livelab:presence": (q: { sessionIds: string[] }, ack: (r: { from: string; sessions: Record<string, string[]> }) => void) => void;
}
