"use client";
import { useEffect, useState } from "react";
import { knownStudent, type KnownStudent } from "../lib/knownStudent";

/** On the start page of a device a student signed in on: the way back to their course. */
export function StudentShortcut() {
  const [known, setKnown] = useState<KnownStudent | null>(null);
  useEffect(() => setKnown(knownStudent.get()), []);
  if (!known) return null;
  return (
    <section className="card row spread" aria-label="your course">
      <span>Signed in as <strong>{known.name}</strong> · {known.className}</span>
      <a className="button-link" href="/me">Your course →</a>
    </section>
  );
}
