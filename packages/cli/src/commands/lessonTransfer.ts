import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { ImportReport } from "@livelab/core/lesson";
import { CliError } from "../cliError.ts";
import { signIn } from "../libraryClient.ts";
import type { Io } from "../options.ts";

const OPTIONS = {
  server: { type: "string" },
  "accept-valid": { type: "boolean" },
  publish: { type: "boolean" },
  version: { type: "string" },
  draft: { type: "boolean" },
  out: { type: "string", short: "o" },
} as const;

function options(args: string[], allowed: (keyof typeof OPTIONS)[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const wrong = Object.keys(parsed.values).find((k) => k !== "server" && !allowed.includes(k as keyof typeof OPTIONS));
  if (wrong) throw new CliError(`unknown option --${wrong}`);
  return parsed;
}

/**
 * `livelab lesson import FILE [--accept-valid] [--publish]`: the same import as the web app's —
 * a lesson file (.json), Kahoot's question sheet (.xlsx) or a CSV — through the running server.
 * Every bad row is printed with its number and reason, and nothing is imported while there are
 * any unless --accept-valid says to import the good rows. --publish also publishes version 1.
 */
export async function lessonImport(args: string[], io: Io): Promise<number> {
  const o = options(args, ["accept-valid", "publish"]);
  const [file, ...rest] = o.positionals;
  if (!file) throw new CliError("missing file: livelab lesson import FILE");
  if (rest.length > 0) throw new CliError(`unexpected argument ${rest[0]}`);
  let bytes: Uint8Array;
  try {
    bytes = io.readBytes!(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const client = await signIn(io.env ?? {}, o.values.server);
  const report = await client.call<ImportReport>(`/api/lessons/import?name=${encodeURIComponent(basename(file))}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes });
  for (const p of report.problems) io.err(`${file}: ${p.row !== null ? `row ${p.row}` : (p.path ?? "file")}: ${p.reason}`);
  const unit = report.format === "json" ? "activities" : "questions";
  if (!report.lesson) {
    io.err(`${file}: nothing to import`);
    return 1;
  }
  if (report.problems.length > 0 && !o.values["accept-valid"]) {
    io.err(`${file}: nothing imported: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} above; run again with --accept-valid to import the ${report.accepted} valid ${unit}`);
    return 1;
  }
  const { id } = await client.call<{ id: string }>("/api/lessons", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ draft: report.lesson }) });
  io.out(`${file}: imported "${report.lesson.title}" (${report.accepted} ${unit}) as lesson ${id}: ${client.url}/teach/lessons/${id}`);
  if (o.values.publish) {
    const published = await client.call<{ number: number }>(`/api/lessons/${id}/publish`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ revision: 0 }) });
    io.out(`published version ${published.number}`);
  }
  return 0;
}

/**
 * `livelab lesson export ID [--version N | --draft] [--out FILE]`: a lesson of your library as a
 * lesson file (the newest published version unless told otherwise), with "$schema" for editors.
 */
export async function lessonExport(args: string[], io: Io): Promise<number> {
  const o = options(args, ["version", "draft", "out"]);
  const [id, ...rest] = o.positionals;
  if (!id) throw new CliError("missing lesson id: livelab lesson export ID (the id is in the editor's address)");
  if (rest.length > 0) throw new CliError(`unexpected argument ${rest[0]}`);
  const client = await signIn(io.env ?? {}, o.values.server);
  const q = o.values.draft ? "?draft" : o.values.version ? `?version=${encodeURIComponent(String(o.values.version))}` : "";
  const res = await client.raw(`/api/lessons/${encodeURIComponent(id)}/export${q}`);
  const text = await res.text();
  if (!res.ok) {
    const msg = (() => { try { return (JSON.parse(text) as { error: { message: string } }).error.message; } catch { return `the server answered ${res.status}`; } })();
    throw new CliError(msg, 1);
  }
  if (o.values.out) {
    writeFileSync(String(o.values.out), text + "\n");
    io.err(`wrote ${o.values.out}`);
  } else io.out(text);
  return 0;
}
