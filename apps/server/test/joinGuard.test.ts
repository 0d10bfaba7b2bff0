/**
 * The pieces of the join-code limits (issue 12 (4)) on a fake clock: an address is counted by
 * its /64 (IPv6) or itself (IPv4, also IPv4-mapped), a connection is cut off after its wrong
 * codes, and a paced address gets its turns in order, `pacedPerSecond` apart, nobody refused.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { addressKey } from "../src/security/addressKey.ts";
import { AddressPacer, JoinGuard } from "../src/socket/joinGuard.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("addressKey", () => {
  it("IPv4 as is, IPv4-mapped as IPv4, IPv6 by its /64", () => {
    expect(addressKey("192.168.1.20")).toBe("192.168.1.20");
    expect(addressKey("::ffff:192.168.1.20")).toBe("192.168.1.20");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).not.toBe(addressKey("2001:db8:1:2::1"));
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("unknown")).toBe("unknown");
  });
});

describe("AddressPacer", () => {
  it("spreads one address's turns pacedPerSecond apart, in order; other addresses do not wait", async () => {
    vi.useFakeTimers();
    const pacer = new AddressPacer(10, () => Date.now());
    const done: string[] = [];
    const t0 = Date.now();
    const turns = ["a1", "a2", "a3", "a4"].map((name) => pacer.turn("A").then(() => done.push(`${name}@${Date.now() - t0}`)));
    const other = pacer.turn("B").then(() => done.push(`b@${Date.now() - t0}`));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([...turns, other]);
    expect(done).toEqual(["a1@0", "b@0", "a2@100", "a3@200", "a4@300"]);
  });
});

describe("JoinGuard", () => {
  const limits = { perConnection: 2, perAddress: 3, windowMs: 60_000, pacedPerSecond: 10 };

  it("refuses a connection after its wrong codes; paces, never refuses, an address over its budget", async () => {
    vi.useFakeTimers();
    const guard = new JoinGuard(limits);
    expect(await guard.turn("c1", "10.0.0.7")).toBeNull();
    expect(guard.cutOff("c1")).toBeNull();
    guard.missedJoin("c1", "10.0.0.7");
    guard.missedJoin("c1", "10.0.0.7");
    expect(guard.cutOff("c1")).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(guard.cutOff("c2")).toBeNull();
    expect(guard.paced("10.0.0.7")).toBe(false);
    guard.missedJoin("c2", "10.0.0.7");
    expect(guard.paced("10.0.0.7")).toBe(true);
    // Another connection from the paced address waits its turn and goes ahead.
    const results = ["c3", "c4", "c5"].map((c) => guard.turn(c, "10.0.0.7"));
    await vi.advanceTimersByTimeAsync(500);
    expect(await Promise.all(results)).toEqual([null, null, null]);
    // A second join from a connection already waiting is refused; others are not.
    const waiting = guard.turn("c6", "10.0.0.7");
    const waiting2 = guard.turn("c7", "10.0.0.7");
    expect(await guard.turn("c6", "10.0.0.7")).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    await vi.advanceTimersByTimeAsync(500);
    expect(await Promise.all([waiting, waiting2])).toEqual([null, null]);
    // The rest of the network is not paced; after the window, neither is this address.
    expect(guard.paced("10.0.0.8")).toBe(false);
    vi.advanceTimersByTime(limits.windowMs);
    expect(guard.paced("10.0.0.7")).toBe(false);
  });

  it("counts an IPv6 /64 as one address", () => {
    const guard = new JoinGuard(limits);
    for (let i = 1; i <= 3; i++) guard.missedJoin(`c${i}`, `2001:db8:5:6::${i}`);
    expect(guard.paced("2001:db8:5:6:ffff::9")).toBe(true);
    expect(guard.paced("2001:db8:5:7::1")).toBe(false);
  });
});
