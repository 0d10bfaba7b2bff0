"use client";
import { useEffect, useState } from "react";
import type { LookupClass, StudentIdentity } from "@livelab/core/protocol";
import { api, type ApiCallError, knownStudent, rememberedClass, rememberSignIn, asSentence, type KnownStudent } from "../../lib/practiceApi";
import "./practice.css";

/** Where to go after signing in: a live class or the home, never another site. */
function afterSignIn(): string {
  const next = new URLSearchParams(window.location.search).get("next") ?? "";
  return /^\/(join\/[A-Za-z0-9]{4,8}|me)(\/|$)/.test(next) ? next : "/me";
}

/**
 * A class's page on a phone (/class/CODE, from the code or the QR the teacher shows): join it
 * the first time (name and a PIN the student picks: no email), or sign in again on this or
 * another device with the same name and PIN. The code of a live class run for the class works too.
 */
export function ClassSignIn({ code }: { code: string }) {
  const [info, setInfo] = useState<LookupClass | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [mode, setMode] = useState<"new" | "back">("new");
  const [name, setName] = useState("");
  const [pin, setPin] = useState("");
  const [pin2, setPin2] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [known, setKnown] = useState<KnownStudent | null>(null);

  useEffect(() => {
    setKnown(knownStudent.get());
    // A device that was signed in to this class before: a returning student, not a newcomer.
    const before = rememberedClass.get();
    if (before && before.code === code.toUpperCase()) {
      setMode("back");
      setName(before.name);
    }
    api<LookupClass>(`/api/class/${encodeURIComponent(code)}`).then((c) => {
      setInfo(c);
      if (!c.joinOpen) setMode("back");
    }, (e: ApiCallError) => setMissing(e.offline ? "No connection to the class server. Check the Wi-Fi and reload." : asSentence(e.message)));
  }, [code]);

  const pinOk = /^\d{4,6}$/.test(pin);
  const ready = name.trim() !== "" && pinOk && (mode === "back" || pin === pin2);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const who = await api<StudentIdentity>(mode === "new" ? "/api/class/join" : "/api/class/signin", "POST", { code, name, pin });
      rememberSignIn(who);
      window.location.assign(afterSignIn());
    } catch (e) {
      setError(asSentence((e as ApiCallError).message));
      setBusy(false);
    }
  };

  if (missing) {
    return (
      <main className="narrow">
        <p className="brand">LiveLab</p>
        <h1>Class {code}</h1>
        <p className="error" role="alert">{missing}</p>
        <p><a href="/">Type another code</a></p>
      </main>
    );
  }

  return (
    <main className="narrow practice">
      <p className="brand">LiveLab</p>
      {info === null ? <p className="muted">Looking up class {code}…</p> : (
        <>
          <h1>{info.className}</h1>
          <p className="muted">{info.teacherName}&apos;s class</p>
          {known && (
            <p className="card row spread">
              <span>Signed in on this device as <strong>{known.name}</strong> ({known.className}).</span>
              <a className="button-link" href={afterSignIn()}>Continue</a>
            </p>
          )}
          <div className="tabs" role="tablist" aria-label="how to get in">
            {info.joinOpen && <button role="tab" aria-selected={mode === "new"} className={mode === "new" ? "tab on" : "tab"} onClick={() => setMode("new")}>First time here</button>}
            <button role="tab" aria-selected={mode === "back"} className={mode === "back" ? "tab on" : "tab"} onClick={() => setMode("back")}>I have joined before</button>
          </div>
          <form className="card" onSubmit={(e) => { e.preventDefault(); if (ready && !busy) void submit(); }}>
            {!info.joinOpen && <p className="muted">This class takes no new students. If you joined it before, sign in.</p>}
            <label htmlFor="name">Your name</label>
            <input id="name" type="text" autoComplete="name" maxLength={24} value={name} onChange={(e) => setName(e.target.value)} aria-describedby="name-help" />
            <p id="name-help" className="muted small">{mode === "new" ? "As your teacher knows you, e.g. first name and initial." : "The name you joined with."}</p>
            <label htmlFor="pin">{mode === "new" ? "Choose a PIN (4 to 6 digits)" : "Your PIN"}</label>
            <input id="pin" type="password" inputMode="numeric" autoComplete={mode === "new" ? "new-password" : "current-password"} maxLength={6} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))} aria-describedby="pin-help" />
            {mode === "new" && (
              <>
                <label htmlFor="pin2">Type the PIN again</label>
                <input id="pin2" type="password" inputMode="numeric" autoComplete="new-password" maxLength={6} value={pin2} onChange={(e) => setPin2(e.target.value.replace(/\D/g, ""))} />
                {pin2.length >= 4 && pin !== pin2 && <p className="error small">The two PINs differ.</p>}
              </>
            )}
            <p id="pin-help" className="muted small">
              {mode === "new" ? "Remember it: with your name and this PIN you can come back from any phone or computer. No email needed." : "Forgot it? Your teacher can give you a new one."}
            </p>
            {error && <p className="error" role="alert">{error}</p>}
            <button type="submit" className="primary wide" disabled={!ready || busy}>{busy ? "One moment…" : mode === "new" ? `Join ${info.className}` : "Sign in"}</button>
          </form>
        </>
      )}
    </main>
  );
}
