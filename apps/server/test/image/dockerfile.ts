import { DockerfileParser, type Copy, type From, type Instruction, type JSONInstruction, type PropertyInstruction } from "dockerfile-ast";

/**
 * A Dockerfile read into the few steps the replay (replay.ts) knows how to carry out. Parsing
 * (line continuations, JSON and shell forms, flags) is dockerfile-ast's, the parser of the
 * Docker language server; anything this model does not cover is refused by name rather than
 * silently skipped, so the replay never passes a Dockerfile it did not really run.
 */
export type Step =
  | { kind: "from"; image: string; stage: string | null; line: number }
  | { kind: "workdir"; path: string; line: number }
  | { kind: "env"; vars: [string, string][]; line: number }
  | { kind: "copy"; sources: string[]; dest: string; from: string | null; chown: string | null; line: number }
  | { kind: "run"; shell: string | null; argv: string[] | null; line: number }
  | { kind: "user"; user: string; line: number }
  | { kind: "cmd"; argv: string[]; line: number }
  | { kind: "healthcheck"; argv: string[] | null; line: number }
  | { kind: "volume"; paths: string[]; line: number }
  | { kind: "expose" | "label"; line: number };

export function readDockerfile(text: string): Step[] {
  const steps: Step[] = [];
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const line = ins.getRange().start.line + 1;
    const keyword = ins.getKeyword().toUpperCase();
    const args = ins.getArguments().map((a) => a.getValue());
    const fail = (why: string): never => { throw new Error(`Dockerfile line ${line}: ${keyword} ${why} (the replay does not support it)`); };
    if (ins.getArgumentsContent()?.includes("$")) fail("uses a variable");
    switch (keyword) {
      case "FROM": {
        const from = ins as From;
        const as = args.findIndex((a) => a.toUpperCase() === "AS");
        steps.push({ kind: "from", image: from.getImage() ?? fail("has no image"), stage: as >= 0 ? args[as + 1] : null, line });
        break;
      }
      case "WORKDIR": steps.push({ kind: "workdir", path: args[0], line }); break;
      case "ENV": {
        const props = (ins as PropertyInstruction).getProperties();
        steps.push({ kind: "env", vars: props.map((p) => [p.getName(), p.getValue() ?? ""]), line });
        break;
      }
      case "COPY": {
        const copy = ins as Copy;
        const flags = Object.fromEntries(copy.getFlags().map((f) => [f.getName(), f.getValue()]));
        for (const name of Object.keys(flags)) if (name !== "from" && name !== "chown") fail(`has --${name}`);
        const json = jsonArgs(copy);
        const paths = json ?? args.filter((a) => !a.startsWith("--"));
        if (paths.length < 2) fail("needs a source and a destination");
        if (paths.some((p) => /[*?[]/.test(p))) fail("uses a wildcard");
        steps.push({ kind: "copy", sources: paths.slice(0, -1), dest: paths.at(-1)!, from: flags.from ?? null, chown: flags.chown ?? null, line });
        break;
      }
      case "RUN": {
        if ((ins as Instruction & { getFlags(): unknown[] }).getFlags().length) fail("has flags (--mount...)");
        const json = jsonArgs(ins as JSONInstruction);
        steps.push(json ? { kind: "run", shell: null, argv: json, line } : { kind: "run", shell: ins.getArgumentsContent() ?? "", argv: null, line });
        break;
      }
      case "USER": steps.push({ kind: "user", user: args[0], line }); break;
      case "CMD": steps.push({ kind: "cmd", argv: jsonArgs(ins as JSONInstruction) ?? ["/bin/sh", "-c", ins.getArgumentsContent() ?? ""], line }); break;
      case "HEALTHCHECK": {
        // HEALTHCHECK [options] CMD <shell command> | NONE
        const content = ins.getArgumentsContent() ?? "";
        const m = /(?:^|\s)CMD\s+([\s\S]*)$/.exec(content);
        steps.push({ kind: "healthcheck", argv: m ? healthcheckArgv(m[1]) : null, line });
        break;
      }
      case "VOLUME": steps.push({ kind: "volume", paths: jsonArgs(ins as JSONInstruction) ?? args, line }); break;
      case "EXPOSE": steps.push({ kind: "expose", line }); break;
      case "LABEL": steps.push({ kind: "label", line }); break;
      default: fail("is not one of FROM WORKDIR ENV COPY RUN USER CMD HEALTHCHECK VOLUME EXPOSE LABEL");
    }
  }
  return steps;
}

function jsonArgs(ins: JSONInstruction): string[] | null {
  const strings = ins.getJSONStrings();
  return strings.length ? strings.map((s) => s.getJSONValue()) : null;
}

function healthcheckArgv(rest: string): string[] {
  const trimmed = rest.trim();
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as string[];
  return ["/bin/sh", "-c", trimmed];
}

/**
 * The mistake that broke LiveLab's first image, found without running anything: the first
 * `npm ci` must see every workspace's package.json (npm installs only what the manifests it
 * can see declare). Returns the workspace manifests missing at that point.
 */
export function manifestsMissingBeforeInstall(steps: Step[], workspaceManifests: string[]): string[] {
  const copied = new Set<string>();
  for (const s of steps) {
    if (s.kind === "run" && /\bnpm\s+(ci|install|i)\b/.test(s.shell ?? s.argv?.join(" ") ?? "")) break;
    if (s.kind !== "copy" || s.from) continue;
    for (const src of s.sources) {
      const clean = src.replace(/^\.\//, "").replace(/\/+$/, "");
      if (clean === "." || clean === "") workspaceManifests.forEach((m) => copied.add(m));
      for (const m of workspaceManifests) if (m === clean || m.startsWith(`${clean}/`)) copied.add(m);
    }
  }
  return workspaceManifests.filter((m) => !copied.has(m));
}
