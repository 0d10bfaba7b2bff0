/**
 * `npm run bench -- [--students N] [--json] [--sim-seconds S] [--procs P] [--profile DIR] [--node-flags "…"] [--nodes K]`
 *
 * Starts a real LiveLab server (PGlite, web app off) and P load-generator processes on
 * loopback, then measures, in one run: join storm, fan-out latency against a bare Socket.IO
 * baseline, an answer burst (10 % resent), simulation traffic and step skew, a reconnect storm
 * with the server's event-loop delay, and server memory per student. Bounded in count and
 * time; everything stops by itself.
 *
 * `--nodes K` (K > 1) also runs the join storm, fan-out and burst against K nodes behind HAProxy
 * on one Redis (bench/clusterLoad.ts), with the CPU time of every process per phase; both sides
 * then use PostgreSQL (a fresh database each on BENCH_DATABASE_URL or TEST_DATABASE_URL's server).
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { freePort } from "../test/freePort.ts";
import { signUpTeacher } from "../test/teacherClient.ts";
import { measureNodes, type NodesResult } from "./clusterLoad.ts";
import { all, cpuSeconds, pct, sleep, waitFor } from "./harness.ts";

const { values } = parseArgs({ options: { students: { type: "string", default: "2000" }, json: { type: "boolean", default: false }, "sim-seconds": { type: "string", default: "30" }, procs: { type: "string", default: "4" }, profile: { type: "string" }, "node-flags": { type: "string", default: "" }, nodes: { type: "string", default: "1" } } });
const NODES = Math.max(1, Math.min(8, Number(values.nodes)));
const N = Math.max(1, Math.min(5000, Number(values.students)));
const PROCS = Math.max(1, Math.min(16, Number(values.procs)));
const SIM_SECONDS = Math.max(2, Math.min(120, Number(values["sim-seconds"])));
const here = fileURLToPath(new URL(".", import.meta.url));
const log = (...a: unknown[]) => { if (!values.json) console.error(...a); };
const FANOUT_ROUNDS = 5;

/** With --nodes: two fresh PostgreSQL databases (the single node's and the cluster's) on the admin URL's server. */
async function benchDatabases(): Promise<{ single: string; nodes: string; drop(): Promise<void> } | null> {
  if (NODES === 1) return null;
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("--nodes needs PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL (bash scripts/pg-start.sh prints one)");
  const names = [`livelab_bench_single_${process.pid}`, `livelab_bench_nodes_${process.pid}`];
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  for (const n of names) await run(`CREATE DATABASE ${n}`);
  const urlOf = (n: string) => { const u = new URL(admin); u.pathname = `/${n}`; return u.toString(); };
  return { single: urlOf(names[0]), nodes: urlOf(names[1]), drop: async () => { for (const n of names) await run(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`); } };
}

async function main() {
  const dbs = await benchDatabases();
  const dataDir = mkdtempSync(join(tmpdir(), "livelab-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // --profile DIR: a V8 CPU profile of the server for the whole run (open it in Chrome DevTools).
  const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
  // --node-flags "...": V8/Node flags for the server process (e.g. GC tuning experiments).
  const nodeFlags = values["node-flags"]!.split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...profile, ...nodeFlags, "--expose-gc", "--import", "tsx", join(here, "../src/main.ts")], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LIVELAB_WEB: "off", LIVELAB_BENCH: "1", LOG_LEVEL: "warn", NODE_ENV: "production", ...(dbs ? { DATABASE_URL: dbs.single } : {}), REDIS_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const workers: ChildProcess[] = [];
  let bare: ChildProcess | null = null;
  try {
    for (let t = 0; ; t++) {
      try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* starting */ }
      if (t > 600) throw new Error("server did not start");
      await sleep(100);
    }
    const metrics = async (session?: string) => ((await (await fetch(`${url}/api/bench/metrics?gc=1${session ? `&session=${session}` : ""}`)).json()) as { data: { rss: number; heapUsed: number; external: number; eventLoopMaxMs: number; eventLoopP99Ms: number; gcMaxPauseMs: number; responses: number; duplicates: number } }).data;
    const created = await (await signUpTeacher(url)).createSession();
    const teacher: Socket = io(url, { transports: ["websocket"], forceNew: true });
    let teacherMessages = 0;
    teacher.onAny(() => teacherMessages++);
    const tcall = (event: string, payload: unknown) => new Promise<{ ok: boolean }>((r) => teacher.emit(event, payload, r));
    await new Promise<void>((r) => teacher.once("connect", () => r()));
    await tcall("host:attach", { sessionId: created.sessionId, hostSecret: created.hostSecret });

    for (let i = 0; i < PROCS; i++) {
      const w = fork(join(here, "studentsWorker.ts"), [], { execArgv: ["--expose-gc", "--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
      workers.push(w);
      await waitFor(w, "ready");
    }
    const share = (i: number) => Math.floor(N / PROCS) + (i < N % PROCS ? 1 : 0);
    const offsets = workers.map((_, i) => Array.from({ length: i }, (_, j) => share(j)).reduce((a, b) => a + b, 0));

    // Memory and join storm.
    await sleep(500);
    const before = await metrics();
    log(`join storm: ${N} students in ${PROCS} processes…`);
    const t0 = Date.now();
    const joined = await all<{ ms: number; messages: number }>(workers, (i) => ({ cmd: "join", url, code: created.code, count: share(i), offset: offsets[i] }), "joined");
    const joinSeconds = (Date.now() - t0) / 1000;
    await sleep(1000);
    const studentMessagesDuringJoin = joined.reduce((a, j) => a + j.messages, 0);
    const afterJoin = await metrics();

    // Fan-out: the teacher moves to a question activity and opens it.
    log("fan-out…");
    // Several rounds (between two question activities, ending on the decay-factor one), pooled:
    // one broadcast's p99 on two shared cores swings too much to compare with the baseline.
    const fan: number[] = [];
    let stateBytes = 0;
    const fanCpu0 = cpuSeconds(server.pid);
    for (let round = 0; round < FANOUT_ROUNDS; round++) {
      await all(workers, () => ({ cmd: "armFanout" }), "armed");
      await tcall("activity:goto", { index: round % 2 === 0 ? 3 : 4 });
      await sleep(1000);
      const got = await all<{ latencies: number[]; bytes: number }>(workers, () => ({ cmd: "collectFanout" }), "fanout");
      fan.push(...got.flatMap((f) => f.latencies));
      stateBytes = Math.max(stateBytes, ...got.map((g) => g.bytes));
    }
    const fanoutCpuSeconds = cpuSeconds(server.pid) - fanCpu0;
    await tcall("question:open", { questionId: "l2-decay-factor" });
    await sleep(1500);

    // Answer burst.
    log("answer burst…");
    const burstCpu0 = cpuSeconds(server.pid);
    const burst = await all<{ sent: number; acked: number; acks: number[] }>(workers, () => ({ cmd: "burst", questionId: "l2-decay-factor" }), "burst");
    const burstCpuSeconds = cpuSeconds(server.pid) - burstCpu0;
    await sleep(500);
    const stored = await metrics(created.sessionId);

    // Simulation traffic and skew.
    log(`simulation for ${SIM_SECONDS} s…`);
    await tcall("activity:goto", { index: 1 });
    await sleep(1000);
    await all(workers, () => ({ cmd: "simStart" }), "simStarted");
    await tcall("sim:control", { op: "play" });
    const simStart = Date.now();
    let maxSkew = 0;
    while (Date.now() - simStart < SIM_SECONDS * 1000) {
      await sleep(Math.min(3000, SIM_SECONDS * 250));
      const samples = (await all<{ steps: number[] }>(workers, () => ({ cmd: "simSample" }), "simSample")).flatMap((s) => s.steps).filter((x) => x >= 0);
      if (samples.length) maxSkew = Math.max(maxSkew, Math.max(...samples) - Math.min(...samples));
    }
    const simBytes = (await all<{ bytes: number[] }>(workers, () => ({ cmd: "simStop" }), "simBytes")).flatMap((b) => b.bytes);
    const simSeconds = (Date.now() - simStart) / 1000;
    await tcall("sim:control", { op: "pause" });

    // Reconnect storm.
    log("reconnect storm…");
    await fetch(`${url}/api/bench/reset`, { method: "POST" });
    const r0 = Date.now();
    const rec = await all<{ ms: number; ok: number }>(workers, () => ({ cmd: "reconnect" }), "reconnected");
    const reconnectSeconds = (Date.now() - r0) / 1000;
    const afterReconnect = await metrics();
    await all(workers, () => ({ cmd: "close" }), "closed");
    teacher.disconnect();

    // Baseline: bare Socket.IO broadcasting the same-size payload to as many clients.
    log("bare Socket.IO baseline…");
    bare = fork(join(here, "bareServer.ts"), [], { execArgv: [...profile, "--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const { port: barePort } = await waitFor<{ port: number }>(bare, "port");
    const b0 = Date.now();
    await all(workers, (i) => ({ cmd: "connectBare", url: `http://127.0.0.1:${barePort}`, count: share(i) }), "connected");
    const bareConnectSeconds = (Date.now() - b0) / 1000;
    const bareLoopMax = async () => {
      const reply = waitFor<{ ms: number }>(bare!, "loopMax");
      bare!.send({ cmd: "loopMax" }); // reads and resets
      return (await reply).ms;
    };
    const bareConnectLoopMaxMs = await bareLoopMax();
    await sleep(1000);
    const baseFan: number[] = [];
    for (let round = 0; round < FANOUT_ROUNDS; round++) {
      await all(workers, () => ({ cmd: "armFanout" }), "armed");
      bare.send({ cmd: "broadcast", bytes: Math.max(100, stateBytes - 30) }); // the same size as LiveLab's state message
      await sleep(1000);
      baseFan.push(...(await all<{ latencies: number[] }>(workers, () => ({ cmd: "collectFanout" }), "fanout")).flatMap((f) => f.latencies));
    }

    // The same reconnect storm against the bare server: its own event-loop stall is the baseline.
    await sleep(500);
    await bareLoopMax();
    const br0 = Date.now();
    await all(workers, () => ({ cmd: "reconnectBare" }), "reconnectedBare");
    const bareReconnectSeconds = (Date.now() - br0) / 1000;
    const bareReconnectLoopMaxMs = await bareLoopMax();

    // The same class on several nodes, in the same run (--nodes).
    let nodes: NodesResult | null = null;
    if (dbs) {
      await all(workers, () => ({ cmd: "close" }), "closed");
      nodes = await measureNodes({ nodes: NODES, students: N, workers, databaseUrl: dbs.nodes, rounds: FANOUT_ROUNDS, share, offsets, log });
    }

    const acks = burst.flatMap((b) => b.acks);
    const result = {
      students: N,
      machine: `${cpus()[0]?.model} (${cpus().length} cores), Node ${process.version}`,
      // The baseline: how long merely opening as many connections to a bare Socket.IO server takes here.
      join: { seconds: joinSeconds, messagesPerJoin: (studentMessagesDuringJoin + teacherMessages) / N, baselineConnectSeconds: bareConnectSeconds },
      fanout: { p50Ms: pct(fan, 50), p95Ms: pct(fan, 95), p99Ms: pct(fan, 99), maxMs: Math.max(...fan), received: fan.length, rounds: FANOUT_ROUNDS, messageBytes: stateBytes, baselineP50Ms: pct(baseFan, 50), baselineP99Ms: pct(baseFan, 99) },
      burst: { sent: burst.reduce((a, b) => a + b.sent, 0), acked: burst.reduce((a, b) => a + b.acked, 0), persisted: stored.responses, duplicates: stored.duplicates, p50AckMs: pct(acks, 50), p99AckMs: pct(acks, 99) },
      sim: { bytesPerStudentPerSec: simBytes.reduce((a, b) => a + b, 0) / Math.max(1, simBytes.length) / simSeconds, maxStepSkew: maxSkew },
      reconnect: { seconds: reconnectSeconds, resumed: rec.reduce((a, r) => a + r.ok, 0), maxEventLoopDelayMs: afterReconnect.eventLoopMaxMs, p99EventLoopDelayMs: afterReconnect.eventLoopP99Ms, maxGcPauseMs: afterReconnect.gcMaxPauseMs, baselineConnectMaxEventLoopDelayMs: bareConnectLoopMaxMs, baselineSeconds: bareReconnectSeconds, baselineMaxEventLoopDelayMs: bareReconnectLoopMaxMs },
      // Retained after a full GC: the JS heap plus Buffers outside it (socket frames). RSS is
      // reported too but moves in steps (PGlite's WebAssembly memory, pages the GC returns).
      memory: {
        bytesPerStudent: (afterJoin.heapUsed + afterJoin.external - before.heapUsed - before.external) / N,
        heapBytesPerStudent: (afterJoin.heapUsed - before.heapUsed) / N,
        rssBytesPerStudent: (afterJoin.rss - before.rss) / N,
        rssAfterJoin: afterJoin.rss,
      },
      database: dbs ? "postgres" : "pglite",
      cpu: { fanoutSeconds: Math.round(fanoutCpuSeconds * 100) / 100, burstSeconds: Math.round(burstCpuSeconds * 100) / 100 },
      ...(nodes ? { nodes } : {}),
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      const { nodes: cluster, ...single } = result as typeof result & { nodes?: NodesResult };
      console.table(Object.fromEntries(Object.entries(single).filter(([, v]) => typeof v === "object").map(([k, v]) => [k, v])));
      if (cluster) {
        console.log(`\n${cluster.nodes} nodes (owner ${cluster.owner}; sockets per node ${JSON.stringify(cluster.socketsPerNode)}):`);
        console.table({ join: cluster.join, fanout: cluster.fanout, burst: cluster.burst, "cpu s, fan-out": cluster.cpu.fanout, "cpu s, burst": cluster.cpu.burst });
      }
    }
  } finally {
    for (const w of workers) w.kill();
    if (bare && bare.exitCode === null) {
      // A clean exit, so a --profile of the baseline server gets written.
      bare.send({ cmd: "close" });
      await Promise.race([new Promise((r) => bare!.once("exit", r)), sleep(3000)]);
      bare.kill();
    }
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
    await dbs?.drop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
