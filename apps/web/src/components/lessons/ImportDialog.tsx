"use client";
import { useEffect, useRef, useState } from "react";
import type { ImportReport } from "@livelab/core/lesson";
import { lessonApi, readImport } from "../../lib/lessonApi";

/** The server's upload limit (LESSON_LIMITS.importBytes in core). */
const MAX_UPLOAD_BYTES = 2_000_000;
const megabytes = (n: number) => `${Number((n / 1_000_000).toFixed(2))} MB`;

/**
 * Import a lesson file (.json), Kahoot's question sheet (.xlsx) or a CSV: the server reads it
 * and reports every bad row with its number and reason (or every problem of a lesson file with
 * its place); nothing is stored until the teacher accepts the valid part.
 */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (id: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [report, setReport] = useState<(ImportReport & { file: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setReport(null);
    // The server refuses larger uploads too (413); saying so here saves sending them.
    if (file.size > MAX_UPLOAD_BYTES) return setError(`the file is ${megabytes(file.size)}: at most ${megabytes(MAX_UPLOAD_BYTES)}`);
    setBusy(true);
    try {
      setReport({ ...(await readImport(file)), file: file.name });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const accept = async () => {
    if (!report?.lesson) return;
    setBusy(true);
    try {
      onImported((await lessonApi<{ id: string }>("/api/lessons", "POST", { draft: report.lesson })).id);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const unit = report?.format === "json" ? "activit" : "question";
  const plural = (n: number, stem: string) => `${n} ${stem}${stem.endsWith("t") ? (n === 1 ? "y" : "ies") : n === 1 ? "" : "s"}`;

  return (
    <dialog ref={dialog} className="import-dialog" aria-labelledby="import-title" onClose={onClose}>
      <h2 id="import-title">Import a lesson</h2>
      <p className="muted">A LiveLab lesson file (.json), Kahoot&apos;s question spreadsheet (.xlsx: question, up to 4 answers, time limit, correct answers) or a CSV with the same columns. Nothing is saved until you accept.</p>
      <label htmlFor="import-file">File</label>
      <input id="import-file" type="file" accept=".json,.xlsx,.csv,application/json,text/csv" disabled={busy} onChange={(e) => void read(e.target.files?.[0])} />
      {busy && <p className="muted" role="status">Reading…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {report && (
        <section aria-label="import report" data-testid="import-report">
          <p role="status">
            <strong>{report.file}</strong>: {report.lesson ? `${plural(report.accepted, unit)} can be imported` : "nothing can be imported"}
            {report.problems.length > 0 && `, ${report.problems.length} ${report.format === "json" ? "problem" : "row"}${report.problems.length === 1 ? "" : "s"} ${report.format === "json" ? "to fix" : "left out"}`}.
          </p>
          {report.problems.length > 0 && (
            <div className="table-scroll">
              <table className="table" aria-label={report.format === "json" ? "problems in the file" : "rows left out"}>
                <thead><tr><th scope="col">{report.format === "json" ? "Where" : "Row"}</th><th scope="col">Why</th></tr></thead>
                <tbody>
                  {report.problems.map((p, i) => (
                    <tr key={i} data-row={p.row ?? ""}><td className={p.row !== null ? "num" : ""}>{p.row ?? p.path ?? "file"}</td><td>{p.reason}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.lesson && report.format === "json" && report.problems.length > 0 && <p className="muted">The lesson opens as a draft: the editor points at each problem, and you can publish once they are fixed.</p>}
        </section>
      )}
      <div className="row" style={{ marginTop: 12, justifyContent: "flex-end" }}>
        <button onClick={() => dialog.current?.close()}>Cancel</button>
        {report?.lesson && (
          <button className="primary" disabled={busy} onClick={() => void accept()}>
            {report.problems.length > 0 && report.format !== "json" ? `Import the ${plural(report.accepted, unit)} without the bad rows` : `Import ${plural(report.accepted, unit)}`}
          </button>
        )}
      </div>
    </dialog>
  );
}
