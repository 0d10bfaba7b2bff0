"use client";
import { useEffect, useRef } from "react";
import { SHORTCUTS } from "./shortcuts";

/** The `?` overlay: every presenter shortcut of the console. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={onClose}>
      <div className="overlay-box" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what}><th scope="row">{s.keys.map((k) => <kbd key={k}>{k}</kbd>)}</th><td>{s.what}</td></tr>
            ))}
          </tbody>
        </table>
        <p><button ref={close} className="primary" onClick={onClose}>Close (Esc)</button></p>
      </div>
    </div>
  );
}
