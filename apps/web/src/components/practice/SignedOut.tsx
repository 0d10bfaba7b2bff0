"use client";
import { useEffect, useState } from "react";
import { rememberedClass, type RememberedClass } from "../../lib/knownStudent";
import { asSentence } from "../../lib/sentence";

/**
 * The home of a device that is no longer signed in. The server says why when it knows (the
 * teacher gave a new PIN; the teacher removed the student); the way back is the class page of
 * the class this device remembers (it opens on "I have been here before"), else the start page.
 */
export function SignedOut({ reason }: { reason: string | null }) {
  const [last, setLast] = useState<RememberedClass | null>(null);
  useEffect(() => setLast(rememberedClass.get()), []);
  return (
    <main className="narrow practice">
      <p className="brand">LiveLab</p>
      <h1>Sign in to your class</h1>
      <p data-role="signed-out-reason">{reason ? asSentence(reason) : "This device is not signed in."}</p>
      {last ? (
        <p><a className="button-link primary-link" href={`/class/${encodeURIComponent(last.code)}`}>Sign in to {last.className}</a></p>
      ) : null}
      <p className="muted small">Or type your class code on the <a href="/">start page</a>, or open your personal link; then your name and PIN.</p>
    </main>
  );
}
