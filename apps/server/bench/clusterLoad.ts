/**
 * `npm run bench -- --nodes N`: the same class load against N LiveLab nodes behind HAProxy on one
 * Redis and one PostgreSQL (test/support/cluster.ts), measured in the same run as the single node:
 * join storm, fan-out latency, answer burst, and the CPU time each process spent in each phase.
 */
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { startCluster } from "../test/support/cluster.ts";
import { signUpTeacher } from "../test/teacherClient.ts";
import { all, cpuSeconds, pct, sleep } from "./harness.ts";

export interface NodesResult {
  nodes: number;
  /** Connected sockets per node after the join storm (how HAProxy spread the students). */
  socketsPerNode: Record<string, number>;
  owner: string;
  join: { seconds: number };
  fanout: { p50Ms: number; p99Ms: number; maxMs: number; received: number; rounds: number };
  burst: { sent: number; acked: number; persisted: number; duplicates: number; p50AckMs: number; p99AckMs: number };
  /** CPU seconds per process (nodes by name, redis, haproxy) during the fan-out rounds and during the burst. */
  cpu: { fanout: Record<string, number>; burst: Record<string, number> };
}

export async function measureNodes(o: {
  nodes: number; students: number; workers: ChildProcess[]; databaseUrl: string; rounds: number;
  share: (i: number) => number; offsets: number[]; log: (...a: unknown[]) => void;
}): Promise<NodesResult> {
  const cluster = await startCluster({ databaseUrl: o.databaseUrl, nodes: o.nodes, env: { LIVELAB_BENCH: "1", NODE_ENV: "production", LOG_LEVEL: "warn", METRICS: "1" }, nodeFlags: ["--expose-gc"] });
  const db = new pg.Client({ connectionString: o.databaseUrl });
  await db.connect();
  let teacher: Socket | null = null;
  try {
    const cpuNow = () => Object.fromEntries(Object.entries(cluster.pids()).map(([k, pid]) => [k, cpuSeconds(pid)]));
    const cpuSince = (t0: Record<string, number>) => Object.fromEntries(Object.entries(cpuNow()).map(([k, v]) => [k, Math.round((v - t0[k]) * 100) / 100]));
    const created = await (await signUpTeacher(cluster.url)).createSession();
    teacher = io(cluster.url, { transports: ["websocket"], forceNew: true });
    const t = teacher;
    const tcall = (event: string, payload: unknown) => new Promise<{ ok: boolean }>((r) => t.emit(event, payload, r));
    await new Promise<void>((r) => t.once("connect", () => r()));
    await tcall("host:attach", { sessionId: created.sessionId, hostSecret: created.hostSecret });

    o.log(`nodes: join storm, ${o.students} students through HAProxy onto ${o.nodes} nodes…`);
    const t0 = Date.now();
    await all(o.workers, (i) => ({ cmd: "join", url: cluster.url, code: created.code, count: o.share(i), offset: o.offsets[i] }), "joined");
    const joinSeconds = (Date.now() - t0) / 1000;
    await sleep(1000);
    const socketsPerNode: Record<string, number> = {};
    for (const n of cluster.nodes) socketsPerNode[n.name] = Number(/^livelab_connected_sockets (\d+)/m.exec(await (await fetch(`${n.url}/metrics`)).text())?.[1] ?? NaN);
    const owner = (await db.query<{ ownerNode: string }>(`SELECT "ownerNode" FROM "ClassSession" WHERE id = $1`, [created.sessionId])).rows[0].ownerNode;

    o.log("nodes: fan-out…");
    const fan: number[] = [];
    const fanCpu0 = cpuNow();
    for (let round = 0; round < o.rounds; round++) {
      await all(o.workers, () => ({ cmd: "armFanout" }), "armed");
      await tcall("activity:goto", { index: round % 2 === 0 ? 3 : 4 });
      await sleep(1000);
      fan.push(...(await all<{ latencies: number[] }>(o.workers, () => ({ cmd: "collectFanout" }), "fanout")).flatMap((f) => f.latencies));
    }
    const fanoutCpu = cpuSince(fanCpu0);
    await tcall("question:open", { questionId: "l2-decay-factor" });
    await sleep(1500);

    o.log("nodes: answer burst…");
    const burstCpu0 = cpuNow();
    const burst = await all<{ sent: number; acked: number; acks: number[] }>(o.workers, () => ({ cmd: "burst", questionId: "l2-decay-factor" }), "burst");
    const burstCpu = cpuSince(burstCpu0);
    await sleep(500);
    const stored = ((await (await fetch(`${cluster.nodes[0].url}/api/bench/metrics?session=${created.sessionId}`)).json()) as { data: { responses: number; duplicates: number } }).data;
    await all(o.workers, () => ({ cmd: "close" }), "closed");
    const acks = burst.flatMap((b) => b.acks);
    return {
      nodes: o.nodes, socketsPerNode, owner,
      join: { seconds: joinSeconds },
      fanout: { p50Ms: pct(fan, 50), p99Ms: pct(fan, 99), maxMs: Math.max(...fan), received: fan.length, rounds: o.rounds },
      burst: { sent: burst.reduce((a, b) => a + b.sent, 0), acked: burst.reduce((a, b) => a + b.acked, 0), persisted: stored.responses, duplicates: stored.duplicates, p50AckMs: pct(acks, 50), p99AckMs: pct(acks, 99) },
      cpu: { fanout: fanoutCpu, burst: burstCpu },
    };
  } finally {
    teacher?.disconnect();
    await db.end();
    await cluster.stop();
  }
}
