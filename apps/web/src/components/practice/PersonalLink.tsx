"use client";
import { useEffect, useState } from "react";
import type { StudentIdentity } from "@livelab/core/protocol";
import { api, type ApiCallError, rememberSignIn, asSentence } from "../../lib/practiceApi";
import "./practice.css";

/**
 * A student's personal link (/s#code, or its QR): the code names the student, the PIN proves it
 * is them. The code stays in the page (after #): it is never sent in a request line or a log.
 */
export function PersonalLink() {
  const [linkCode, setLinkCode] = useState<string | null>(null);
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setLinkCode(window.location.hash.replace(/^#/, "") || ""), []);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const who = await api<StudentIdentity>("/api/class/signin", "POST", { linkCode, pin });
      rememberSignIn(who);
      window.location.assign("/me");
    } catch (e) {
      setError(asSentence((e as ApiCallError).message));
      setBusy(false);
    }
  };

  return (
    <main className="narrow practice">
      <p className="brand">LiveLab</p>
      <h1>Your personal link</h1>
      {linkCode === null ? null : linkCode === "" ? (
        <p className="error" role="alert">This link is not complete. Open the whole link again, or sign in with your class code and name.</p>
      ) : (
        <form className="card" onSubmit={(e) => { e.preventDefault(); if (/^\d{4,6}$/.test(pin) && !busy) void submit(); }}>
          <label htmlFor="pin">Your PIN</label>
          <input id="pin" type="password" inputMode="numeric" autoComplete="current-password" maxLength={6} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))} />
          <p className="muted small">Forgot it? Your teacher can give you a new one.</p>
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit" className="primary wide" disabled={!/^\d{4,6}$/.test(pin) || busy}>{busy ? "One moment…" : "Sign in"}</button>
        </form>
      )}
      <p><a href="/">Sign in with a class code instead</a></p>
    </main>
  );
}
