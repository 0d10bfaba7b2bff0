/**
 * LiveLab behind the documented reverse proxy (deploy/Caddyfile, the docker compose `https`
 * profile), with Debian's Caddy terminating TLS with its own certificate authority
 * (LIVELAB_TLS=internal) and LiveLab trusting it (TRUST_PROXY=loopback): a teacher signs up
 * over https and gets a Secure cookie, the join link is the https PUBLIC_URL, a phone joins
 * through the proxy (Socket.IO's WebSocket upgrade), and /metrics is not reachable from outside.
 * Skipped without Caddy locally; .ci/run installs it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, launchChromium, PHONE, shot, signUpTeacher, startLiveLab } from "./support.ts";

const caddy = spawnSync("sh", ["-c", "command -v caddy"], { encoding: "utf8" }).stdout.trim();
if (!caddy && process.env.CI === "true") throw new Error("CI needs caddy for the https proxy test (.ci/run installs it)");
const caddyfile = fileURLToPath(new URL("../../../deploy/Caddyfile", import.meta.url));
const NAME = "livelab.school.test";

describe.skipIf(!caddy)("https through the documented Caddy proxy", () => {
  let server: Awaited<ReturnType<typeof startLiveLab>>;
  let proxy: ChildProcess;
  let browser: Browser;
  let url: string;
  const caddyHome = mkdtempSync(join(tmpdir(), "livelab-caddy-"));

  beforeAll(async () => {
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    url = `https://${NAME}:${httpsPort}`;
    server = await startLiveLab({ env: { PUBLIC_URL: url, TRUST_PROXY: "loopback", METRICS: "1" } });
    proxy = spawn(caddy, ["run", "--config", caddyfile, "--adapter", "caddyfile"], {
      env: {
        ...process.env, HOME: caddyHome, XDG_DATA_HOME: join(caddyHome, "data"), XDG_CONFIG_HOME: join(caddyHome, "config"),
        LIVELAB_HOST: `${NAME}:${httpsPort}`, LIVELAB_TLS: "internal", LIVELAB_UPSTREAM: `127.0.0.1:${server.port}`,
        CADDY_ADMIN: "off", CADDY_HTTP_PORT: String(httpPort), CADDY_HTTPS_PORT: String(httpsPort),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    proxy.stderr!.on("data", (d: Buffer) => { log += d.toString(); });
    browser = await launchChromium([`--host-resolver-rules=MAP ${NAME} 127.0.0.1`]);
    // Caddy is up when it answers over TLS (its own CA's certificate, accepted by this test only).
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await ctx.newPage();
    for (let i = 0; ; i++) {
      const ok = await page.goto(`${url}/healthz`).then((r) => r?.ok(), () => false);
      if (ok) break;
      if (i > 100 || proxy.exitCode !== null) throw new Error(`Caddy did not serve LiveLab:\n${log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await ctx.close();
  });
  afterAll(async () => {
    await browser?.close();
    if (proxy && proxy.exitCode === null) {
      proxy.kill("SIGTERM");
      await new Promise((r) => proxy.once("exit", r));
    }
    await server?.stop();
    if (existsSync(caddyHome)) rmSync(caddyHome, { recursive: true, force: true });
  });

  it("signs a teacher in with a Secure cookie, links the https address, and a phone joins through the proxy", async () => {
    const teacherCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, ignoreHTTPSErrors: true });
    const page = await teacherCtx.newPage();
    await signUpTeacher(page, url);
    const cookie = (await teacherCtx.cookies(url)).find((c) => c.name.includes("session_token"));
    expect(cookie?.secure).toBe(true);
    const created = await page.evaluate(async () => {
      const r = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      return (await r.json()) as { data: { code: string; joinUrl: string } };
    });
    expect(created.data.joinUrl).toBe(`${url}/join/${created.data.code}`);
    const phone = await browser.newContext({ ...PHONE, ignoreHTTPSErrors: true });
    const phonePage = await phone.newPage();
    const sockets: string[] = [];
    phonePage.on("websocket", (ws) => sockets.push(ws.url()));
    await phonePage.goto(`${url}/join/${created.data.code}`);
    await phonePage.getByLabel("Your nickname").fill("Noor");
    await phonePage.getByRole("button", { name: "Join" }).click();
    await phonePage.locator("header").getByText("Noor").waitFor();
    await phonePage.getByText("Connected").waitFor();
    expect(sockets.some((u) => u.startsWith(`wss://${NAME}:`) && u.includes("/socket.io/"))).toBe(true);
    await shot(phonePage, "https-proxy-joined-phone-390");
    // Behind the proxy, the Prometheus endpoint is for the inside only.
    expect(await page.evaluate(async () => (await fetch("/metrics")).status)).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
    await phone.close();
    await teacherCtx.close();
  });
});
