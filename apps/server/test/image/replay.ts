import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, openSync, closeSync } from "node:fs";
import { basename, dirname, join, posix, relative } from "node:path";
import dockerignore from "@balena/dockerignore";
import { readDockerfile, type Step } from "./dockerfile.ts";

/**
 * Replays a Dockerfile without Docker, to catch an image that would not build or run:
 * each stage's file system is a folder (`<dir>/active` while it is built, `<dir>/stages/<name>`
 * after), every COPY copies exactly what it names at that point (the build context filtered by
 * .dockerignore, or another stage's files), every RUN runs with `sh -c` in the WORKDIR with
 * the ENV in force and nothing else from this process (so `NODE_ENV=production` changes what
 * npm installs, as in Docker), and the last stage's CMD can then be started as its USER.
 *
 * What it is not: the base image's own files come from this machine (its node, npm and sh;
 * Node 20 like the image, npm 11 where the image has npm 10 — the Dockerfile passes
 * --ignore-scripts so both behave alike). Image paths are mapped under the stage folder:
 * WORKDIR, COPY destinations and ENV values that are absolute paths. RUN commands must use
 * relative paths (the replay cannot map paths inside a shell command). `FROM <stage>` and
 * `COPY --from` share unchanged files by hard links, as layers share them. When run as root,
 * the image's non-root user is played by `nobody` (the `chown` of a RUN is mapped too).
 */
export interface ImageRun {
  /** The last stage's file system. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[] | null;
  user: { uid: number; gid: number } | null;
  timings: { step: string; ms: number }[];
}

interface Stage { name: string; root: string; workdir: string; env: Record<string, string>; user: string | null }

const IMAGE_USERS = ["node", "node:node", "1000", "1000:1000"];

export async function replayDockerfile(opts: { context: string; dockerfile?: string; dir: string; log?: (line: string) => void }): Promise<ImageRun> {
  const log = opts.log ?? (() => {});
  const steps = readDockerfile(readFileSync(opts.dockerfile ?? join(opts.context, "Dockerfile"), "utf8"));
  const ignoreFile = join(opts.context, ".dockerignore");
  const ignored = dockerignore().add(existsSync(ignoreFile) ? readFileSync(ignoreFile, "utf8").split("\n") : []);
  mkdirSync(join(opts.dir, "stages"), { recursive: true });
  chmodSync(opts.dir, 0o755); // the image's unprivileged user must reach its files
  const player = imageUserPlayer();
  const shim = writeChownShim(opts.dir, player);
  const stages = new Map<string, Stage>();
  const timings: ImageRun["timings"] = [];
  let st: Stage | null = null;
  let cmd: string[] = [];
  let healthcheck: string[] | null = null;
  const active = join(opts.dir, "active");

  for (const [index, step] of steps.entries()) {
    const label = `line ${step.line} ${step.kind.toUpperCase()}`;
    const started = Date.now();
    if (step.kind === "from") {
      if (st) {
        const done = join(opts.dir, "stages", st.name);
        renameSync(st.root, done);
        stages.set(st.name, { ...st, root: done });
      }
      const parent = stages.get(step.image);
      if (parent) run("cp", ["-al", parent.root, active], opts.dir);
      else mkdirSync(active);
      st = parent
        ? { ...parent, name: step.stage ?? String(index), root: active, env: { ...parent.env } }
        : { name: step.stage ?? String(index), root: active, workdir: "/", env: {}, user: null };
      cmd = [];
      healthcheck = null;
      continue;
    }
    if (!st) throw new Error(`Dockerfile line ${step.line}: ${step.kind} before FROM`);
    const stage: Stage = st;
    switch (step.kind) {
      case "workdir":
        stage.workdir = posix.resolve(stage.workdir, step.path);
        mkdirSync(join(stage.root, stage.workdir), { recursive: true });
        break;
      case "env":
        for (const [k, v] of step.vars) stage.env[k] = v;
        break;
      case "copy":
        copyStep(step, stage, opts.context, ignored, stages, player);
        break;
      case "run": {
        const asUser = stage.user && !isRoot(stage.user) ? player : null;
        const env = { ...hostBasics(shim), ...mapPaths(stage.env, stage.root) };
        log(`${label}: ${step.shell ?? step.argv!.join(" ")}`);
        const [file, ...args] = step.argv ?? ["/bin/sh", "-c", step.shell!];
        await runLogged(file, args, { cwd: join(stage.root, stage.workdir), env, uid: asUser?.uid, gid: asUser?.gid, logFile: join(opts.dir, `line-${step.line}.log`) }, `Dockerfile ${label}`);
        break;
      }
      case "user": stage.user = step.user; break;
      case "cmd": cmd = step.argv; break;
      case "healthcheck": healthcheck = step.argv; break;
      case "volume": for (const p of step.paths) mkdirSync(join(stage.root, posix.resolve(stage.workdir, p)), { recursive: true }); break;
      default: break;
    }
    timings.push({ step: `${label}${step.kind === "run" ? ` ${(step.shell ?? step.argv!.join(" ")).slice(0, 60)}` : ""}`, ms: Date.now() - started });
  }
  if (!st) throw new Error("the Dockerfile has no FROM");
  if (!cmd.length) throw new Error("the last stage has no CMD");
  const user = st.user && !isRoot(st.user) ? player : null;
  return { root: st.root, workdir: join(st.root, st.workdir), env: mapPaths(st.env, st.root), cmd, healthcheck, user, timings };
}

/** Start the image's CMD (or another command inside the image), as its user, with `extraEnv` on top of the image's ENV. */
export function startInImage(image: ImageRun, argv: string[], extraEnv: Record<string, string>): ChildProcess {
  const home = join(dirname(image.root), "home");
  mkdirSync(home, { recursive: true });
  if (image.user && process.getuid?.() === 0) chownSync(home, image.user.uid, image.user.gid);
  const [file, ...args] = argv;
  return spawn(file, args, {
    cwd: image.workdir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, ...image.env, ...extraEnv } as unknown as NodeJS.ProcessEnv,
    uid: image.user?.uid, gid: image.user?.gid,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function copyStep(step: Extract<Step, { kind: "copy" }>, stage: Stage, context: string, ignored: ReturnType<typeof dockerignore>, stages: Map<string, Stage>, player: { uid: number; gid: number }): void {
  const where = `Dockerfile line ${step.line} COPY`;
  const dest = join(stage.root, posix.resolve(stage.workdir, step.dest));
  const intoDir = step.dest.endsWith("/") || step.sources.length > 1;
  const owner = step.chown && process.getuid?.() === 0 ? (IMAGE_USERS.includes(step.chown) ? player : { uid: 0, gid: 0 }) : null;
  for (const src of step.sources) {
    let from: string;
    if (step.from) {
      const source = stages.get(step.from);
      if (!source) throw new Error(`${where}: no stage named ${step.from} before this line`);
      from = join(source.root, posix.resolve("/", src));
    } else {
      const rel = posix.normalize(src).replace(/^\/+|\/+$/g, "");
      if (rel.startsWith("..")) throw new Error(`${where}: ${src} is outside the build context`);
      from = join(context, rel);
      if (rel !== "." && rel !== "" && ignored.ignores(rel)) throw new Error(`${where}: ${src} is excluded by .dockerignore`);
    }
    if (!existsSync(from)) throw new Error(`${where}: ${src} not found${step.from ? ` in stage ${step.from}` : " in the build context"}`);
    const isDir = lstatSync(from).isDirectory();
    // A directory's contents go into dest; a file goes into dest/ or becomes dest.
    const target = isDir ? dest : intoDir || (existsSync(dest) && lstatSync(dest).isDirectory()) ? join(dest, basename(from)) : dest;
    mkdirSync(isDir ? target : dirname(target), { recursive: true });
    if (step.from && !owner) {
      run("cp", ["-al", "--remove-destination", ...(isDir ? [`${from}/.`] : [from]), target], context);
    } else if (step.from) {
      run("cp", ["-a", "--remove-destination", ...(isDir ? [`${from}/.`] : [from]), target], context);
    } else {
      copyContext(context, from, target, ignored);
    }
    if (owner) run("chown", ["-R", `${owner.uid}:${owner.gid}`, target], context);
  }
}

/** Copy from the build context, leaving out what .dockerignore excludes (without descending into it). */
function copyContext(context: string, from: string, to: string, ignored: ReturnType<typeof dockerignore>): void {
  const rel = relative(context, from).split("\\").join("/");
  if (rel && ignored.ignores(rel)) return;
  const st = lstatSync(from);
  if (st.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) copyContext(context, join(from, name), join(to, name), ignored);
    return;
  }
  if (existsSync(to) || lstatSafe(to)) unlinkSync(to); // never write through a hard link into another stage
  if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else {
    copyFileSync(from, to);
    chmodSync(to, st.mode & 0o777);
  }
}

function lstatSafe(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

const isRoot = (user: string) => user === "root" || user === "0" || user.startsWith("root:") || user.startsWith("0:");

/** Who plays the image's unprivileged user here: `nobody` when this process is root, otherwise this user. */
function imageUserPlayer(): { uid: number; gid: number; spec: string } {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, spec: `${process.getuid?.()}:${process.getgid?.()}` };
  const uid = Number(spawnSync("id", ["-u", "nobody"], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", "nobody"], { encoding: "utf8" }).stdout.trim());
  return { uid, gid, spec: `${uid}:${gid}` };
}

/** A `chown` first on RUN's PATH that maps the image's user (`node`) to the one that plays it. */
function writeChownShim(dir: string, player: { spec: string }): string {
  const bin = join(dir, "shim");
  mkdirSync(bin, { recursive: true });
  const real = spawnSync("sh", ["-c", "command -v chown"], { encoding: "utf8" }).stdout.trim() || "/bin/chown";
  const cases = IMAGE_USERS.join("|");
  writeFileSync(join(bin, "chown"), `#!/bin/sh\nfor a do\n  shift\n  case "$a" in ${cases}) a="${player.spec}";; esac\n  set -- "$@" "$a"\ndone\nexec ${real} "$@"\n`, { mode: 0o755 });
  return bin;
}

/** What a RUN gets from this machine: a PATH to its node/npm/sh (after the chown shim), a HOME with npm's cache, and nothing else. */
function hostBasics(shim: string): Record<string, string> {
  return {
    PATH: `${shim}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: process.env.HOME ?? "/root",
    // Reuse the downloads in npm's cache (the same packages, by integrity); nothing else differs.
    npm_config_prefer_offline: "true",
    npm_config_update_notifier: "false",
  };
}

/** ENV values that are absolute paths name places in the image: map them under the stage folder. */
function mapPaths(env: Record<string, string>, root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, /^\/[^\s:]*$/.test(v) ? join(root, v) : v]));
}

function run(file: string, args: string[], cwd: string): void {
  const r = spawnSync(file, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${file} ${args.join(" ")} failed: ${r.stderr}`);
}

/** Run one RUN step; its output goes to a log file whose tail is in the error when it fails. */
function runLogged(file: string, args: string[], o: { cwd: string; env: Record<string, string>; uid?: number; gid?: number; logFile: string }, what: string): Promise<void> {
  const logFile = o.logFile;
  const fd = openSync(logFile, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env as NodeJS.ProcessEnv, uid: o.uid, gid: o.gid, stdio: ["ignore", fd, fd] });
    child.on("error", reject);
    child.on("exit", (code) => {
      closeSync(fd);
      if (code === 0) return resolve();
      const tail = readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-40).join("\n");
      reject(new Error(`${what} failed with exit code ${code}:\n${tail}`));
    });
  });
}

export function removeReplay(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
