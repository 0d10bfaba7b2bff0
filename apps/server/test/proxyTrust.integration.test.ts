/**
 * Behind a proxy or not (docs/DEPLOY.md): forwarded headers are believed only from TRUST_PROXY's
 * proxies — for the sign-in rate limit, for sockets and for the logs — and sign-in cookies are
 * Secure exactly when the page is served over https. (Findings 12.1 and 12.2 of the
 * hardening run: 13 wrong sign-ins with a new X-Forwarded-For each were never limited.)
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Server } from "socket.io";
import { io as ioClient } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, compileTrustProxy } from "../src/http/proxyTrust.ts";
import { signUpTeacher, startServer, testDatabase, type RunningServer, type TestDatabase } from "./helpers.ts";

let running: { server: RunningServer; tdb: TestDatabase } | null = null;
afterEach(async () => {
  await running?.server.stop();
  await running?.tdb.drop();
  running = null;
});

/**
 * A LiveLab server on PGlite logging to `lines`; the auth rate limit on (as under npm start)
 * for the tests about it. (Better Auth keeps its counters per process, not per server.)
 */
async function start(options: { trustProxy?: string; publicUrl?: string; authRateLimit?: boolean } = {}): Promise<{ url: string; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  const tdb = await testDatabase("pglite");
  const server = await startServer(tdb, { log: pino({ level: "info" }, sink), ...options });
  running = { server, tdb };
  return { url: server.url, lines };
}

const signIn = (url: string, email: string, headers: Record<string, string>) =>
  fetch(`${url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: url, ...headers }, body: JSON.stringify({ email, password: "wrong password!" }) });

const forwardedFrom = (i: number) => ({ "x-forwarded-for": `203.0.113.${i + 1}` });

describe("forwarded headers and the sign-in rate limit", () => {
  it("without TRUST_PROXY, a new X-Forwarded-For per attempt does not escape the limit: 13 wrong sign-ins end in 429", async () => {
    const { url } = await start({ authRateLimit: true });
    const teacher = await signUpTeacher(url);
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await signIn(url, teacher.email, forwardedFrom(i))).status);
    // All 13 come from one address (the header is not believed): after 5 wrong passwords for this
    // account from this address, the per-account limit answers 429 (docs/SECURITY.md).
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statuses.slice(5)).toEqual(Array(8).fill(429));
  });

  it("with TRUST_PROXY=loopback, the proxy's X-Forwarded-For is each client's own address", async () => {
    const { url, lines } = await start({ trustProxy: "loopback", authRateLimit: true });
    const teacher = await signUpTeacher(url);
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await signIn(url, teacher.email, forwardedFrom(i))).status);
    expect(statuses).toEqual(Array(13).fill(401));
    // One client behind the proxy is still limited.
    for (let i = 0; i < 10; i++) await signIn(url, teacher.email, forwardedFrom(99));
    expect((await signIn(url, teacher.email, forwardedFrom(99))).status).toBe(429);
    // The request log names the forwarded client, with a request id.
    const logged = lines.filter((l) => (l.req as { url?: string } | undefined)?.url === "/api/auth/sign-in/email");
    expect(logged.map((l) => l.client)).toContain("203.0.113.100");
    expect((logged[0].req as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs, and records on the sign-in session, the socket's own address when no proxy is trusted", async () => {
    const { url, lines } = await start();
    await fetch(`${url}/api/lessons`, { headers: forwardedFrom(7) });
    const line = lines.find((l) => (l.req as { url?: string } | undefined)?.url === "/api/lessons");
    expect(line?.client).toBe("127.0.0.1");
    const res = await fetch(`${url}/api/auth/sign-up/email`, {
      method: "POST", headers: { "content-type": "application/json", origin: url, ...forwardedFrom(8), "x-livelab-client-address": "192.0.2.1" },
      body: JSON.stringify({ email: "spoof@school.test", password: "a long password", name: "S" }),
    });
    expect(res.status).toBe(200);
    const sessions = await running!.server.db.prisma.authSession.findMany({ select: { ipAddress: true } });
    expect(sessions.map((s) => s.ipAddress)).toEqual(["127.0.0.1"]);
  });
});

describe("Secure sign-in cookies exactly over https", () => {
  const cookieOf = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/auth/sign-up/email`, {
      method: "POST", headers: { "content-type": "application/json", origin: url, ...headers },
      body: JSON.stringify({ email: `t${Date.now()}${Math.random()}@school.test`, password: "a long password", name: "T" }),
    });
    expect(res.status).toBe(200);
    return res.headers.getSetCookie().find((c) => c.includes("session_token"))!;
  };

  it("plain http (a LAN address under npm start): not Secure, so the browser keeps it", async () => {
    const { url } = await start();
    expect(await cookieOf(url)).not.toMatch(/;\s*Secure/i);
    // A client's own X-Forwarded-Proto is not believed either.
    expect(await cookieOf(url, { "x-forwarded-proto": "https" })).not.toMatch(/;\s*Secure/i);
  });

  it("https at a trusted proxy (X-Forwarded-Proto), or the host of an https PUBLIC_URL: Secure", async () => {
    const { url } = await start({ trustProxy: "loopback" });
    expect(await cookieOf(url, { "x-forwarded-proto": "https" })).toMatch(/;\s*Secure/i);
    expect(await cookieOf(url)).not.toMatch(/;\s*Secure/i);
    await running!.server.stop();
    await running!.tdb.drop();
    running = null;
    const host = await start({ publicUrl: "https://127.0.0.1" });
    // The proxy for https://127.0.0.1 keeps the Host header; straight to LiveLab's port is plain http.
    expect(await cookieOf(host.url)).not.toMatch(/;\s*Secure/i);
    expect(await signUpWithHost(host.url, "127.0.0.1")).toMatch(/;\s*Secure/i);
  });
});

/** A sign-up whose Host header is `host` (fetch cannot set Host), returning its session cookie. */
function signUpWithHost(url: string, host: string): Promise<string> {
  const body = JSON.stringify({ email: `h${Date.now()}@school.test`, password: "a long password", name: "T" });
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/auth/sign-up/email`, { method: "POST", headers: { host, origin: `https://${host}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      if (res.statusCode !== 200) return reject(new Error(`sign-up: ${res.statusCode}`));
      resolve((res.headers["set-cookie"] ?? []).find((c) => c.includes("session_token")) ?? "");
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("socket client addresses", () => {
  it("come from X-Forwarded-For only through a trusted proxy, on WebSocket and polling", async () => {
    const http = createServer();
    const io = new Server(http);
    const seen: Record<string, string> = {};
    const trusted = compileTrustProxy("loopback");
    const nobody = compileTrustProxy(undefined);
    io.on("connection", (s) => {
      seen[`${s.handshake.query.tag}`] = `${clientAddress(s.request, trusted)} ${clientAddress(s.request, nobody)}`;
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    for (const transport of ["websocket", "polling"] as const) {
      const c = ioClient(url, { transports: [transport], forceNew: true, reconnection: false, query: { tag: transport }, extraHeaders: { "x-forwarded-for": "198.51.100.9" } });
      await new Promise<void>((r, j) => { c.once("connect", r); c.once("connect_error", j); });
      c.disconnect();
    }
    expect(seen).toEqual({ websocket: "198.51.100.9 127.0.0.1", polling: "198.51.100.9 127.0.0.1" });
    await new Promise<void>((r) => io.close(() => r()));
  });
});
