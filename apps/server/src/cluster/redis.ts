import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * The Redis connection of a node (scaled mode). Commands wait while Redis is away
 * (`maxRetriesPerRequest: null`) instead of failing: a restarted Redis delays broadcasts by
 * the length of the outage; forwarded operations have their own timeout and are retried by
 * the phones with the same idempotency key.
 */
export function connectRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(100 * attempt, 1000) });
  let lastWarned = 0;
  redis.on("error", (e: Error) => {
    // Once every 10 s while it is down, not once per reconnection attempt.
    if (Date.now() - lastWarned < 10_000) return;
    lastWarned = Date.now();
    log.warn({ err: e }, "Redis is unreachable; retrying");
  });
  return redis;
}

/**
 * Socket.IO's Redis Streams adapter: a room's broadcasts reach its sockets on every node
 * (one Redis stream, trimmed to about `maxLen` entries), `serverSideEmit` carries the nodes'
 * own messages, and connection state recovery keeps a cut connection's state in Redis, so the
 * phone may come back through any node.
 */
export function redisStreamsAdapter(redis: Redis) {
  return createAdapter(redis, { streamName: "livelab:socket.io", maxLen: 10_000 });
}

/** This node's name in leases and logs: NODE_ID, or one made from the host and process. */
export function nodeName(fromEnv?: string): string {
  return fromEnv ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
