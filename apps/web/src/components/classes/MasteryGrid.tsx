"use client";
import { useState } from "react";
import type { GridCell } from "@livelab/core/practice";
import type { MasteryGridView } from "@livelab/core/protocol";
import { LEVEL_SHORT, LEVEL_TEXT } from "../practice/levels";
import { EvidencePanel } from "./EvidencePanel";

/** A cell's words for a screen reader and a tooltip. */
function cellText(name: string, skill: string, c: GridCell): string {
  const parts = [`${name}, ${skill}: ${LEVEL_TEXT[c.level].toLowerCase()}`];
  if (c.level === "practising") parts.push(`${c.streak} in a row, ${c.correct} of ${c.attempts} right`);
  if (c.reviewDue) parts.push("review due");
  if (c.stuck) parts.push("stuck");
  for (const m of c.misconceptions) parts.push(`repeated mistake: ${m.label}`);
  return parts.join("; ");
}

/**
 * Students × skills: each cell is the mastery rule's verdict (— not started, … practising with
 * its row, ✓ mastered, ✓✓ retained), marked when a review is due (↻), the student is stuck (a
 * thick border) or repeats a named mistake (!). A cell opens the answers behind it.
 */
export function MasteryGrid({ classId, grid }: { classId: string; grid: MasteryGridView }) {
  const [open, setOpen] = useState<{ studentId: string; name: string; skill: string; title: string } | null>(null);
  return (
    <section aria-labelledby="grid-heading">
      <div className="row spread">
        <h2 id="grid-heading">Mastery</h2>
        <a className="button-link" href={`/api/classes/${classId}/export/mastery.csv`} download>Export CSV</a>
      </div>
      {/* Each symbol and its words in one item, so a line never breaks between them. */}
      <ul className="legend small muted" aria-label="what the cells mean">
        <li className="legend-item"><span className="cell lvl-not-started">–</span> not started</li>
        <li className="legend-item"><span className="cell lvl-practising">…</span> practising (right answers in a row)</li>
        <li className="legend-item"><span className="cell lvl-mastered">✓</span> mastered: 3 in a row on fresh questions, no hint</li>
        <li className="legend-item"><span className="cell lvl-retained">✓✓</span> and again on a later day</li>
        <li className="legend-item"><span className="mark">↻</span> review due</li>
        <li className="legend-item"><span className="mark warn">!</span> repeated mistake</li>
        <li className="legend-item">click a cell for its answers</li>
      </ul>
      {grid.rows.length === 0 ? <p className="muted card">No students yet. They join with the class code on the left.</p> : (
        <div className="table-scroll grid-scroll">
          <table className="table mastery-grid" aria-label="mastery by student and skill">
            <thead>
              <tr>
                <th scope="col" className="sticky-name">Student</th>
                {grid.skills.map((s) => <th scope="col" key={s.id} className="skill-col"><span>{s.title}</span></th>)}
                <th scope="col" className="num">Mastered</th>
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((r) => (
                <tr key={r.studentId}>
                  <th scope="row" className="sticky-name">{r.name}</th>
                  {grid.skills.map((s) => {
                    const c = r.cells[s.id];
                    return (
                      <td key={s.id} className="grid-cell">
                        <button className={`cell lvl-${c.level}${c.stuck ? " stuck" : ""}`} title={cellText(r.name, s.title, c)} aria-label={cellText(r.name, s.title, c)}
                          data-student={r.name} data-skill={s.id} data-level={c.level}
                          onClick={() => setOpen({ studentId: r.studentId, name: r.name, skill: s.id, title: s.title })}>
                          {c.level === "practising" ? `${c.streak}/3` : LEVEL_SHORT[c.level]}
                          {c.reviewDue && <span className="mark" aria-hidden="true">↻</span>}
                          {c.misconceptions.length > 0 && <span className="mark warn" aria-hidden="true">!</span>}
                        </button>
                      </td>
                    );
                  })}
                  <td className="num">{r.mastered} / {grid.skills.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <EvidencePanel classId={classId} {...open} cell={grid.rows.find((r) => r.studentId === open.studentId)!.cells[open.skill]} onClose={() => setOpen(null)} />}
    </section>
  );
}
