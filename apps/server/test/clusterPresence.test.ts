/** The roster across nodes (scaled mode): what the owner counts as connected, from which node. */
import { describe, expect, it } from "vitest";
import { ClusterPresence } from "../src/cluster/clusterPresence.ts";

describe("ClusterPresence", () => {
  it("counts this node's connections and other nodes' separately; a participant is connected while any node holds one", () => {
    const p = new ClusterPresence("n1");
    p.add("s", "ann"); // a tab here
    p.add("s", "ann"); // a second tab here
    p.addFrom("n2", "s", "ann"); // and a phone on n2
    p.addFrom("n2", "s", "bo");
    expect([...p.of("s")].sort()).toEqual(["ann", "bo"]);
    p.remove("s", "ann");
    expect(p.goneHere("s", "ann")).toBe(false); // one tab left here
    p.remove("s", "ann");
    expect(p.goneHere("s", "ann")).toBe(true);
    expect(p.of("s").has("ann")).toBe(true); // still on n2
    p.removeFrom("n2", "s", "ann"); // n2: its last connection closed
    expect(p.of("s").has("ann")).toBe(false);
    expect(p.localOf(["s"])).toEqual({});
  });

  it("reconciles with another node's list, keeping what it heard of in the last seconds; a node that does not answer is forgotten", () => {
    let now = 10_000;
    const p = new ClusterPresence("n1", () => now);
    p.addFrom("n2", "s", "ann");
    p.addFrom("n2", "s", "bo");
    p.addFrom("n3", "s", "cy");
    now += 5000;
    p.addFrom("n2", "s", "dee"); // heard of just now: a list made a moment ago may not have her yet
    p.reconcile("n2", ["s"], { s: ["ann", "eve"] });
    expect([...p.of("s")].sort()).toEqual(["ann", "cy", "dee", "eve"]);
    p.reconcile("n3", ["s"], null); // n3 did not answer: gone
    expect([...p.of("s")].sort()).toEqual(["ann", "dee", "eve"]);
    expect([...p.nodesOf(["s"])]).toEqual(["n2"]);
  });
});
