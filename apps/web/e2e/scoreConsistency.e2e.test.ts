/**
 * One truth for every score, end to end in a real browser: a teacher runs a class from the
 * console, four phones answer (right, a named mistake, a negative number, nothing, a short
 * text), the teacher ends it. For every student the summary their phone received and shows,
 * the report, the students CSV and the gradebook CSV must give the same numbers.
 */
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { SessionReport } from "@livelab/core/report";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, PHONE, shotOf, signUpTeacher, startLiveLab } from "./support";

interface Summary { asked: number; answered: number; correct: number; graded: number; score: number; maxScore: number }

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let teacherCtx: BrowserContext;
let teacher: Page;
let sessionId = "";
const phones: { page: Page; name: string; summary: Promise<Summary> }[] = [];

/** The `session:ended` payload a phone receives over its Socket.IO connection (what its end screen renders). */
function summaryFrom(page: Page): Promise<Summary> {
  return new Promise((resolve) => {
    page.on("websocket", (ws) => ws.on("framereceived", (f) => {
      const text = typeof f.payload === "string" ? f.payload : "";
      if (!text.startsWith("42")) return;
      const [event, payload] = JSON.parse(text.slice(2)) as [string, Summary];
      if (event === "session:ended") resolve(payload);
    }));
  });
}

async function openQuestion(activity: RegExp, questionId: string) {
  await teacher.getByRole("navigation", { name: "activities" }).getByRole("button", { name: activity }).click();
  await teacher.locator(`[data-question="${questionId}"]`).getByRole("button", { name: "Open", exact: true }).click();
}

async function answer(p: Page, questionId: string, fill: (card: ReturnType<Page["locator"]>) => Promise<void>) {
  const card = p.locator(`article[data-question="${questionId}"]`);
  await card.getByRole("button", { name: "Send answer" }).waitFor();
  await fill(card);
  await card.getByRole("button", { name: "Send answer" }).click();
  await card.getByText("Answer saved").waitFor();
}

/** The student's own η and λ from the prompt their phone shows. */
async function etaLambda(p: Page, questionId: string): Promise<{ eta: number; lambda: number }> {
  const prompt = (await p.locator(`article[data-question="${questionId}"]`).getAttribute("data-prompt")) ?? "";
  return { eta: Number(/\\eta = ([\d.]+)/.exec(prompt)?.[1]), lambda: Number(/\\lambda = ([\d.]+)/.exec(prompt)?.[1]) };
}

beforeAll(async () => {
  server = await startLiveLab();
  browser = await launchChromium();
  teacherCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  teacher = await teacherCtx.newPage();
  teacher.on("dialog", (d) => void d.accept());
  await signUpTeacher(teacher, server.url);
  await teacher.getByRole("button", { name: "Start a session" }).click();
  await teacher.waitForURL(/\/teach\/[\w-]+$/);
  sessionId = teacher.url().split("/").pop()!;
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();
  for (const name of ["Ada", "Bo", "Cy", "=Dee"]) {
    // Listening before the page opens its socket, so the end-of-class message cannot be missed.
    const page = await (await browser.newContext(PHONE)).newPage();
    const summary = summaryFrom(page);
    await page.goto(`${server.url}/join/${code}`);
    await page.getByLabel("Your nickname").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await page.locator("header").getByText(name).waitFor();
    phones.push({ page, name, summary });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("one truth for every score", () => {
  it("a class is run and ended from the console; phones answer through their own screens", async () => {
    const [ada, bo, cy] = phones.map((p) => p.page);
    // Warm-up (a key, but 0 points): right, right, wrong; Dee does not answer.
    await openQuestion(/^1\. Warm-up/, "warmup-overfitting");
    await answer(ada, "warmup-overfitting", (c) => c.getByRole("radio", { name: /overfitting: it is learning quirks/ }).check());
    await answer(bo, "warmup-overfitting", (c) => c.getByRole("radio", { name: /overfitting: it is learning quirks/ }).check());
    await answer(cy, "warmup-overfitting", (c) => c.getByRole("radio", { name: /underfitting/ }).check());
    // Weight decay (graded): right, the dropped-2 mistake, a negative number.
    await openQuestion(/^4\. Weight decay, one step/, "l2-decay-factor");
    const a = await etaLambda(ada, "l2-decay-factor");
    const b = await etaLambda(bo, "l2-decay-factor");
    await answer(ada, "l2-decay-factor", (c) => c.getByLabel(/Your answer/).fill(String(Number((1 - 2 * a.eta * a.lambda).toPrecision(10)))));
    await answer(bo, "l2-decay-factor", (c) => c.getByLabel(/Your answer/).fill(String(Number((1 - b.eta * b.lambda).toPrecision(10)))));
    await answer(cy, "l2-decay-factor", (c) => c.getByLabel(/Your answer/).fill("-0.5"));
    // Exact zeros (graded choice) and the short text (no key): Dee answers only here.
    await openQuestion(/^9\. Exact zeros/, "which-penalty-zeros");
    await teacher.locator('[data-question="why-l1-zeros"]').getByRole("button", { name: "Open", exact: true }).click();
    for (const [p, option] of [[ada, /^L1/], [bo, /^L2/], [phones[3].page, /^L1/]] as const) await answer(p, "which-penalty-zeros", (c) => c.getByRole("radio", { name: option }).check());
    await answer(bo, "why-l1-zeros", (c) => c.getByRole("textbox").fill("corners of the diamond"));
    await teacher.getByRole("button", { name: "End session" }).click();
    await teacher.getByRole("link", { name: "Open the report →" }).waitFor();
  });

  it("for every student, the phone's summary, the report, the students CSV and the gradebook agree", async () => {
    const report = ((await (await teacher.request.get(`${server.url}/api/sessions/${sessionId}/report`)).json()) as { data: SessionReport }).data;
    const csv = (name: string) => teacher.request.get(`${server.url}/api/sessions/${sessionId}/export/${name}`).then((r) => r.text());
    const studentsCsv = parse(await csv("students.csv"), { bom: true, columns: true }) as Record<string, string>[];
    const gradebook = parse(await csv("gradebook.csv"), { bom: true, columns: true }) as Record<string, string>[];
    // 4 asked (warm-up, decay, exact zeros, short text); 2 graded (decay, exact zeros).
    expect(report.overview).toMatchObject({ questionsAsked: 4, gradedQuestionsAsked: 2, maxScore: 2 });
    const expected: Record<string, { answered: number; correct: number }> = { Ada: { answered: 3, correct: 2 }, Bo: { answered: 4, correct: 0 }, Cy: { answered: 2, correct: 0 }, "=Dee": { answered: 1, correct: 1 } };
    for (const p of phones) {
      const phone = await p.summary;
      const inReport = report.students.find((s) => s.nickname === p.name)!;
      const row = studentsCsv.find((r) => r["Student ID"] === inReport.id)!;
      const grade = gradebook.find((r) => r.ID === inReport.id)!;
      const numbers = { answered: phone.answered, correct: phone.correct, graded: phone.graded, score: phone.score, maxScore: phone.maxScore };
      expect(numbers, `${p.name}: phone`).toEqual({ ...expected[p.name], graded: 2, score: expected[p.name].correct, maxScore: 2 });
      expect({ answered: inReport.answered, correct: inReport.correct, graded: inReport.graded, score: inReport.score, maxScore: inReport.maxScore }, `${p.name}: report`).toEqual(numbers);
      expect({ answered: Number(row.Answered), correct: Number(row.Correct), graded: Number(row["Graded questions"]), score: Number(row.Score), maxScore: Number(row.Maximum) }, `${p.name}: students.csv`).toEqual(numbers);
      expect({ score: Number(grade.Score), maxScore: Number(grade.Maximum) }, `${p.name}: gradebook.csv`).toEqual({ score: numbers.score, maxScore: numbers.maxScore });
      expect(phone.asked).toBe(report.overview.questionsAsked);
      // What the phone shows: its end screen names the same counts.
      const shown = await p.page.getByRole("region", { name: /thanks/i }).innerText();
      expect(shown, `${p.name}: end screen`).toContain(`${phone.correct} of ${phone.graded}`);
    }
    await shotOf(phones[1].page.locator("main"), "score-01-phone-summary");
  });

  it("the report page shows the same counts in its student grid", async () => {
    await teacher.getByRole("link", { name: "Open the report →" }).click();
    const grid = teacher.getByRole("table", { name: "students" });
    await grid.waitFor();
    const report = ((await (await teacher.request.get(`${server.url}/api/sessions/${sessionId}/report`)).json()) as { data: SessionReport }).data;
    for (const s of report.students) {
      const row = grid.getByRole("row").filter({ has: teacher.getByRole("rowheader", { name: s.nickname, exact: true }) });
      expect(await row.innerText(), s.nickname).toContain(`${s.correct} / ${s.graded}`);
    }
  });
});
