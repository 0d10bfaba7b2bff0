import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

const root = fileURLToPath(new URL("../../..", import.meta.url));
export const SHOTS = fileURLToPath(new URL("./screenshots", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * A fresh database on the PostgreSQL at TEST_DATABASE_URL (null when it is not set), dropped by
 * the returned function: e2e tests that run on both backends use it.
 */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return null;
  const { default: pg } = await import("pg");
  const name = `livelab_e2e_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** The backends an e2e suite runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function e2eBackends(): ("pglite" | "postgres")[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** startLiveLab on a backend; a PostgreSQL database of its own is created and dropped with it. */
export async function startLiveLabOn(backend: "pglite" | "postgres"): Promise<Awaited<ReturnType<typeof startLiveLab>>> {
  if (backend === "pglite") return startLiveLab();
  const db = (await freshPostgres())!;
  const server = await startLiveLab({ databaseUrl: db.url });
  return { ...server, stop: async () => { await server.stop(); await db.drop(); } };
}

/** A real LiveLab server (built web app, fresh PGlite data, or `databaseUrl`) on a free loopback port. */
export async function startLiveLab(opts: { seed?: boolean; databaseUrl?: string; env?: Record<string, string | undefined> } = {}): Promise<{ url: string; port: number; seedOutput: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "livelab-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  // `npm run db:seed` before the server starts (PGlite is single-process: one opener at a time).
  const seedOutput = opts.seed
    ? execFileSync(process.execPath, ["--import", "tsx", join(root, "apps/server/src/tools/dbCli.ts"), "seed"], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: "warn" }, encoding: "utf8" })
    : "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(root, "apps/server/src/main.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: "warn", NODE_ENV: "production", LIVELAB_WEB: "prod", ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}), ...opts.env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("LiveLab did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    port,
    seedOutput,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Content-Security-Policy violations reported by any page of a browser from launchChromium:
 * the page's own `securitypolicyviolation` events and Chromium's "Refused to …" console errors.
 * Every browser test's flows run under the server's CSP (issue 12 (10)); `browser.close()`
 * fails the suite if a page reported one, so a script, style or connection the policy blocks
 * cannot go unnoticed. A test that provokes one on purpose takes it out with `takeCspViolations`.
 */
const cspViolations: string[] = [];

export function takeCspViolations(): string[] {
  return cspViolations.splice(0, cspViolations.length);
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const browser = await launchPlainChromium(extraArgs);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    await ctx.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
    });
    ctx.on("console", (m) => {
      if (m.type() === "error" && /CSP violation|Content Security Policy/.test(m.text())) cspViolations.push(`${m.page()?.url() ?? "?"}: ${m.text()}`);
    });
    return ctx;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    const seen = takeCspViolations();
    if (seen.length) throw new Error(`pages reported Content-Security-Policy violations:\n${seen.join("\n")}`);
  };
  return browser;
}

/** Chromium without the CSP watch (launchChromium adds it). */
export async function launchPlainChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      // The projector is a second tab of the teacher's browser here; on a real laptop it is its own window.
      "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows", ...extraArgs],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A student on their own phone (own browser context) joins with the code and a nickname. */
export async function joinOnPhone(browser: Browser, url: string, code: string, name: string): Promise<{ ctx: BrowserContext; page: Page; name: string }> {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${url}/join/${code}`);
  await page.getByLabel("Your nickname").fill(name);
  await page.getByRole("button", { name: "Join" }).click();
  await page.locator("header").getByText(name).waitFor();
  return { ctx, page, name };
}

/** The simulation step and weights hash a page shows (data-step / data-hash of its .sim). */
export async function simState(page: Page): Promise<{ step: number; hash: string; revision: number }> {
  return page.locator("section.sim").first().evaluate((el) => ({
    step: Number(el.getAttribute("data-step")),
    hash: el.getAttribute("data-hash") ?? "",
    revision: Number(el.getAttribute("data-revision")),
  }));
}

/** A screenshot of one part of a page (long pages are easier to look at piece by piece). */
export async function shotOf(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: join(SHOTS, `${name}.png`) });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

let accounts = 0;

/** Create a teacher account through the sign-up page; the browser ends on My sessions (/teach). */
export async function signUpTeacher(page: Page, url: string, name = "Ms Rivera"): Promise<{ email: string; password: string }> {
  const email = `teacher${Date.now()}-${accounts++}@school.test`;
  const password = "a long classroom password";
  await page.goto(`${url}/teach`);
  await page.waitForURL(/\/signin\?next=%2Fteach/); // anonymous: sent to sign in first
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/teach$/);
  return { email, password };
}

/**
 * A new teacher (1366×900) signs up and starts a class of the built-in lesson from My sessions:
 * the console page, the class's id and the join code its students type.
 */
export async function startClassAsNewTeacher(browser: Browser, url: string): Promise<{ teacher: Page; sessionId: string; code: string }> {
  const teacher = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  teacher.on("dialog", (d) => void d.accept());
  await signUpTeacher(teacher, url);
  await teacher.getByRole("button", { name: "Start a session" }).click();
  await teacher.waitForURL(/\/teach\/[\w-]+$/);
  const sessionId = teacher.url().split("/").pop()!;
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();
  return { teacher, sessionId, code };
}
