"use client";
import { useState } from "react";

/**
 * "On another device": the class code (in view: the other way in is code + name + PIN), and the
 * student's personal link — a link they can tap, a Copy button and its QR (made on the phone,
 * loaded only when asked for). With the link and their PIN they sign in anywhere.
 */
export function MyLink({ linkCode, classCode }: { linkCode: string; classCode: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const url = typeof window === "undefined" ? "" : `${window.location.origin}/s#${linkCode}`;
  const show = async () => {
    setOpen(true);
    if (qr) return;
    const QRCode = (await import("qrcode")).default;
    setQr(await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }));
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // No clipboard (an old browser, or a page not served over HTTPS): the link is there to press and hold.
      setCopied("no");
    }
  };
  return (
    <section className="card my-link" aria-labelledby="my-link-heading">
      <h2 id="my-link-heading">On another phone or computer</h2>
      <p className="small">Your class code: <strong className="class-code" data-testid="my-class-code">{classCode}</strong></p>
      {!open ? (
        <>
          <p className="muted small">Sign in there with this class code, your name and your PIN — or with your personal link and your PIN.</p>
          <button onClick={() => void show()}>Show my personal link</button>
        </>
      ) : (
        <>
          <p className="small">Scan this, or open the link; then type your PIN. Keep it to yourself.</p>
          {qr && <div className="link-qr" role="img" aria-label="QR code of your personal link" dangerouslySetInnerHTML={{ __html: qr }} />}
          <p className="link-text"><a href={url} data-testid="my-link">{url}</a></p>
          <div className="row">
            <button onClick={() => void copy()}>Copy link</button>
            {copied && <span className="small muted" role="status">{copied === "yes" ? "Copied." : "Could not copy: press and hold the link instead."}</span>}
          </div>
        </>
      )}
    </section>
  );
}
