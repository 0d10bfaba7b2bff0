/**
 * Issue 12 in a real browser:
 * (7) `next=` after sign-in / sign-up went to another host for "/\t/evil.example" (browsers drop
 *     the tab: "//evil.example"); it is now parsed as a URL and only same-origin paths are kept.
 * (10) another site could frame the teacher console; now no page can be framed, and every page
 *     works under the Content-Security-Policy (this file's pages and every other browser test's
 *     run under launchChromium's violation watch, see support.ts).
 * Also what a teacher sees when the server refuses: a sign-up outside the school's allow-list,
 * and a 21st running class.
 */
import { createServer, type Server } from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, shot, signUpTeacher, startLiveLab, takeCspViolations } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let account: { email: string; password: string };
/** Requests the browser made to the other host (there must be none). */
const evilHits: string[] = [];
const isEvil = (url: URL) => url.hostname === "evil.example";

beforeAll(async () => {
  server = await startLiveLab({ env: { TEACHER_SIGNUP: "@school.test" } });
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await ctx.route(isEvil, (route) => {
    evilHits.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" });
  });
  page = await ctx.newPage();
  account = await signUpTeacher(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Sign out, open `path`, sign in with the form; where does the browser end up? */
async function signInVia(path: string): Promise<string> {
  // Leave the previous page first: a /teach page still loading would, once its cookie is gone,
  // send the browser to /signin?next=/teach and race the navigation below (seen once in CI).
  await page.goto("about:blank");
  await ctx.clearCookies();
  await page.goto(`${server.url}${path}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await page.waitForLoadState("domcontentloaded");
  return page.url();
}

describe("after sign-in and sign-up, next= stays on this site", () => {
  it("sign-up with next=/<TAB>/evil.example lands on My sessions", async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await fresh.route(isEvil, (route) => {
      evilHits.push(route.request().url());
      return route.fulfill({ status: 200, body: "evil" });
    });
    const p = await fresh.newPage();
    await p.goto(`${server.url}/signup?next=%2F%09%2Fevil.example`);
    await p.getByLabel("Your name").fill("Mr Okafor");
    await p.getByLabel("Email").fill(`okafor${Date.now()}@school.test`);
    await p.getByLabel("Password").fill("another long password");
    await p.getByRole("button", { name: "Create account" }).click();
    await p.waitForURL((u) => u.pathname !== "/signup");
    expect(new URL(p.url()).origin).toBe(server.url);
    expect(new URL(p.url()).pathname).toBe("/teach");
    expect(evilHits).toEqual([]);
    await fresh.close();
  });

  it("sign-in refuses every way out of the site and keeps a path on it", async () => {
    const attempts = [
      "%2F%09%2Fevil.example", // /<TAB>/evil.example
      "%2F%0A%2Fevil.example", // /<LF>/evil.example
      "%2F%5C%2Fevil.example", // /\/evil.example
      "%5C%5Cevil.example", // \\evil.example
      "%2F%2Fevil.example", // //evil.example
      "https%3A%2F%2Fevil.example%2Fteach", // an absolute URL
      "javascript%3Aalert(document.domain)",
    ];
    for (const next of attempts) {
      const landed = await signInVia(`/signin?next=${next}`);
      expect(landed, next).toBe(`${server.url}/teach`);
    }
    expect(evilHits).toEqual([]);
    // A path on this site, with its query and fragment, is kept.
    expect(await signInVia(`/signin?next=${encodeURIComponent("/teach?from=mail#top")}`)).toBe(`${server.url}/teach?from=mail#top`);
  });
});

describe("framing and the Content-Security-Policy", () => {
  let other: Server;
  let otherUrl = "";

  beforeAll(async () => {
    // Another origin (another port) that tries to frame LiveLab's pages.
    other = createServer((req, res) => {
      const target = new URL(req.url ?? "/", "http://x").searchParams.get("frame") ?? "/";
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>framer</title><iframe id="f" src="${server.url}${target}" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    otherUrl = `http://localhost:${(other.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => other.close(() => r()));
  });

  it("the console cannot be framed by another site, and still works on its own", async () => {
    await page.goto(`${server.url}/teach`);
    await page.getByRole("button", { name: "Start a session" }).click();
    await page.waitForURL(/\/teach\/[\w-]+$/);
    const consolePath = new URL(page.url()).pathname;
    await page.getByTestId("join-code").waitFor();
    const headers = (await page.request.get(page.url())).headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");

    const framer = await ctx.newPage();
    // Chromium: "Framing '…' violates the following Content Security Policy directive: "frame-ancestors 'none'"."
    const refused = framer.waitForEvent("console", (m) => m.text().includes("frame-ancestors 'none'"));
    await framer.goto(`${otherUrl}/?frame=${encodeURIComponent(consolePath)}`);
    await refused;
    const frame = framer.frames().find((f) => f !== framer.mainFrame())!;
    // Nothing of LiveLab rendered inside: Chromium shows its error page instead.
    expect(frame.url()).not.toContain(consolePath);
    expect(await frame.locator("[data-testid=join-code]").count()).toBe(0);
    await shot(framer, "security-framed-console-refused");
    await framer.close();
    // That refusal is the policy doing its job, not a page breaking under it.
    const seen = takeCspViolations();
    expect(seen.every((v) => v.startsWith(otherUrl) && /frame-ancestors/.test(v)), seen.join("\n")).toBe(true);
  });

  it("the violation watch every browser test runs under does see a violation", async () => {
    const p = await ctx.newPage();
    await p.goto(`${server.url}/signin`);
    // An image from another host: img-src 'self' refuses it, and the page reports that.
    const reported = p.waitForEvent("console", (m) => m.text().startsWith("CSP violation: img-src"));
    await p.evaluate(() => { const img = document.createElement("img"); img.src = "http://evil.example/pixel.png"; document.body.append(img); });
    await reported;
    const seen = takeCspViolations();
    expect(seen.some((v) => v.startsWith(`${server.url}/signin`) && v.includes("img-src blocked http://evil.example/pixel.png")), seen.join("\n")).toBe(true);
    expect(evilHits).toEqual([]); // blocked before any request left the browser
    await p.close();
  });

  it("a refused sign-up and a refused 21st class say why", async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const p = await fresh.newPage();
    await p.goto(`${server.url}/signup`);
    await p.getByLabel("Your name").fill("Someone");
    await p.getByLabel("Email").fill("someone@gmail.example");
    await p.getByLabel("Password").fill("a long enough password");
    await p.getByRole("button", { name: "Create account" }).click();
    await p.getByText(/school's email addresses/).waitFor();
    await shot(p, "security-signup-refused");
    await fresh.close();

    // 20 classes running already (started through the API with this browser's cookie).
    await page.goto(`${server.url}/teach`);
    for (let i = 0; i < 19; i++) {
      const r = await page.request.post(`${server.url}/api/sessions`, { headers: { origin: server.url, "content-type": "application/json" }, data: {} });
      expect(r.status()).toBe(201);
    }
    await page.reload();
    await page.getByRole("button", { name: "Start a session" }).first().click();
    await page.getByText(/you already have 20 classes running; end one before starting another/).waitFor();
    await shot(page, "security-session-limit");
  });
});
