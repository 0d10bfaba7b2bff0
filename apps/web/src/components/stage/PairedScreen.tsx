"use client";
import { useEffect, useState } from "react";
import { useConnection, useKeyframeFetch } from "../../lib/useConnection";
import { useStage } from "../../lib/useStage";
import { Stage } from "./Stage";

const CODE = /^[A-Za-z0-9]{6,12}$/;

/**
 * A view-only projector for a classroom PC where the teacher does not sign in: the console
 * shows a pairing code and a QR code for /pair#CODE (a fragment: the code never reaches server
 * logs). This screen receives what the projector shows and can send nothing; it stops when the
 * teacher revokes the pairing or the class ends.
 */
export function PairedScreen() {
  const { socket, clock } = useConnection();
  const fetchKeyframe = useKeyframeFetch(socket);
  const [code, setCode] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  useEffect(() => {
    const fromHash = window.location.hash.slice(1).trim();
    if (CODE.test(fromHash)) setCode(fromHash.toUpperCase());
  }, []);
  const { stage, joinUrl, error } = useStage(socket, code ? { pairCode: code } : null);
  if (code && stage && !error) return <Stage stage={stage} joinUrl={joinUrl} clock={clock} fetchKeyframe={fetchKeyframe} />;
  return (
    <main className="narrow">
      <h1>Show a class on this screen</h1>
      <p>Type the pairing code from the teacher&apos;s console (<em>Pair a screen</em>). This screen will only show what the projector shows.</p>
      {error && code && <p className="error" role="alert">{error.message}</p>}
      {code && !error && !stage && <p role="status">Connecting…</p>}
      <form className="card" onSubmit={(e) => { e.preventDefault(); if (CODE.test(typed.trim())) { window.location.hash = typed.trim().toUpperCase(); setCode(typed.trim().toUpperCase()); } }}>
        <label htmlFor="pair-code">Pairing code</label>
        <input id="pair-code" className="big-join" autoComplete="off" autoCapitalize="characters" maxLength={12} value={typed} onChange={(e) => setTyped(e.target.value)} />
        <p><button type="submit" className="primary" disabled={!CODE.test(typed.trim())} style={{ width: "100%" }}>Show the class</button></p>
      </form>
    </main>
  );
}
