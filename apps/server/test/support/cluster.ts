/**
 * A LiveLab cluster on loopback for tests and the bench: N LiveLab processes (scaled mode)
 * sharing one PostgreSQL database and one redis-server, behind HAProxy with a sticky cookie —
 * Debian's redis-server and haproxy, started here on ports the OS picks, each with its own
 * config and data folder. Everything stops with `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { freePort } from "../freePort.ts";

const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether redis-server and haproxy are installed (CI installs them; elsewhere the tests say they skip). */
export function clusterToolsMissing(): string[] {
  return ["redis-server", "haproxy"].filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
}

export interface ClusterNode {
  name: string;
  port: number;
  url: string;
  proc: ChildProcess | null;
  /** SIGKILL: the process dies mid-whatever, as a machine would. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

export interface Cluster {
  /** HAProxy's address: what phones and teachers use. */
  url: string;
  nodes: ClusterNode[];
  redisPort: number;
  /** Stop redis-server (SIGKILL) and start a new, empty one on the same port after `downMs`. */
  restartRedis(downMs: number): Promise<void>;
  /** Process ids of the nodes (by name), redis-server and haproxy, for CPU accounting. */
  pids(): Record<string, number | undefined>;
  /** HAProxy's admin socket: `set server nodes/n1 state maint`, `shutdown sessions server nodes/n1`, … */
  haproxy(command: string): Promise<string>;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, proc: ChildProcess): Promise<void> {
  for (let t = 0; t < 900; t++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // starting
    }
    if (proc.exitCode !== null) throw new Error(`a LiveLab node exited during start-up (code ${proc.exitCode})`);
    await sleep(100);
  }
  throw new Error(`${url} did not start`);
}

function startRedis(port: number, dir: string): ChildProcess {
  // No persistence: a restart is a new, empty Redis (the harder case for the adapter).
  return spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--loglevel", "warning"], { stdio: ["ignore", "ignore", "inherit"] });
}

async function waitRedis(port: number): Promise<void> {
  const r = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on("error", () => {});
  try {
    for (let t = 0; t < 100; t++) {
      try {
        if (r.status !== "ready") await r.connect();
        if ((await r.ping()) === "PONG") return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error("redis-server did not start");
  } finally {
    r.disconnect();
  }
}

export async function startCluster(opts: { databaseUrl: string; nodes?: number; env?: Record<string, string>; nodeFlags?: string[] }): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "livelab-cluster-"));
  const redisPort = await freePort();
  let redis = startRedis(redisPort, dir);
  await waitRedis(redisPort);
  const authSecret = "cluster-test-secret-".padEnd(48, "x");
  const procs = new Set<ChildProcess>();

  const nodes: ClusterNode[] = [];
  for (let i = 0; i < (opts.nodes ?? 3); i++) {
    const port = await freePort();
    const node: ClusterNode = {
      name: `n${i + 1}`, port, url: `http://127.0.0.1:${port}`, proc: null,
      async start() {
        const proc = spawn(process.execPath, [...(opts.nodeFlags ?? []), "--import", "tsx", main], {
          env: {
            ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: opts.databaseUrl, REDIS_URL: `redis://127.0.0.1:${redisPort}`,
            NODE_ID: node.name, AUTH_SECRET: authSecret, LIVELAB_WEB: "off", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "error",
            TRUST_PROXY: "loopback", PUBLIC_URL: "http://livelab.test", DATA_DIR: dir, ...opts.env,
          },
          stdio: ["ignore", "ignore", "inherit"],
        });
        procs.add(proc);
        proc.once("exit", () => procs.delete(proc));
        node.proc = proc;
        await waitHealthy(node.url, proc);
      },
      async kill() {
        const proc = node.proc;
        if (!proc || proc.exitCode !== null) return;
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGKILL");
        await exited;
        node.proc = null;
      },
    };
    nodes.push(node);
  }
  const abort = async (e: unknown): Promise<never> => {
    for (const p of procs) p.kill("SIGKILL");
    redis.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw e;
  };
  // One at a time: the first applies the migrations (the others would wait on its lock anyway).
  for (const n of nodes) await n.start().catch(abort);

  const lbPort = await freePort();
  const adminSocket = join(dir, "haproxy.sock");
  const cfg = join(dir, "haproxy.cfg");
  writeFileSync(cfg, [
    "global",
    "  maxconn 8000",
    `  stats socket ${adminSocket} level admin`,
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 120s",
    "  timeout server 120s",
    "  timeout tunnel 1h",
    // A node busy with a reconnect storm answers its health check late; only a dead one is taken out.
    "  timeout check 3s",
    "frontend livelab",
    `  bind 127.0.0.1:${lbPort}`,
    "  default_backend nodes",
    "backend nodes",
    "  balance roundrobin",
    // Sticky sessions for long polling: HAProxy sets a cookie naming the node.
    "  cookie LIVELAB_NODE insert indirect nocache",
    "  option httpchk GET /healthz",
    ...nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.port} cookie ${n.name} check inter 1s fall 3 rise 2`),
    "",
  ].join("\n"));
  const haproxy = spawn("haproxy", ["-f", cfg, "-db"], { stdio: ["ignore", "ignore", "inherit"] });
  procs.add(haproxy);
  const url = `http://127.0.0.1:${lbPort}`;
  for (let t = 0; ; t++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // starting
    }
    if (t > 100) await abort(new Error("haproxy did not start"));
    await sleep(100);
  }

  return {
    url, nodes, redisPort,
    pids: () => ({ ...Object.fromEntries(nodes.map((n) => [n.name, n.proc?.pid])), redis: redis.pid, haproxy: haproxy.pid }),
    async restartRedis(downMs) {
      const old = redis;
      const exited = new Promise((r) => old.once("exit", r));
      old.kill("SIGKILL");
      await exited;
      await sleep(downMs);
      redis = startRedis(redisPort, dir);
      await waitRedis(redisPort);
    },
    haproxy: (command) => new Promise((resolve, reject) => {
      const s = netConnect(adminSocket);
      let out = "";
      s.on("data", (d) => { out += d.toString(); });
      s.on("end", () => resolve(out));
      s.on("error", reject);
      s.end(`${command}\n`);
    }),
    async stop() {
      for (const n of nodes) n.proc?.kill("SIGTERM");
      await Promise.all(nodes.map((n) => (n.proc && n.proc.exitCode === null ? Promise.race([new Promise((r) => n.proc!.once("exit", r)), sleep(8000)]) : null)));
      for (const p of procs) p.kill("SIGKILL");
      redis.kill("SIGKILL");
      await sleep(100);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
