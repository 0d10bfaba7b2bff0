"use client";
import { useState } from "react";

/**
 * "On another device": the student's personal link and its QR (made on the phone, loaded only
 * when asked for). With it and their PIN they sign in anywhere; without it, the class code and
 * their name do the same.
 */
export function MyLink({ linkCode }: { linkCode: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const url = typeof window === "undefined" ? "" : `${window.location.origin}/s#${linkCode}`;
  const show = async () => {
    setOpen(true);
    if (qr) return;
    const QRCode = (await import("qrcode")).default;
    setQr(await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }));
  };
  return (
    <section className="card my-link" aria-labelledby="my-link-heading">
      <h2 id="my-link-heading">On another phone or computer</h2>
      {!open ? (
        <>
          <p className="muted small">Sign in there with your class code, your name and your PIN — or with your personal link and your PIN.</p>
          <button onClick={() => void show()}>Show my personal link</button>
        </>
      ) : (
        <>
          <p className="small">Scan this, or open the link; then type your PIN. Keep it to yourself.</p>
          {qr && <div className="link-qr" role="img" aria-label="QR code of your personal link" dangerouslySetInnerHTML={{ __html: qr }} />}
          <p className="link-text"><code>{url}</code></p>
        </>
      )}
    </section>
  );
}
