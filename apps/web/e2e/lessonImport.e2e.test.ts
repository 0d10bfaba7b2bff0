/**
 * Importing lessons in a real browser: a Kahoot-style .xlsx with bad rows (each named by row
 * number; the good rows become a lesson that runs), export → import giving the same lesson, and
 * the hostile lessons of issue 11 — each with what a teacher and a student observe.
 */
import { kahootSheet } from "../../server/test/support/kahootSheet";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { e2eBackends, joinOnPhone, launchChromium, shot, shotOf, SHOTS, signUpTeacher, startLiveLabOn } from "./support";

let server: Awaited<ReturnType<typeof startLiveLabOn>>;
let browser: Browser;
let ctx: BrowserContext;
let teacher: Page;
let shots = true;
/** Every dialog any page opened: a hostile lesson must never get to run alert(). */
const dialogs: string[] = [];

/** Kahoot's sheet with three bad rows (sheet rows 6, 7 and 8) among two good ones. */
function kahootXlsx(): Promise<Buffer> {
  return kahootSheet([
    ["Which penalty gives exact zeros?", "L1", "L2", "Both", "Neither", 20, "1"],
    ["No answer is marked right", "Yes", "No", "", "", 20, ""],
    ["Six answers", "a", "b", "c", "d", 20, "1", "e", "f"],
    ["", "an answer without a question", "another", "", "", 20, "1"],
    ["Which of these regularize?", "Dropout", "Early stopping", "More epochs", "", 30, "1,2"],
  ]);
}

const hostileLesson = {
  format: "livelab-lesson", version: 1, id: "hostile", title: "<script>alert('title')</script> Hostile",
  activities: [
    {
      id: "inert", kind: "question", title: "<img src=x onerror=alert('activity')>",
      body: "Read [the notes](javascript:alert('link')) <b onmouseover=alert('b')>here</b>",
      questions: [{ id: "q", kind: "single", prompt: "<script>alert('prompt')</script>Pick <img src=x onerror=alert('img')>", options: [{ id: "a", text: "<a href=\"javascript:alert('opt')\">A</a>" }, { id: "b", text: "B" }], correct: "a" }],
    },
    { id: "link", kind: "question", title: "A link in math", questions: [{ id: "q2", kind: "text", prompt: "Click $\\href{javascript:alert('href')}{here}$" }] },
    { id: "bomb", kind: "question", title: "A TeX bomb", questions: [{ id: "q3", kind: "text", prompt: "Count $\\def\\a{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\b{\\c\\c\\c\\c\\c\\c\\c\\c\\c\\c}\\def\\c{\\d\\d\\d\\d\\d\\d\\d\\d\\d\\d}\\def\\d{\\e\\e\\e\\e\\e\\e\\e\\e\\e\\e}\\def\\e{xxxxxxxxxx}\\a$" }] },
  ],
};

async function importFile(name: string, mimeType: string, buffer: Buffer) {
  await teacher.getByRole("button", { name: "Import…" }).click();
  await teacher.getByLabel("File").setInputFiles({ name, mimeType, buffer });
}

describe.each(e2eBackends())("importing lessons (%s)", (backend) => {
  beforeAll(async () => {
    server = await startLiveLabOn(backend);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    teacher = await ctx.newPage();
    teacher.on("dialog", (d) => { if (d.type() !== "confirm") dialogs.push(d.message()); void d.accept(); });
    await signUpTeacher(teacher, server.url, "Mr Haddad");
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(teacher, `import-FAILED-${backend}-${task.name.slice(0, 40).replace(/\W+/g, "-")}`).catch(() => {});
  });
  afterAll(async () => {
    shots = false;
    await browser?.close();
    await server?.stop();
  });

  it("the built-in lesson opens read-only (a prediction question included) and Duplicate to edit makes the teacher's copy", async () => {
    await teacher.locator("[data-lesson]").first().getByRole("link", { name: "View" }).click();
    await teacher.getByRole("note").getByText("This is a built-in lesson").waitFor();
    await teacher.getByRole("navigation", { name: "activities" }).locator(".activity-pick").filter({ hasText: "Predict: what will raising λ do?" }).click();
    await teacher.getByText("Graded by a simulation").first().waitFor();
    expect(await teacher.locator('[data-path$=".prompt"] textarea').first().getAttribute("readonly")).not.toBeNull();
    expect(await teacher.getByRole("button", { name: "Add activity" }).count()).toBe(0);
    // It cannot be published, so it does not say "ready to publish": it points at Duplicate to edit.
    await teacher.getByRole("heading", { name: "✓ No problems · a built-in lesson is read-only: Duplicate to edit" }).waitFor();
    expect(await teacher.getByRole("heading", { name: "✓ Ready to publish" }).count()).toBe(0);
    if (shots) await teacher.screenshot({ path: join(SHOTS, "import-00-built-in-read-only.png") });
    await teacher.getByRole("button", { name: "Duplicate to edit" }).click();
    await teacher.getByRole("button", { name: "Publish" }).waitFor();
    expect(await teacher.getByLabel("Lesson title").inputValue()).toMatch(/\(copy\)$/);
    await teacher.goto(`${server.url}/teach`);
    await teacher.locator("[data-lesson$=\"(copy)\"]").getByRole("button", { name: /Delete the lesson/ }).click();
    await teacher.locator("[data-lesson$=\"(copy)\"]").waitFor({ state: "detached" });
  });

  it("a Kahoot sheet: each bad row named with its number and reason; the good rows become a lesson that runs", async () => {
    await importFile("Week 3 quiz.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", await kahootXlsx());
    const report = teacher.getByTestId("import-report");
    await report.getByText("2 questions can be imported, 3 rows left out").waitFor();
    const rows = await report.getByRole("table", { name: "rows left out" }).locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(rows).toEqual([
      ["6", "no correct answer: give the number of the right answer (e.g. 2, or 1,3 for several)"],
      ["7", "6 answers: at most 4"],
      ["8", "the question is empty"],
    ]);
    if (shots) await shotOf(teacher.locator("dialog"), "import-01-kahoot-report");
    // Nothing is stored until the teacher accepts.
    expect(await teacher.evaluate(() => fetch("/api/lessons").then((r) => r.json()).then((b) => b.data.length))).toBe(1);
    await teacher.getByRole("button", { name: "Import the 2 questions without the bad rows" }).click();
    await teacher.waitForURL(/\/teach\/lessons\/[\w-]+$/);
    await teacher.getByRole("heading", { name: "✓ Ready to publish" }).waitFor();
    await teacher.getByRole("button", { name: "Publish" }).click();
    await teacher.getByRole("alert").filter({ hasText: "Published version 1" }).waitFor();
    await teacher.getByRole("link", { name: "← My sessions" }).click();
    await teacher.locator('[data-lesson="Week 3 quiz"]').getByRole("button", { name: "Start a session" }).click();
    await teacher.waitForURL(/\/teach\/[\w-]+$/);
    const code = (await teacher.getByTestId("join-code").textContent())!.trim();
    const phone = await joinOnPhone(browser, server.url, code, "Dee");
    await teacher.locator("[data-question]").first().getByRole("button", { name: "Open", exact: true }).click();
    await phone.page.getByRole("radio", { name: "L1" }).check();
    await phone.page.getByRole("button", { name: "Send answer" }).click();
    await phone.page.getByText("Answer saved").waitFor();
    await phone.ctx.close();
    await teacher.getByRole("button", { name: "End session" }).click();
    await teacher.goto(`${server.url}/teach`);
  });

  it("export → import gives the same lesson", async () => {
    const card = teacher.locator('[data-lesson="Week 3 quiz"]');
    const [download] = await Promise.all([teacher.waitForEvent("download"), card.getByRole("link", { name: "Export" }).click()]);
    expect(download.suggestedFilename()).toBe("week-3-quiz-v1.livelab.json");
    const exported = readFileSync((await download.path())!);
    expect(JSON.parse(exported.toString()).$schema).toBe(`${server.url}/schema/livelab-lesson-v1.json`);
    await importFile("week-3-quiz-v1.livelab.json", "application/json", exported);
    await teacher.getByTestId("import-report").getByText("2 activities can be imported").waitFor();
    await teacher.getByRole("button", { name: "Import 2 activities" }).click();
    await teacher.waitForURL(/\/teach\/lessons\/[\w-]+$/);
    await teacher.getByRole("heading", { name: "✓ Ready to publish" }).waitFor();
    await teacher.getByRole("button", { name: "Publish" }).click();
    await teacher.getByRole("alert").filter({ hasText: "Published version 1" }).waitFor();
    const id = teacher.url().split("/").pop()!;
    const again = await teacher.evaluate((lessonId) => fetch(`/api/lessons/${lessonId}/export`).then((r) => r.json()), id);
    expect(again).toEqual(JSON.parse(exported.toString()));
  });

  it("hostile lessons: a 50 MB file and 10,000 activities are refused with the limit named", async () => {
    await teacher.goto(`${server.url}/teach`);
    // From a file on disk (as a teacher would pick it), not a 50 MB buffer sent through the test driver.
    const huge = join(mkdtempSync(join(tmpdir(), "livelab-huge-")), "huge.json");
    writeFileSync(huge, Buffer.alloc(50_000_000, 0x20));
    await teacher.getByRole("button", { name: "Import…" }).click();
    await teacher.getByLabel("File").setInputFiles(huge);
    await teacher.locator("dialog").getByRole("alert").filter({ hasText: "the file is 50 MB: at most 2 MB" }).waitFor();
    const many = { ...hostileLesson, activities: Array.from({ length: 10_000 }, (_, i) => ({ id: `a${i}`, kind: "question", title: "t", questions: [{ id: `q${i}`, kind: "text", prompt: "p" }] })) };
    await teacher.getByLabel("File").setInputFiles({ name: "many.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(many)) });
    await teacher.getByTestId("import-report").getByText("nothing can be imported").waitFor();
    await teacher.getByTestId("import-report").getByText("10000 activities: a lesson has at most 200").waitFor();
    if (shots) await shotOf(teacher.locator("dialog"), "import-02-refused");
    await teacher.getByRole("button", { name: "Cancel" }).click();
  });

  it("hostile lessons: script tags and javascript: links render as text, a link in math and a TeX bomb are refused at their fields and render inert", async () => {
    await importFile("hostile.json", "application/json", Buffer.from(JSON.stringify(hostileLesson)));
    const report = teacher.getByTestId("import-report");
    await report.getByText("3 activities can be imported, 2 problems to fix").waitFor();
    await report.getByText("\\href is not allowed in a lesson").waitFor();
    await report.getByText(/Too many expansions/).waitFor();
    await teacher.getByRole("button", { name: "Import 3 activities" }).click();
    await teacher.waitForURL(/\/teach\/lessons\/[\w-]+$/);
    await teacher.getByRole("heading", { name: "2 problems to fix before publishing" }).waitFor();
    // The bomb previews without stalling the page: KaTeX stops at its expansion limit.
    const t0 = Date.now();
    await teacher.getByRole("navigation", { name: "activities" }).locator(".activity-pick").filter({ hasText: "A TeX bomb" }).click();
    await teacher.getByTestId("phone-preview").getByText("Activity 3 of 3").waitFor();
    await teacher.locator('[data-path="activities[2].questions[0].prompt"]').getByText(/Too many expansions/).waitFor();
    const bombMs = Date.now() - t0;
    expect(bombMs).toBeLessThan(5_000);
    if (shots) await teacher.screenshot({ path: join(SHOTS, "import-03-hostile-in-editor.png") });
    // Fix by deleting the two refused activities, publish, and run it.
    for (let i = 0; i < 2; i++) {
      await teacher.getByRole("navigation", { name: "activities" }).locator(".activity-pick").last().click();
      await teacher.getByRole("button", { name: "Delete activity" }).click();
    }
    await teacher.getByRole("heading", { name: "✓ Ready to publish" }).waitFor();
    await teacher.getByRole("button", { name: "Publish" }).click();
    await teacher.getByRole("alert").filter({ hasText: "Published version 1" }).waitFor();
    await teacher.getByRole("link", { name: "← My sessions" }).click();
    await teacher.locator("[data-lesson]").filter({ hasText: "Hostile" }).getByRole("button", { name: "Start a session" }).click();
    await teacher.waitForURL(/\/teach\/[\w-]+$/);
    const sessionId = teacher.url().split("/").pop()!;
    const code = (await teacher.getByTestId("join-code").textContent())!.trim();
    const phone = await joinOnPhone(browser, server.url, code, "Eve");
    phone.page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
    const projector = await ctx.newPage();
    await projector.goto(`${server.url}/projector/${sessionId}`);
    await teacher.locator("[data-question]").first().getByRole("button", { name: "Open", exact: true }).click();
    const card = phone.page.locator("[data-question]");
    await card.getByText("<script>alert('prompt')</script>Pick <img src=x onerror=alert('img')>").waitFor();
    await phone.page.getByText("<a href=\"javascript:alert('opt')\">A</a>").waitFor();
    await phone.page.getByText("Read [the notes](javascript:alert('link'))").waitFor();
    await projector.getByRole("heading", { name: "<img src=x onerror=alert('activity')>" }).waitFor();
    // Nothing the lesson wrote became an element: no <script>, <img>, <b> or javascript: link from it.
    for (const page of [phone.page, projector, teacher]) {
      const injected = await page.evaluate(() => ({
        img: document.querySelectorAll('img[src="x"]').length,
        b: document.querySelectorAll("b[onmouseover]").length,
        js: [...document.querySelectorAll("a")].filter((a) => a.getAttribute("href")?.startsWith("javascript")).length,
        script: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("alert(")).length,
      }));
      expect(injected).toEqual({ img: 0, b: 0, js: 0, script: 0 });
    }
    if (shots) await shot(phone.page, "import-04-hostile-on-phone");
    await phone.page.getByRole("radio").first().check();
    await phone.page.getByRole("button", { name: "Send answer" }).click();
    await phone.page.getByText("Answer saved").waitFor();
    expect(dialogs).toEqual([]);
    await phone.ctx.close();
    await projector.close();
  });
});
