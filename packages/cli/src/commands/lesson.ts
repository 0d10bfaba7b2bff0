import { checkLesson, lessonJsonSchema, regularizationLesson } from "@livelab/core/lesson";
import { CliError } from "../cliError.ts";
import type { Io } from "../options.ts";
import { lessonExport, lessonImport } from "./lessonTransfer.ts";

/**
 * `livelab lesson check <file>`: validate a lesson file with core's `checkLesson` (the same
 * check the lesson editor and import run). Exit 0 if valid; exit 1 with one `path: message`
 * line per problem if not; exit 2 if the file cannot be read or parsed. Notes (e.g. a question
 * whose parameter sets were sampled, not all tried) go to stderr as `note:` lines either way.
 * `livelab lesson show`: print the built-in lesson as JSON (a starting point for your own).
 * `livelab lesson schema`: the format's JSON Schema (generated from the zod schema).
 * `lesson import` / `lesson export`: see lessonTransfer.ts.
 */
export function lessonCommand(args: string[], io: Io): number | Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub === "import") return lessonImport(args.slice(1), io);
  if (sub === "export") return lessonExport(args.slice(1), io);
  if (sub === "schema") {
    if (file !== undefined) throw new CliError(`unexpected argument ${file}`);
    io.out(JSON.stringify(lessonJsonSchema(), null, 2));
    return 0;
  }
  if (sub === "show") {
    if (file !== undefined) throw new CliError(`unexpected argument ${file}`);
    io.out(JSON.stringify(regularizationLesson, null, 2));
    return 0;
  }
  if (sub !== "check") throw new CliError(`unknown lesson command ${sub ?? "(none)"} (use: lesson check <file>, lesson show, lesson schema, lesson import <file>, lesson export <id>)`);
  if (!file) throw new CliError("missing lesson file: livelab lesson check <file>");
  if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}`);
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const checked = checkLesson(json);
  for (const n of checked.notes) io.err(`${file}: note: ${n.path}: ${n.message}`);
  if (!checked.ok) {
    for (const e of checked.errors) io.err(`${file}: ${e.path}: ${e.message}`);
    return 1;
  }
  const questions = checked.lesson.activities.reduce((n, a) => n + a.questions.length, 0);
  io.out(`${file}: ok — "${checked.lesson.title}", ${checked.lesson.activities.length} activities, ${questions} questions`);
  return 0;
}
