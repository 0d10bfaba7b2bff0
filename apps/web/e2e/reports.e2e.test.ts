/**
 * After class, in a real browser: a teacher signs up, runs a mini class with two phones,
 * ends it, opens the report and downloads the CSV; another teacher cannot see it.
 */
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOnPhone, launchChromium, shot, shotOf, SHOTS, signUpTeacher, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let teacherCtx: BrowserContext;
let teacher: Page;
let sessionId = "";
const phones: Page[] = [];

beforeAll(async () => {
  server = await startLiveLab({ seed: true });
  browser = await launchChromium();
  teacherCtx = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  teacher = await teacherCtx.newPage();
  teacher.on("dialog", (d) => void d.accept());
});

/** The demo teacher's login and report address, as `npm run db:seed` printed them. */
function demoLogin(): { email: string; password: string; reportPath: string } {
  const out = server.seedOutput;
  return { email: /email:\s+(\S+)/.exec(out)![1], password: /password:\s+(\S+)/.exec(out)![1], reportPath: new URL(/report:\s+(\S+)/.exec(out)![1]).pathname };
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("teacher accounts and the class report", () => {
  it("sign up, start a class, two phones answer, end it", async () => {
    await signUpTeacher(teacher, server.url, "Ms Rivera");
    await teacher.getByText("No sessions yet").waitFor();
    await shot(teacher, "report-01-my-sessions-empty");
    await teacher.getByRole("button", { name: "Start a session" }).click();
    await teacher.waitForURL(/\/teach\/[\w-]+$/);
    sessionId = teacher.url().split("/").pop()!;
    const code = (await teacher.getByTestId("join-code").textContent())!.trim();

    for (const name of ["Ada, \"the first\"", "=Grace"]) phones.push((await joinOnPhone(browser, server.url, code, name)).page);

    // The warm-up question: one right, one wrong.
    await teacher.locator('[data-question="warmup-overfitting"]').getByRole("button", { name: "Open", exact: true }).click();
    await phones[0].getByRole("radio", { name: /overfitting: it is learning quirks/ }).check();
    await phones[1].getByRole("radio", { name: /underfitting/ }).check();
    for (const p of phones) {
      await p.getByRole("button", { name: "Send answer" }).click();
      await p.getByText("Answer saved").waitFor();
    }
    await teacher.getByRole("button", { name: "End session" }).click();
    await teacher.getByRole("link", { name: "Open the report →" }).waitFor();
  });

  it("the report shows what was answered; the CSV downloads with safe cells", async () => {
    await teacher.getByRole("link", { name: "Open the report →" }).click();
    await teacher.waitForURL(new RegExp(`/teach/reports/${sessionId}$`));
    await teacher.getByRole("heading", { name: "Questions", exact: true }).waitFor();
    const overview = await teacher.locator(".stats").innerText();
    expect(overview).toMatch(/2\s+students/);
    expect(overview).toMatch(/1\s+questions asked/);
    // The warm-up is worth 0 points: it has a correct rate (50 %), but no graded question was asked.
    expect(overview).toMatch(/—\s+average correct/);
    expect(await teacher.locator("#q-warmup-overfitting").innerText()).toMatch(/50%\s+correct \(1 of 2\)/);
    await teacher.getByRole("table", { name: "students" }).getByRole("rowheader", { name: "=Grace" }).waitFor();
    expect(await teacher.getByRole("table", { name: "students" }).getByRole("row").count()).toBe(3);
    await shot(teacher, "report-02-class-report");

    const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("link", { name: "Download answers (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^livelab-[A-Z0-9]+-\d{4}-\d{2}-\d{2}-responses\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFSession code,Student,Student ID,")).toBe(true);
    expect(csv).toContain("\"Ada, \"\"the first\"\"\""); // quoted, quotes doubled
    expect(csv).toContain(",'=Grace,"); // a formula-leading nickname is made text
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(3); // header + 2 answers

    const axe = await new AxeBuilder({ page: teacher }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });

  it("My sessions lists the class; another teacher cannot open its report", async () => {
    await teacher.goto(`${server.url}/teach`);
    const row = teacher.getByRole("table", { name: "your live sessions" }).getByRole("row").nth(1);
    await row.getByRole("link", { name: "Report" }).waitFor();
    expect(await row.innerText()).toMatch(/\t2\t2\tended/); // 2 students, 2 answers
    await shot(teacher, "report-03-my-sessions");

    const otherCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await otherCtx.newPage();
    await signUpTeacher(other, server.url, "Mr Other");
    await other.goto(`${server.url}/teach/reports/${sessionId}`);
    await other.getByRole("heading", { name: "Report not found" }).waitFor();
    await shot(other, "report-04-other-teacher-not-found");

    const anonCtx = await browser.newContext();
    const anon = await anonCtx.newPage();
    await anon.goto(`${server.url}/teach/reports/${sessionId}`);
    await anon.waitForURL(/\/signin\?next=/);
    await anon.getByRole("heading", { name: "Teacher sign-in" }).waitFor();
    await shot(anon, "report-05-sign-in");
    await otherCtx.close();
    await anonCtx.close();
  });

  it("the teacher deletes the class", async () => {
    await teacher.getByRole("button", { name: /^Delete the session/ }).click();
    await teacher.getByText("No sessions yet").waitFor();
    const res = await teacher.request.get(`${server.url}/api/sessions/${sessionId}/report`);
    expect(res.status()).toBe(404);
  });

  it("the seeded demo class: sign in with the printed login and read a full report", async () => {
    const { email, password, reportPath } = demoLogin();
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}${reportPath}`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(new RegExp(`${reportPath}$`)); // back where the link pointed
    await page.getByRole("heading", { name: "Class experiments" }).waitFor();
    expect(await page.locator(".stats").innerText()).toMatch(/24\s+students/);
    const plotted = Number(await page.locator("canvas[data-points]").getAttribute("data-points"));
    expect(plotted).toBeGreaterThan(15);
    expect(await page.getByRole("table", { name: "students" }).getByRole("row").count()).toBe(25);
    // A question links to its worked solution, which opens.
    const first = page.locator("article").filter({ has: page.getByRole("link", { name: "Worked solution ↓" }) }).first();
    await first.getByRole("link", { name: "Worked solution ↓" }).click();
    expect(await first.locator("details.solution").getAttribute("open")).not.toBeNull();
    await shot(page, "report-06-demo-class");
    await shotOf(page.locator("article").filter({ has: page.locator("table.mistakes") }).first(), "report-07-demo-question-with-mistakes");
    await shotOf(page.locator("article").filter({ has: page.getByLabel("short-text answers") }).first(), "report-08-demo-short-texts");
    await shotOf(page.locator("section").filter({ has: page.getByRole("heading", { name: "Students", exact: true }) }), "report-09-demo-students");
    await shotOf(page.locator("section").filter({ has: page.getByRole("heading", { name: "Class experiments" }) }), "report-10-demo-experiment");
    await ctx.close();
  });
  it("the demo report fits a 1,366 × 768 laptop and prints on A4 portrait without cut columns", async () => {
    const { email, password, reportPath } = demoLogin();
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}${reportPath}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Class experiments" }).waitFor();
    await page.getByRole("heading", { name: "What next" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "report-11-laptop-1366-first-screen.png") });
    await shot(page, "report-12-laptop-1366-full");
    await shotOf(page.locator("section.what-next"), "report-13-what-next");

    // Nothing wider than the window: only the student grid scrolls, inside its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    const box = page.locator(".students-scroll");
    const fits = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(fits.right).toBeLessThanOrEqual(1366);
    // The names stay at the left edge of the box when it is scrolled sideways.
    await box.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    const held = await page.evaluate(() => {
      const b = document.querySelector(".students-scroll")!.getBoundingClientRect();
      const name = document.querySelector(".students-grid tbody th")!.getBoundingClientRect();
      return { box: b.left, name: name.left };
    });
    expect(Math.abs(held.name - held.box)).toBeLessThanOrEqual(2);
    await shotOf(box, "report-14-students-scrolled");

    // Print: A4 portrait. At the printable width (210 mm − 2 × 12 mm ≈ 703 px) nothing sticks out.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 703, height: 1000 });
    const overflow = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>("main *")) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > window.innerWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}`);
      }
      return out.slice(0, 5);
    });
    expect(overflow).toEqual([]);
    expect(await page.locator(".students-print").count()).toBeGreaterThan(0);
    const pdf = join(SHOTS, "report-demo-a4.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    // Pages as images to look at, where poppler's pdftoppm is installed.
    if (existsSync("/usr/bin/pdftoppm")) {
      execFileSync("/usr/bin/pdftoppm", ["-png", "-r", "60", pdf, join(SHOTS, "report-demo-a4-page")]);
      expect(readdirSync(SHOTS).filter((f) => f.startsWith("report-demo-a4-page")).length).toBeGreaterThan(1);
    }

    // Back on screen: the threshold is the teacher's, and a higher one lists more students.
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1366, height: 768 });
    const helped = page.getByRole("list", { name: "students who may need help" }).getByRole("listitem");
    const before = await helped.count();
    await page.getByLabel("help threshold in percent").fill("90");
    await expect.poll(() => helped.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    await ctx.close();
  });
  it("across classes: the demo teacher runs a second section, ticks both in My sessions and sees them side by side", async () => {
    const { email, password } = demoLogin();
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${server.url}/teach`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Start a session" }).click();
    await page.waitForURL(/\/teach\/[\w-]+$/);
    const code = (await page.getByTestId("join-code").textContent())!.trim();
    const section = [await joinOnPhone(browser, server.url, code, "Noor"), await joinOnPhone(browser, server.url, code, "Ole")];
    await page.locator('[data-question="warmup-overfitting"]').getByRole("button", { name: "Open", exact: true }).click();
    for (const [i, p] of section.entries()) {
      await p.page.getByRole("radio", { name: i === 0 ? /overfitting: it is learning quirks/ : /underfitting/ }).check();
      await p.page.getByRole("button", { name: "Send answer" }).click();
      await p.page.getByText("Answer saved").waitFor();
    }
    await page.getByRole("button", { name: "End session" }).click();
    await page.getByRole("link", { name: "Open the report →" }).waitFor();
    await page.goto(`${server.url}/teach`);
    const classes = page.getByRole("table", { name: "your live sessions" });
    // .all() does not wait: wait until both classes are listed before ticking them.
    await expect.poll(() => classes.getByRole("checkbox").count(), { timeout: 30_000 }).toBe(2);
    for (const box of await classes.getByRole("checkbox").all()) await box.check();
    await shot(page, "report-15-my-sessions-compare");
    await page.getByRole("link", { name: /^Compare 2 sessions side by side/ }).click();
    const grid = page.getByRole("table", { name: "correct rate per question and class" });
    await grid.waitFor();
    // The warm-up was asked in both: 50 % in the new section; the demo's own rate in the other column.
    const warm = grid.getByRole("row").filter({ hasText: "Warm-up" });
    expect(await warm.getByRole("cell").count()).toBe(2);
    expect(await warm.innerText()).toMatch(/50%/);
    expect(await grid.getByRole("row").count()).toBeGreaterThan(10); // the demo's questions, a dash where the section was not asked
    await shot(page, "report-16-compare");
    await ctx.close();
  });
});
