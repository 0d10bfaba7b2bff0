"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import type { PairAck } from "@livelab/core/protocol";

/**
 * View-only projector for a classroom PC the teacher does not sign in on: a pairing code and a
 * QR code for its address. Shown once (the server keeps only a hash); a new code replaces the
 * old one, and Revoke stops every paired screen.
 */
export function PairPanel({ pairedAt, pair, revoke }: { pairedAt: number | null; pair: () => Promise<PairAck | null>; revoke: () => void }) {
  const [code, setCode] = useState<PairAck | null>(null);
  const [qr, setQr] = useState("");
  useEffect(() => {
    if (code) void QRCode.toString(code.pairUrl, { type: "svg", margin: 1 }).then(setQr);
  }, [code]);
  // Revoked elsewhere (another console tab): forget the code shown here.
  useEffect(() => { if (pairedAt === null) setCode(null); }, [pairedAt]);
  return (
    <section className="card pair-panel" aria-label="pair a screen">
      <h2>Pair a screen</h2>
      <p className="muted small">For a classroom computer you do not sign in on: it shows what the projector shows and can change nothing.</p>
      {code ? (
        <div className="pair-code-box">
          <p>On that computer open <strong>{code.pairUrl.replace(/#.*$/, "")}</strong> and type</p>
          <p className="pair-code" data-testid="pair-code">{code.code}</p>
          {qr && <><p className="muted small">or scan this to open it already paired:</p><div className="pair-qr" role="img" aria-label="QR code of the pairing address" dangerouslySetInnerHTML={{ __html: qr }} /></>}
        </div>
      ) : pairedAt !== null ? <p>A screen pairing is active (its code was shown when it was made).</p> : null}
      <div className="row">
        <button onClick={() => void pair().then(setCode)}>{pairedAt !== null ? "New code (stops the old one)" : "Make a pairing code"}</button>
        {pairedAt !== null && <button className="danger" onClick={() => { setCode(null); revoke(); }}>Revoke</button>}
      </div>
    </section>
  );
}
