"use client";
import { useState } from "react";
import type { ClassroomDetail, RosterStudent } from "@livelab/core/protocol";
import { classDate } from "../../lib/format";
import { teacherApi } from "../../lib/teacherApi";

/**
 * The roster: rename a student, give a new PIN (shown once; their devices are signed out),
 * merge a student who joined twice into the right entry, remove a student with everything of
 * theirs — their practice and their answers in every class, past reports included.
 */
export function RosterPanel({ detail, onChanged }: { detail: ClassroomDetail; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [merging, setMerging] = useState<RosterStudent | null>(null);
  const base = `/api/classes/${detail.id}/students`;
  const act = async (what: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await what();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const rename = (s: RosterStudent) => act(async () => {
    const name = prompt(`New name for ${s.name}:`, s.name);
    if (!name || name === s.name) return;
    await teacherApi(`${base}/${s.id}`, "PATCH", { name });
  });
  const resetPin = (s: RosterStudent) => act(async () => {
    if (!confirm(`Give ${s.name} a new PIN? Every device they signed in on is signed out.`)) return;
    const { pin } = await teacherApi<{ pin: string }>(`${base}/${s.id}/reset-pin`, "POST");
    setNotice(`${s.name}'s new PIN is ${pin}. Tell them; it is shown only now.`);
  });
  const remove = (s: RosterStudent) => act(async () => {
    if (!confirm(`Remove ${s.name} from the class and delete everything of theirs: their practice and their answers in every live class, reports included. This cannot be undone.`)) return;
    await teacherApi(`${base}/${s.id}`, "DELETE");
  });
  const merge = (from: RosterStudent, into: string) => act(async () => {
    const target = detail.roster.find((s) => s.id === into);
    if (!target || !confirm(`Merge ${from.name} into ${target.name}? ${from.name}'s answers and practice become ${target.name}'s, and the entry ${from.name} goes.`)) return;
    await teacherApi(`${base}/${from.id}/merge`, "POST", { into });
    setMerging(null);
  });
  const deleteClass = () => act(async () => {
    if (!confirm(`Delete the class ${detail.name} with its ${detail.roster.length} students and everything of theirs (their answers in past reports too)? This cannot be undone.`)) return;
    await teacherApi(`/api/classes/${detail.id}`, "DELETE");
    window.location.assign("/teach/classes");
  });

  return (
    <section aria-labelledby="roster-heading" className="roster">
      <h2 id="roster-heading">Students ({detail.roster.length})</h2>
      {notice && <p className="notice" role="status">{notice}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {detail.roster.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="students of the class">
            <thead><tr><th scope="col">Name</th><th scope="col">Joined</th><th scope="col" className="num">Live classes</th><th scope="col" className="num">Practice answers</th><th scope="col">Sign-in</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {detail.roster.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{classDate(s.createdAt)}</td>
                  <td className="num">{s.participations}</td>
                  <td className="num">{s.attempts}</td>
                  <td>{s.locked ? <span className="badge badge-warn">locked: wrong PINs</span> : "ok"}</td>
                  <td className="row">
                    <button className="small-button" onClick={() => void rename(s)}>Rename</button>
                    <button className="small-button" onClick={() => void resetPin(s)}>New PIN</button>
                    {merging?.id === s.id ? (
                      <label className="inline small">into <select autoFocus defaultValue="" onChange={(e) => e.target.value && void merge(s, e.target.value)} aria-label={`merge ${s.name} into`}>
                        <option value="" disabled>pick…</option>
                        {detail.roster.filter((x) => x.id !== s.id).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                      </select></label>
                    ) : detail.roster.length > 1 && <button className="small-button" onClick={() => setMerging(s)}>Merge…</button>}
                    <button className="small-button danger" onClick={() => void remove(s)} aria-label={`Remove ${s.name}`}>Remove</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">LiveLab keeps a student&apos;s name, a hash of their PIN, their answers and when they gave them — no email, no address, no device details. <button className="small-button danger" onClick={() => void deleteClass()}>Delete this class</button></p>
    </section>
  );
}
