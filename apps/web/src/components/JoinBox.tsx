"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * The code a student types: a live class's (6 characters) opens it; a class's own code (7, from
 * the teacher's class page) opens the class to join or sign in to.
 */
export function JoinBox() {
  const [code, setCode] = useState("");
  const router = useRouter();
  const clean = code.trim().toUpperCase().replace(/[^A-Z0-9]/g, "");
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (clean.length === 7) router.push(`/class/${clean}`);
      else if (clean.length >= 4) router.push(`/join/${clean}`); }}>
      <label htmlFor="join-code">Class code</label>
      <input id="join-code" type="text" inputMode="text" autoComplete="off" autoCapitalize="characters" className="big-join" maxLength={8} value={code} onChange={(e) => setCode(e.target.value)} aria-describedby="join-code-help" />
      <p id="join-code-help" className="muted small">6 characters for a live class, 7 for your class.</p>
      <p><button type="submit" className="primary" disabled={clean.length < 4} style={{ width: "100%" }}>Join</button></p>
    </form>
  );
}
