/**
 * The load harness at class scale (200 students) in CI: assertions on counts and behaviour,
 * never on timings (timings belong in docs/BENCHMARKS.md, measured with `npm run bench`).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bench = fileURLToPath(new URL("../bench/load.ts", import.meta.url));

describe("npm run bench at 200 students", () => {
  it("everyone joins, hears the fan-out, every answer is acknowledged and stored once, everyone resumes", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", bench, "--students", "200", "--sim-seconds", "4", "--procs", "2", "--json"], { encoding: "utf8", timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(out.students).toBe(200);
    expect(out.join.messagesPerJoin).toBeLessThan(1); // no broadcast per join
    expect(out.fanout.received).toBe(200 * out.fanout.rounds); // every student hears every broadcast
    expect(out.fanout.rounds).toBeGreaterThanOrEqual(3);
    expect(out.fanout.messageBytes).toBeGreaterThan(100);
    expect(out.burst.sent).toBe(220); // 10 % resend with the same key
    expect(out.burst.acked).toBe(220);
    expect(out.burst.persisted).toBe(200);
    expect(out.burst.duplicates).toBe(0);
    expect(out.sim.bytesPerStudentPerSec).toBeGreaterThan(0);
    expect(out.sim.maxStepSkew).toBeLessThanOrEqual(2);
    expect(out.reconnect.resumed).toBe(200);
  }, 300_000);
});
