/**
 * Session ownership (scaled mode) without sockets: two "nodes" — two room registries with
 * their own SessionOwnership — on one memory store. A node that stalls past its lease loses the
 * session to the other; while it still believes it owns it, nothing it does is stored, and its
 * next renewal drops the room.
 */
import { builtInLesson } from "@livelab/core/lesson";
import { ERROR_CODES } from "@livelab/core/protocol";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { SessionOwnership, type OwnershipTiming } from "../src/cluster/ownership.ts";
import { MemoryRoomStore } from "../src/db/memoryRoomStore.ts";
import { ExperimentPool } from "../src/live/experimentPool.ts";
import { Rooms } from "../src/live/rooms.ts";
import { NO_SOCKETS } from "../src/live/roomTransport.ts";

const lesson = builtInLesson();
const pool = new ExperimentPool(1);
afterAll(() => pool.close());
const log = pino({ level: "silent" });
const timing: OwnershipTiming = { ttlMs: 300, renewMs: 60, scanMs: 60 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function node(store: MemoryRoomStore, name: string) {
  const rooms = new Rooms({ store, experiments: pool, log, transportFor: () => NO_SOCKETS, lease: { node: name, ttlMs: timing.ttlMs } });
  return { rooms, ownership: new SessionOwnership({ store, rooms, node: name, log, timing }) };
}

describe("SessionOwnership", () => {
  it("a stalled owner loses its session to another node, cannot write to it, and drops it at its next renewal", async () => {
    const store = new MemoryRoomStore();
    const a = node(store, "node-a");
    const b = node(store, "node-b");
    const { room: stale } = await a.rooms.create(lesson, null);
    expect((await stale.command({ type: "goTo", index: 1 })).ok).toBe(true);
    // node-a stalls (no renewals); node-b looks for orphans and takes the class when the lease runs out.
    b.ownership.start();
    try {
      await sleep(timing.ttlMs + 4 * timing.scanMs);
      const taken = b.rooms.get(stale.id);
      expect(taken).toBeDefined();
      expect(taken!.state.activityIndex).toBe(1); // rebuilt from the log
      // node-a wakes up and still thinks it runs the class: its writes are refused by the fence.
      const r = await stale.command({ type: "goTo", index: 2 });
      expect(r.ok ? "stored" : r.error.code).toBe(ERROR_CODES.STORAGE_UNAVAILABLE);
      expect((await taken!.command({ type: "goTo", index: 3 })).ok).toBe(true);
      const indexes = (await store.loadLiveSession(stale.id))!.events.filter((e) => e.type === "activity.changed").map((e) => (e as { index: number }).index);
      expect(indexes).toEqual([0, 1, 3]); // nothing from the stale owner after the takeover
      // Its first renewal finds the lease gone and drops the room.
      a.ownership.start();
      await sleep(3 * timing.renewMs);
      expect(a.rooms.get(stale.id)).toBeUndefined();
      expect(b.rooms.get(stale.id)).toBe(taken);
    } finally {
      await a.ownership.stop();
      await b.ownership.stop();
    }
  });

  it("stopping a node hands its sessions over at once", async () => {
    const store = new MemoryRoomStore();
    const a = node(store, "node-a");
    const { room } = await a.rooms.create(lesson, null);
    a.ownership.start();
    await a.ownership.stop();
    expect(a.rooms.get(room.id)).toBeUndefined();
    expect(await store.orphanedSessions()).toContain(room.id); // released, not left to expire
    const b = node(store, "node-b");
    expect(await b.ownership.adopt(room.id)).toBe(b.rooms.get(room.id));
    await b.ownership.stop();
  });
});
