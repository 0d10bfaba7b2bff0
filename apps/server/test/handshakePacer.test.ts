import { describe, expect, it } from "vitest";
import { HandshakePacer } from "../src/socket/handshakePacer.ts";

const turn = () => new Promise<void>((r) => setImmediate(r));

describe("HandshakePacer", () => {
  it("admits a storm a batch per event-loop turn, everyone in the end, in arrival order", async () => {
    const pacer = new HandshakePacer(32);
    const admitted: number[] = [];
    for (let i = 0; i < 100; i++) pacer.allowRequest({}, (err, ok) => { expect(err).toBeNull(); expect(ok).toBe(true); admitted.push(i); });
    expect(admitted).toHaveLength(0); // nothing inside the turn that received them
    await turn();
    expect(admitted).toHaveLength(32);
    expect(pacer.waiting).toBe(68);
    await turn();
    expect(admitted).toHaveLength(64);
    await turn();
    await turn();
    expect(admitted).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(pacer.waiting).toBe(0);
  });

  it("a lone connection on a quiet server waits one turn", async () => {
    const pacer = new HandshakePacer();
    let ok = false;
    pacer.allowRequest({}, () => { ok = true; });
    await turn();
    expect(ok).toBe(true);
  });
});
