/**
 * After class, in a real browser: a teacher signs up, runs a mini class with two phones,
 * ends it, opens the report and downloads the CSV; another teacher cannot see it.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOnPhone, launchChromium, shot, shotOf, signUpTeacher, startLiveLab } from "./support";

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

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("teacher accounts and the class report", () => {
  it("sign up, start a class, two phones answer, end it", async () => {
    await signUpTeacher(teacher, server.url, "Ms Rivera");
    await teacher.getByText("No classes yet").waitFor();
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
    await teacher.getByRole("heading", { name: "Questions" }).waitFor();
    const overview = await teacher.locator(".stats").innerText();
    expect(overview).toMatch(/2\s+students/);
    expect(overview).toMatch(/1\s+questions asked/);
    expect(overview).toMatch(/50%\s+average correct/);
    await teacher.getByRole("table", { name: "students" }).getByRole("rowheader", { name: "=Grace" }).waitFor();
    expect(await teacher.getByRole("table", { name: "students" }).getByRole("row").count()).toBe(3);
    await shot(teacher, "report-02-class-report");

    const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("link", { name: "Download answers (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^livelab-[A-Z0-9]+-\d{4}-\d{2}-\d{2}-responses\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFsession_code,nickname,")).toBe(true);
    expect(csv).toContain("\"Ada, \"\"the first\"\"\""); // quoted, quotes doubled
    expect(csv).toContain(",'=Grace,"); // a formula-leading nickname is made text
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(3); // header + 2 answers

    const axe = await new AxeBuilder({ page: teacher }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });

  it("My sessions lists the class; another teacher cannot open its report", async () => {
    await teacher.goto(`${server.url}/teach`);
    const row = teacher.getByRole("table", { name: "your classes" }).getByRole("row").nth(1);
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
    await teacher.getByRole("button", { name: /^Delete the class/ }).click();
    await teacher.getByText("No classes yet").waitFor();
    const res = await teacher.request.get(`${server.url}/api/sessions/${sessionId}/report`);
    expect(res.status()).toBe(404);
  });

  it("the seeded demo class: sign in with the printed login and read a full report", async () => {
    const email = /email:\s+(\S+)/.exec(server.seedOutput)![1];
    const password = /password:\s+(\S+)/.exec(server.seedOutput)![1];
    const reportPath = new URL(/report:\s+(\S+)/.exec(server.seedOutput)![1]).pathname;
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
    await shotOf(page.locator("section").filter({ has: page.getByRole("heading", { name: "Students" }) }), "report-09-demo-students");
    await shotOf(page.locator("section").filter({ has: page.getByRole("heading", { name: "Class experiments" }) }), "report-10-demo-experiment");
    await ctx.close();
  });
});
