import type { CourseNodeView, SkillState } from "@livelab/core/protocol";
import { describe, expect, it } from "vitest";
import { nodeStatus } from "./nodeStatus";

const skill = (id: string, unlocked: boolean): SkillState => ({ skill: id, title: id, description: null, level: "not-started", streak: 0, needed: 3, attempts: 0, unlocked, lockedReason: unlocked ? null : "Master Penalty values first.", review: null, misconceptions: [] });
const node = (status: CourseNodeView["status"], skills: SkillState[]): CourseNodeView => ({ id: "regularization", title: "Regularization", summary: "", kind: "lesson", status, needs: ["Neural networks", "Convex optimization"], skills });

describe("nodeStatus", () => {
  it("a locked node whose skill the teacher assigned says so, not Locked, and what opens the rest", () => {
    const s = nodeStatus(node("locked", [skill("penalty-values", true), skill("l1", false)]), new Set(["penalty-values"]));
    expect(s).toEqual({ badge: "Assigned", badgeClass: "available", assignedOpen: true, gate: { lead: "The rest opens when you have mastered:", needs: "Neural networks and Convex optimization" } });
  });

  it("a locked node with nothing assigned stays Locked with its gate", () => {
    const s = nodeStatus(node("locked", [skill("penalty-values", false)]), new Set(["other"]));
    expect(s).toEqual({ badge: "Locked", badgeClass: "locked", assignedOpen: false, gate: { lead: "Opens when you have mastered:", needs: "Neural networks and Convex optimization" } });
  });

  it("an open node says nothing about a gate, assigned or not", () => {
    expect(nodeStatus(node("in-progress", [skill("penalty-values", true)]), new Set(["penalty-values"]))).toEqual({ badge: "In progress", badgeClass: "in-progress", assignedOpen: false, gate: null });
  });
});
