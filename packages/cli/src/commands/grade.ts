import { parseArgs } from "node:util";
import { builtInLesson, checkLesson, findQuestion, type Lesson } from "@livelab/core/lesson";
import { gradeAnswer, workedSolution } from "@livelab/core/questions";
import { CliError } from "../cliError.ts";
import type { Io } from "../options.ts";

/** `livelab grade <questionId> --params '<json>' --answer '<text>' [--lesson file] [--json]` */
export function gradeCommand(args: string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        params: { type: "string", default: "{}" },
        answer: { type: "string" },
        lesson: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const [questionId, ...extra] = parsed.positionals;
  if (!questionId) throw new CliError("missing question id");
  if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}`);
  if (parsed.values.answer === undefined) throw new CliError("missing --answer");
  const lesson = parsed.values.lesson ? loadLesson(parsed.values.lesson, io) : builtInLesson();
  const template = findQuestion(lesson, questionId);
  if (!template) throw new CliError(`unknown question ${questionId}`);

  let params: unknown;
  try {
    params = JSON.parse(parsed.values.params ?? "{}");
  } catch {
    throw new CliError(`--params is not valid JSON: ${parsed.values.params}`);
  }
  if (params === null || typeof params !== "object" || Array.isArray(params)) throw new CliError("--params must be a JSON object");
  const given = params as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(template.params, name)) {
      throw new CliError(`unknown parameter ${name} for question ${questionId} (known: ${Object.keys(template.params).join(", ") || "none"})`);
    }
  }
  const values: Record<string, number> = {};
  for (const name of Object.keys(template.params)) {
    const v = given[name];
    if (v === undefined) throw new CliError(`missing parameter ${name} for question ${questionId}`);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new CliError(`parameter ${name} must be a finite number, got ${JSON.stringify(v)}`);
    values[name] = v;
    // Allowed (handy for exploring), but say so: no student of this lesson gets these numbers.
    const spec = template.params[name];
    if (!spec.values.includes(v)) io.err(`note: ${name} = ${v} is not among the values students get (${spec.values.join(", ")})`);
  }
  const answerText = parsed.values.answer;
  const answer = template.kind === "multiple" ? answerText.split(",").map((s) => s.trim()).filter(Boolean) : answerText;
  const result = gradeAnswer(template, values, answer);
  const expected = template.kind === "numeric" ? Number(result.expected) : result.expected;
  const mistake = template.kind === "numeric" || template.kind === "expression" ? template.mistakes.find((m) => m.key === result.feedbackKey) : undefined;
  if (parsed.values.json) {
    io.out(JSON.stringify({
      correct: result.correct, score: result.score, feedback: result.feedbackKey, label: mistake?.label ?? null, expected,
      status: result.status, message: result.feedback, reason: result.reason ?? null, normalized: result.normalized ?? null,
    }));
    return 0;
  }
  io.out(`${result.status.toUpperCase()}${mistake ? ` (${mistake.label})` : result.feedbackKey ? ` (${result.feedbackKey})` : ""}: ${result.feedback}`);
  io.out(`expected: ${result.expected}`);
  const solution = workedSolution(template, values);
  if (solution) io.out(`solution: ${solution}`);
  return 0;
}

export function loadLesson(path: string, io: Io): Lesson {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const checked = checkLesson(json);
  if (!checked.ok) throw new CliError(`${path}: ${checked.errors[0].path}: ${checked.errors[0].message}`);
  return checked.lesson;
}
