"use client";
import { useState } from "react";
import type { ClassroomDetail, RosterStudent } from "@livelab/core/protocol";
import { asSentence } from "../../lib/sentence";
import { ApiError, teacherApi } from "../../lib/teacherApi";
import { RosterRow } from "./RosterRow";

/**
 * The roster: rename a student (in the row), give a new PIN (shown once; their devices are
 * signed out), merge a student who joined twice into the right entry, remove a student with
 * everything of theirs — their practice and their answers in every class, past reports included.
 * A refusal is a sentence shown next to the row acted on (RosterRow).
 */
export function RosterPanel({ detail, onChanged }: { detail: ClassroomDetail; onChanged: () => void }) {
  // The class-wide refusal (deleting the class) and one per student row.
  const [error, setError] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/classes/${detail.id}/students`;
  /** Why a request was refused, as a sentence; a taken name says what to do. */
  const why = (e: unknown, name?: string) =>
    e instanceof ApiError && e.code === "STUDENT_NAME_TAKEN" && name
      ? `Another student in this class is already called ${name}. Pick another name, for example with a letter of the last name.`
      : asSentence((e as Error).message);
  const act = (s: RosterStudent, what: () => Promise<unknown>) => void (async () => {
    setRowError(null);
    setNotice(null);
    try {
      await what();
      onChanged();
    } catch (e) {
      setRowError({ id: s.id, message: why(e) });
    }
  })();
  const actions = {
    rename: async (s: RosterStudent, name: string) => {
      setRowError(null);
      setNotice(null);
      try {
        await teacherApi(`${base}/${s.id}`, "PATCH", { name });
      } catch (e) {
        throw new Error(why(e, name), { cause: e });
      }
      onChanged();
    },
    resetPin: (s: RosterStudent) => act(s, async () => {
      if (!confirm(`Give ${s.name} a new PIN? Every device they signed in on is signed out.`)) return;
      const { pin } = await teacherApi<{ pin: string }>(`${base}/${s.id}/reset-pin`, "POST");
      setNotice(`${s.name}'s new PIN is ${pin}. Tell them; it is shown only now.`);
    }),
    remove: (s: RosterStudent) => act(s, async () => {
      if (!confirm(`Remove ${s.name} from the class and delete everything of theirs: their practice and their answers in every live class, reports included. This cannot be undone.`)) return;
      await teacherApi(`${base}/${s.id}`, "DELETE");
    }),
    merge: (from: RosterStudent, into: string) => act(from, async () => {
      const target = detail.roster.find((s) => s.id === into);
      if (!target || !confirm(`Merge ${from.name} into ${target.name}? ${from.name}'s answers and practice become ${target.name}'s, and the entry ${from.name} goes.`)) return;
      await teacherApi(`${base}/${from.id}/merge`, "POST", { into });
    }),
  };
  const deleteClass = async () => {
    setError(null);
    if (!confirm(`Delete the class ${detail.name} with its ${detail.roster.length} students and everything of theirs (their answers in past reports too)? This cannot be undone.`)) return;
    try {
      await teacherApi(`/api/classes/${detail.id}`, "DELETE");
      window.location.assign("/teach/classes");
    } catch (e) {
      setError(why(e));
    }
  };

  return (
    <section aria-labelledby="roster-heading" className="roster">
      <h2 id="roster-heading">Students ({detail.roster.length})</h2>
      {notice && <p className="notice" role="status">{notice}</p>}
      {detail.roster.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="students of the class">
            <thead><tr><th scope="col">Name</th><th scope="col">Joined</th><th scope="col" className="num">Live classes</th><th scope="col" className="num">Practice answers</th><th scope="col">Sign-in</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {detail.roster.map((s) => (
                <RosterRow key={s.id} s={s} others={detail.roster.filter((x) => x.id !== s.id)} error={rowError?.id === s.id ? rowError.message : null} actions={actions} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">LiveLab keeps a student&apos;s name, a hash of their PIN, their answers and when they gave them — no email, no address, no device details. <button className="small-button danger" onClick={() => void deleteClass()}>Delete this class</button></p>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
