"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import type { StageView } from "@livelab/core/protocol";

/** The address without "http://" and the /join/CODE path: what people type. */
export function shortAddress(joinUrl: string | null): string {
  if (!joinUrl) return "";
  return joinUrl.replace(/^https?:\/\//, "").replace(/\/join\/.*$/, "");
}

/** The lobby's join card, the largest thing in the room: the code, the QR code, the address, who joined. */
export function JoinCard({ stage, joinUrl }: { stage: StageView; joinUrl: string | null }) {
  const [qr, setQr] = useState("");
  useEffect(() => {
    if (joinUrl) void QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then(setQr);
  }, [joinUrl]);
  return (
    <section className="join-card" aria-label="how to join">
      <div className="join-text">
        <p className="join-how">On your phone, open <strong>{shortAddress(joinUrl)}</strong> and enter</p>
        <div className="join-code" data-testid="projector-code">{stage.code}</div>
        <p className="join-count"><strong data-testid="joined-count">{stage.joined}</strong> joined</p>
        <div className="names" aria-label="who joined">{stage.names.map((n, i) => <span key={`${n}-${i}`}>{n}</span>)}</div>
      </div>
      {qr && <div className="join-qr" role="img" aria-label={`QR code for ${joinUrl}`} dangerouslySetInnerHTML={{ __html: qr }} />}
    </section>
  );
}

/** Once the class has started: the code and the short address in the top strip. */
export function JoinStrip({ code, joinUrl }: { code: string; joinUrl: string | null }) {
  return (
    <span className="join-strip" aria-label="how to join">
      Join at <strong>{shortAddress(joinUrl)}</strong> · code <strong className="strip-code" data-testid="projector-code">{code}</strong>
    </span>
  );
}
