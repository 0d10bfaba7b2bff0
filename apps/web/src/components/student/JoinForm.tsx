"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { JoinAck } from "@livelab/core/protocol";
import { call, type LiveSocket } from "../../lib/socket";
import { ConnectionBadge, type ConnectionState } from "../../lib/useConnection";
import { studentMessage } from "./studentMessages";

/** Refusals of a join that mean "this code does not get you in": go back to the code, not the nickname. */
const CODE_REFUSALS: ReadonlySet<string> = new Set(["SESSION_NOT_FOUND", "SESSION_ENDED", "JOINS_LOCKED", "RATE_LIMITED"]);

type CodeCheck = { kind: "checking" } | { kind: "ok" } | { kind: "wrong"; message: string };

/**
 * Joining on a phone, in two steps: the code is checked first (`session:check`), so a mistyped
 * code is said at once — with the code kept in an input to correct — and the nickname is asked
 * only for a class that admits students.
 */
export function JoinForm({ socket, connection, code, onJoined, onClassSignIn, initialNickname = "", notice = null }: {
  socket: LiveSocket | null; connection: ConnectionState; code: string; onJoined: (joined: JoinAck) => void;
  /** The class is run for a class list: its students sign in to their class instead of taking a nickname. */
  onClassSignIn: () => void;
  initialNickname?: string;
  /** Something to say above the form (a roster student's own join that did not go through). */
  notice?: string | null;
}) {
  const router = useRouter();
  const [check, setCheck] = useState<CodeCheck>({ kind: "checking" });
  const [typedCode, setTypedCode] = useState(code);
  const [nickname, setNickname] = useState(initialNickname);
  useEffect(() => { if (initialNickname) setNickname((n) => n || initialNickname); }, [initialNickname]);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const checkCode = async () => {
    if (!socket) return;
    setCheck({ kind: "checking" });
    const r = await call(socket, "session:check", { code });
    if (!r.ok && r.error.code === "CLASS_SIGN_IN_REQUIRED") return onClassSignIn();
    setCheck(r.ok ? { kind: "ok" } : { kind: "wrong", message: studentMessage(r.error) });
  };
  // Once connected (and again after a reconnect while still on this step).
  useEffect(() => {
    if (connection === "online" && check.kind !== "ok") void checkCode();
  }, [connection, socket, code]);

  const retry = () => {
    const clean = typedCode.trim().toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (clean === code) void checkCode();
    else if (clean.length >= 4) router.replace(`/join/${clean}`);
  };

  const join = async () => {
    if (!socket) return;
    setBusy(true);
    setJoinError(null);
    const r = await call(socket, "session:join", { code, nickname });
    setBusy(false);
    if (r.ok) return onJoined(r.data);
    if (r.error.code === "CLASS_SIGN_IN_REQUIRED") return onClassSignIn();
    // The class ended or locked while the name was typed: back to the code step, said why.
    if (CODE_REFUSALS.has(r.error.code)) setCheck({ kind: "wrong", message: studentMessage(r.error) });
    else setJoinError(studentMessage(r.error));
  };

  const top = <div className="row" style={{ justifyContent: "space-between" }}><span className="brand">LiveLab</span><ConnectionBadge state={connection} /></div>;

  if (check.kind !== "ok") {
    return (
      <main className="narrow">
        {top}
        <h1>Join a class</h1>
        <form onSubmit={(e) => { e.preventDefault(); retry(); }} className="card" data-step="code">
          <label htmlFor="join-code">Class code</label>
          <input id="join-code" type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} className="big-join" maxLength={8}
            value={typedCode} onChange={(e) => setTypedCode(e.target.value)} aria-invalid={check.kind === "wrong"} aria-describedby="code-help" />
          {check.kind === "wrong"
            ? <p id="code-help" className="error" role="alert">{check.message}</p>
            : <p id="code-help" className="muted" role="status">Checking the code…</p>}
          <button type="submit" className="primary" disabled={check.kind === "checking" || connection !== "online"} style={{ width: "100%" }}>Try this code</button>
        </form>
      </main>
    );
  }

  return (
    <main className="narrow">
      {top}
      <h1>Join class {code}</h1>
      {notice && <p className="error" role="alert">{notice}</p>}
      <form onSubmit={(e) => { e.preventDefault(); void join(); }} className="card" data-step="nickname">
        <label htmlFor="nickname">Your nickname</label>
        <input id="nickname" type="text" autoComplete="nickname" maxLength={24} value={nickname} onChange={(e) => setNickname(e.target.value)} aria-describedby="nick-help" />
        <p id="nick-help" className="muted">Shown to your teacher. No account needed.</p>
        {joinError && <p className="error" role="alert">{joinError}</p>}
        <button type="submit" className="primary" disabled={busy || !nickname.trim() || connection !== "online"} style={{ width: "100%" }}>{busy ? "Joining…" : "Join"}</button>
      </form>
      <p className="muted">Not your class? <a href="/">Type another code</a></p>
    </main>
  );
}
