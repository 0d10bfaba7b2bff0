/**
 * A simulated phone for multi-node tests: a real socket.io-client that behaves like the web
 * app's student page — it reconnects by itself, resumes its seat on every connect, and sends an
 * answer again (same idempotency key) until the server acknowledges it.
 */
import type { Ack, AnswerAck, ServerEvents } from "@livelab/core/protocol";
import { io as ioClient, type Socket } from "socket.io-client";

const RETRYABLE = new Set(["TIMEOUT", "STORAGE_UNAVAILABLE", "RATE_LIMITED", "INTERNAL"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Phone {
  readonly socket: Socket;
  resumeToken = "";
  participantId = "";
  sessionId = "";
  /** Every message received, in order. */
  readonly received: { event: string; payload: unknown; at: number }[] = [];
  /** Successful resumes, and connects the server recovered without one (connection state recovery). */
  resumes = 0;
  recoveredConnects = 0;
  disconnects = 0;

  /** Set when this connection is a teacher's: it attaches again on every connect. */
  private host: { sessionId: string; hostSecret: string } | null = null;

  /**
   * `node` pins the phone to one node behind HAProxy with the balancer's sticky cookie, as a
   * browser that already got the cookie is; `polling` uses long polling only (with a cookie jar);
   * `cookie`: more cookies the phone sends (a class roster student's device cookie).
   */
  constructor(url: string, opts: { node?: string; polling?: boolean; cookie?: string } = {}) {
    const cookie = [opts.node ? `LIVELAB_NODE=${opts.node}` : "", opts.cookie ?? ""].filter(Boolean).join("; ");
    this.socket = ioClient(url, {
      transports: opts.polling ? ["polling"] : ["websocket"], withCredentials: opts.polling, forceNew: true,
      reconnectionDelay: 300, reconnectionDelayMax: 1500, timeout: 10_000,
      extraHeaders: cookie ? { cookie } : undefined,
    });
    this.socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload, at: Date.now() }));
    this.socket.on("disconnect", () => this.disconnects++);
    this.socket.on("connect", () => {
      if (this.socket.recovered) this.recoveredConnects++;
      if (this.resumeToken) void this.resume();
      if (this.host) void this.attachHost();
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("connect", () => resolve()));
  }

  call<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
    return new Promise((resolve) => {
      (this.socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, r: Ack<T>) => void): void })
        .emit(event, payload, (err, r) => resolve(err ? { ok: false, error: { code: "TIMEOUT", message: "no ack" } } : r));
    });
  }

  /** Attach as the session's teacher (again after every reconnect), retrying while the class moves. */
  async attachHost(host = this.host!, deadline = Date.now() + 30_000): Promise<boolean> {
    this.host = host;
    await this.connected();
    while (Date.now() < deadline && this.socket.connected) {
      const r = await this.call("host:attach", host);
      if (r.ok) return true;
      if (!RETRYABLE.has(r.error.code)) throw new Error(`host:attach: ${r.error.code} ${r.error.message}`);
      await sleep(500);
    }
    return false;
  }

  /** A teacher command, retried while the class moves to another node. */
  async command(event: string, payload: unknown, deadline = Date.now() + 30_000): Promise<void> {
    while (Date.now() < deadline) {
      const r = this.socket.connected ? await this.call(event, payload) : { ok: false as const, error: { code: "TIMEOUT", message: "offline" } };
      if (r.ok) return;
      if (!RETRYABLE.has(r.error.code) && r.error.code !== "FORBIDDEN") throw new Error(`${event}: ${r.error.code} ${r.error.message}`);
      await sleep(400);
    }
    throw new Error(`${event}: not carried out in time`);
  }

  async join(code: string, nickname: string): Promise<void> {
    await this.connected();
    const r = await this.call<{ participantId: string; resumeToken: string; sessionId: string }>("session:join", { code, nickname });
    if (!r.ok) throw new Error(`join ${nickname}: ${r.error.code} ${r.error.message}`);
    Object.assign(this, { participantId: r.data.participantId, resumeToken: r.data.resumeToken, sessionId: r.data.sessionId });
  }

  /** What the web app does on every connect: resume the stored seat, retrying while the class moves. */
  async resume(deadline = Date.now() + 30_000): Promise<boolean> {
    while (Date.now() < deadline && this.socket.connected) {
      const r = await this.call<{ participantId: string }>("session:resume", { resumeToken: this.resumeToken });
      if (r.ok) {
        this.resumes++;
        return true;
      }
      if (!RETRYABLE.has(r.error.code)) return false;
      await sleep(500);
    }
    return false;
  }

  /** Send until acknowledged (same key every time), as the web app's pending answers are. */
  async answer(questionId: string, answer: string, idempotencyKey: string, deadlineMs = 45_000): Promise<{ ack: AnswerAck | null; tries: number }> {
    const deadline = Date.now() + deadlineMs;
    let tries = 0;
    while (Date.now() < deadline) {
      if (!this.socket.connected) {
        await sleep(200);
        continue;
      }
      tries++;
      const r = await this.call<AnswerAck>("answer:submit", { questionId, answer, idempotencyKey }, 8000);
      if (r.ok) return { ack: r.data, tries };
      if (!RETRYABLE.has(r.error.code) && r.error.code !== "NOT_AUTHENTICATED") throw new Error(`answer refused: ${r.error.code} ${r.error.message}`);
      await sleep(400);
    }
    return { ack: null, tries };
  }

  messages<E extends keyof ServerEvents>(event: E): Parameters<ServerEvents[E]>[0][] {
    return this.received.filter((m) => m.event === event).map((m) => m.payload as never);
  }

  close(): void {
    this.socket.disconnect();
  }
}
