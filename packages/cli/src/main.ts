import { readFileSync } from "node:fs";
import { SimError } from "@livelab/core/sim";
import { CliError } from "./cliError.ts";
import { dataCommand } from "./commands/data.ts";
import { demoCommand } from "./commands/demo.ts";
import { gradeCommand } from "./commands/grade.ts";
import { lessonCommand } from "./commands/lesson.ts";
import { presetsCommand } from "./commands/presets.ts";
import { simCommand } from "./commands/sim.ts";
import { solveCommand } from "./commands/solve.ts";
import type { Io } from "./options.ts";

const USAGE = `usage: livelab <command> [options]
  sim <preset> [--set k=v]… [--seed n] [--steps n] [--every k] [--json]   per-step metrics
  data <preset> [--set k=v]… [--seed n] [--json]                          the data the model sees
  solve <preset> [--set k=v]… [--seed n] [--json]                         exact minimizer (linear presets)
  grade <questionId> --params '<json>' --answer '<text>' [--lesson f] [--json]
  lesson check <file> | lesson show | lesson schema                       validate / print a lesson / its JSON Schema
  lesson import <file> [--accept-valid] [--publish]                      .json, Kahoot .xlsx or .csv into your library
  lesson export <id> [--version n | --draft] [-o file]                   a lesson of your library as a file
      (import/export reach the server at LIVELAB_URL as LIVELAB_EMAIL / LIVELAB_PASSWORD)
  presets [--json]                                                        list presets and parameters
  demo                                                                    a short text demo`;

const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  sim: simCommand,
  data: dataCommand,
  solve: solveCommand,
  grade: gradeCommand,
  lesson: lessonCommand,
  presets: presetsCommand,
  demo: demoCommand,
};

export const processIo: Io = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
  readFile: (path) => readFileSync(path, "utf8"),
  readBytes: (path) => new Uint8Array(readFileSync(path)),
  env: process.env,
};

/** Run the CLI; returns the exit code. Errors of the user's making are one line on stderr, exit 2. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`livelab: unknown command ${command} (try: livelab help)`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (e) {
    if (e instanceof CliError || e instanceof SimError) {
      io.err(`livelab ${command}: ${e.message}`);
      return e instanceof CliError ? e.exitCode : 2;
    }
    throw e;
  }
}
