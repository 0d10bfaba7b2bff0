/**
 * One load-generator process: simulates `count` students with real socket.io-clients and
 * reports measurements to the coordinator (bench/load.ts) over IPC. Several of these run at
 * once so the generator measures the server, not itself.
 */
import { io, type Socket } from "socket.io-client";
import { stepAt, type Timeline } from "@livelab/core/timeline";

interface Student {
  socket: Socket;
  token: string;
  timeline: Timeline | null;
  prompt: string | null;
  bytes: number;
  fanoutArmed: boolean;
  fanoutMs: number | null;
}

const students: Student[] = [];
let url = "";
let messages = 0;
/** Size (JSON characters) of the last message that ended a fan-out measurement. */
let fanoutBytes = 0;
const send = (m: unknown) => process.send?.(m);

function connect(target: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(target, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 30_000 });
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

function call<T>(s: Socket, event: string, payload: unknown): Promise<{ ok: boolean; data?: T; error?: { code: string } }> {
  return new Promise((resolve) => s.timeout(30_000).emit(event, payload, (err: Error | null, r: never) => resolve(err ? { ok: false, error: { code: "TIMEOUT" } } : r)));
}

function wire(st: Student): void {
  st.socket.onAny((event: string, payload: unknown) => {
    messages++;
    st.bytes += JSON.stringify(payload ?? null).length;
    if (event === "session:state" || event === "bare:state") {
      const p = payload as { serverTime: number; timeline?: Timeline | null };
      if (p.timeline !== undefined) st.timeline = p.timeline;
      if (st.fanoutArmed) {
        st.fanoutArmed = false;
        st.fanoutMs = Date.now() - p.serverTime;
        fanoutBytes = JSON.stringify(payload).length;
      }
    }
    if (event === "question:opened") st.prompt = (payload as { view: { prompt: string } } | null)?.view.prompt ?? null;
  });
}

process.on("message", async (m: { cmd: string; [k: string]: unknown }) => {
  if (m.cmd === "join") {
    url = m.url as string;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: m.count as number }, async (_, i) => {
      const socket = await connect(url);
      const st: Student = { socket, token: "", timeline: null, prompt: null, bytes: 0, fanoutArmed: false, fanoutMs: null };
      wire(st);
      const r = await call<{ resumeToken: string }>(socket, "session:join", { code: m.code, nickname: `S${(m.offset as number) + i}` });
      if (!r.ok) throw new Error(`join failed: ${JSON.stringify(r.error)}`);
      st.token = r.data!.resumeToken;
      students.push(st);
    }));
    send({ cmd: "joined", ms: Date.now() - t0, messages });
  } else if (m.cmd === "connectBare") {
    url = m.url as string;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: m.count as number }, async () => {
      const socket = await connect(m.url as string);
      const st: Student = { socket, token: "", timeline: null, prompt: null, bytes: 0, fanoutArmed: false, fanoutMs: null };
      wire(st);
      students.push(st);
    }));
    send({ cmd: "connected", ms: Date.now() - t0 });
  } else if (m.cmd === "armFanout") {
    for (const s of students) { s.fanoutArmed = true; s.fanoutMs = null; }
    // Collect this generator's garbage first (the join storm leaves plenty), so a GC pause
    // here is not counted as the server's fan-out latency. Done the same for the baseline.
    (globalThis as { gc?: () => void }).gc?.();
    send({ cmd: "armed" });
  } else if (m.cmd === "collectFanout") {
    send({ cmd: "fanout", bytes: fanoutBytes, latencies: students.map((s) => s.fanoutMs).filter((x): x is number => x !== null) });
  } else if (m.cmd === "burst") {
    const acks: number[] = [];
    let sent = 0;
    let acked = 0;
    await Promise.all(students.map(async (s, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      const eta = Number(/\\eta = ([\d.]+)/.exec(s.prompt ?? "")?.[1] ?? 0.1);
      const lambda = Number(/\\lambda = ([\d.]+)/.exec(s.prompt ?? "")?.[1] ?? 0.01);
      const payload = { questionId: m.questionId, answer: String(1 - 2 * eta * lambda), idempotencyKey: `bench-${process.pid}-${i}-00000000` };
      const once = async () => {
        sent++;
        const t0 = Date.now();
        const r = await call(s.socket, "answer:submit", payload);
        if (r.ok) { acked++; acks.push(Date.now() - t0); }
      };
      // 10 % of phones resend (a retry after a flaky moment): the same key, twice.
      await (i % 10 === 0 ? Promise.all([once(), once()]) : once());
    }));
    send({ cmd: "burst", sent, acked, acks });
  } else if (m.cmd === "simStart") {
    for (const s of students) s.bytes = 0;
    send({ cmd: "simStarted" });
  } else if (m.cmd === "simSample") {
    const now = Date.now();
    send({ cmd: "simSample", steps: students.map((s) => (s.timeline ? stepAt(s.timeline, now) : -1)) });
  } else if (m.cmd === "simStop") {
    send({ cmd: "simBytes", bytes: students.map((s) => s.bytes) });
  } else if (m.cmd === "reconnect") {
    for (const s of students) s.socket.disconnect();
    const t0 = Date.now();
    let ok = 0;
    await Promise.all(students.map(async (s) => {
      s.socket = await connect(url);
      wire(s);
      const r = await call(s.socket, "session:resume", { resumeToken: s.token });
      if (r.ok) ok++;
    }));
    send({ cmd: "reconnected", ms: Date.now() - t0, ok });
  } else if (m.cmd === "reconnectBare") {
    // The baseline's reconnect storm: every connection cut at once, then opened again.
    for (const s of students) s.socket.disconnect();
    const t0 = Date.now();
    await Promise.all(students.map(async (s) => {
      s.socket = await connect(url);
      wire(s);
    }));
    send({ cmd: "reconnectedBare", ms: Date.now() - t0 });
  } else if (m.cmd === "close") {
    for (const s of students) s.socket.disconnect();
    students.length = 0;
    send({ cmd: "closed" });
  }
});
send({ cmd: "ready" });
