/**
 * A teacher on the school network opens http://<the laptop's name>:3000/teach under `npm start`
 * (NODE_ENV=production, no PUBLIC_URL): sign-up must leave them signed in. Before the fix the
 * sign-in cookie was Secure on plain http, so Chromium dropped it and every signed-in page
 * sent them back to sign in (hardening finding 12.1). The name resolves to 127.0.0.1 inside
 * Chromium only (--host-resolver-rules), so it is not localhost, which browsers treat as secure.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, shot, signUpTeacher, startLiveLab } from "./support.ts";

const LAN_NAME = "livelab.school.test";

describe("sign-in over plain http on a LAN name", () => {
  let server: Awaited<ReturnType<typeof startLiveLab>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveLab({ env: { PUBLIC_URL: undefined, HOST: "127.0.0.1" } });
    browser = await launchChromium([`--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sign-up, then signed-in pages (My sessions, /api/me) work", async () => {
    const url = `http://${LAN_NAME}:${server.port}`;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    await signUpTeacher(page, url); // ends on /teach, which sends anonymous visitors to sign in
    const cookies = await ctx.cookies(url);
    const session = cookies.find((c) => c.name.includes("session_token"));
    expect(session?.secure).toBe(false);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe("/teach");
    const me = await page.evaluate(async () => (await fetch("/api/me")).status);
    expect(me).toBe(200);
    await shot(page, "lan-http-signed-in-1280");
    await ctx.close();
  });
});
