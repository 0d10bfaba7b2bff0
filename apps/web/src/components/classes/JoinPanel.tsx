"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import type { ClassroomDetail } from "@livelab/core/protocol";
import { teacherApi } from "../../lib/teacherApi";

/** How students get into the class: its code, address and QR (to project once), and whether it takes newcomers. */
export function JoinPanel({ detail, onChanged }: { detail: ClassroomDetail; onChanged: () => void }) {
  const [qr, setQr] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toString(detail.joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then(setQr);
  }, [detail.joinUrl]);
  const toggle = async () => {
    try {
      await teacherApi(`/api/classes/${detail.id}`, "PATCH", { joinOpen: !detail.joinOpen });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="card" aria-labelledby="join-heading">
      <h2 id="join-heading">Students join with</h2>
      <div className="class-code" data-testid="class-code">{detail.code}</div>
      <p className="small">typed at <strong>{detail.joinUrl.replace(/^https?:\/\//, "").replace(/\/class\/.*$/, "")}</strong>, or this link (the QR):</p>
      <p className="join-url">{detail.joinUrl}</p>
      {qr && <div className="class-qr" role="img" aria-label={`QR code for ${detail.joinUrl}`} dangerouslySetInnerHTML={{ __html: qr }} />}
      <p className="small muted">Each student types a name and picks a PIN, once. With them they come back from any phone or computer.</p>
      <label className="inline"><input type="checkbox" checked={detail.joinOpen} onChange={() => void toggle()} /> New students may join</label>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
