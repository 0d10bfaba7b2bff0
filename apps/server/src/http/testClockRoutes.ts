import express, { type Router } from "express";
import { ERROR_CODES, fail } from "@livelab/core/protocol";
import type { TestClock } from "../practice/practiceClock.ts";

/**
 * Only on a test server (LIVELAB_TEST_CLOCK=1): move the server's clock forward, as days pass
 * between a practice session and its review. Never mounted otherwise.
 */
export function testClockRouter(clock: TestClock): Router {
  const r = express.Router();
  r.post("/api/test/clock", (req, res) => {
    const ms = Number((req.body as { advanceMs?: unknown } | undefined)?.advanceMs);
    if (!Number.isFinite(ms) || ms < 0 || ms > 400 * 86_400_000) return void res.status(400).json(fail(ERROR_CODES.BAD_REQUEST, "advanceMs: 0 to 400 days in milliseconds"));
    res.json({ ok: true, data: { now: clock.advance(ms) } });
  });
  return r;
}
