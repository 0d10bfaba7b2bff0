import type { CourseNodeView } from "@livelab/core/protocol";

const STATUS_TEXT: Record<CourseNodeView["status"], string> = { mastered: "Mastered", "in-progress": "In progress", available: "Open", locked: "Locked" };

/**
 * What a node's badge says, and what it says about its gate. A node still behind its gate can
 * have skills the teacher assigned (an assignment opens them early): it must not read "Locked"
 * beside their Practise buttons, so it says the teacher opened it and what opens the rest.
 */
export function nodeStatus(node: CourseNodeView, assigned: ReadonlySet<string>): { badge: string; badgeClass: CourseNodeView["status"]; assignedOpen: boolean; gate: { lead: string; needs: string | null } | null } {
  const needs = node.needs.length > 0 ? node.needs.join(" and ") : null;
  const assignedOpen = node.status === "locked" && node.skills.some((s) => s.unlocked && assigned.has(s.skill));
  if (assignedOpen) {
    const all = node.skills.every((s) => s.unlocked);
    const gate = all ? null : needs ? { lead: "The rest opens when you have mastered:", needs } : { lead: "The rest opens later.", needs: null };
    return { badge: "Assigned", badgeClass: "available", assignedOpen, gate };
  }
  return { badge: STATUS_TEXT[node.status], badgeClass: node.status, assignedOpen, gate: node.status === "locked" && needs ? { lead: "Opens when you have mastered:", needs } : null };
}
