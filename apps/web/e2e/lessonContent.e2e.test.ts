/**
 * The built-in lesson's text as people see it: every activity changed by issue 19 on the
 * teacher's console (with its notes), the projector (1920×1080 and 1280×720) and a phone
 * (390×844), with its questions open. No raw TeX, no internal ids, and a named mistake's bar
 * on the projector reads as its label. Screenshots go to e2e/screenshots/lesson-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOnPhone, launchChromium, shot, signUpTeacher, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let teacher: Page;
let projector: Page;
let phone: Page;

beforeAll(async () => {
  server = await startLiveLab();
  browser = await launchChromium();
  const teacherCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  teacher = await teacherCtx.newPage();
  await signUpTeacher(teacher, server.url);
  await teacher.getByRole("button", { name: "Start a session" }).click();
  await teacher.waitForURL(/\/teach\/[\w-]+$/);
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();
  const projectorCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, storageState: await teacherCtx.storageState() });
  projector = await projectorCtx.newPage();
  await projector.goto(teacher.url().replace("/teach/", "/projector/"));
  await projector.getByTestId("projector-code").waitFor();
  phone = (await joinOnPhone(browser, server.url, code, "Ada")).page;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Visible text with rendered math removed: what is left must hold no TeX source. */
async function textOutsideMath(page: Page): Promise<string> {
  return page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".katex, canvas, svg").forEach((n) => n.remove());
    return copy.innerText;
  });
}

async function expectNoRawTex(page: Page, where: string) {
  const text = await textOutsideMath(page);
  const leaks = text.split("\n").filter((line) => /[\\$]/.test(line));
  expect(leaks, `${where} shows raw TeX`).toEqual([]);
}

/** Open every question of the current activity, then let KaTeX render on the phone. */
async function openQuestions(ids: string[]) {
  for (const id of ids) {
    await teacher.locator(`[data-question="${id}"]`).getByRole("button", { name: "Open", exact: true }).click();
    const card = phone.locator(`article[data-question="${id}"]`);
    await card.waitFor();
    if (((await card.getAttribute("data-prompt")) ?? "").includes("$")) await card.locator(".katex").first().waitFor();
  }
}

/** [number in the console's list, title, activity id, its questions] */
const changed: [number, string, string, string[]][] = [
  [2, "Overfitting a polynomial", "overfit-poly", []],
  [3, "Predict: what will raising λ do?", "predict-lambda", ["predict-raise-lambda"]],
  [5, "Weight decay, many steps", "decay-many-steps", ["l2-decay-k-steps"]],
  [7, "L1 vs L2 on sparse data", "l1-vs-l2", []],
  [9, "Exact zeros", "which-penalty-zeros", ["which-penalty-zeros", "why-l1-zeros", "lasso-zero-condition"]],
  [10, "One L1 step", "l1-step", ["l1-subgradient-step", "l1-soft-threshold"]],
  [11, "Penalty values", "penalty-values", ["penalty-l2-value", "penalty-l1-value", "penalty-elastic-value"]],
  [12, "The gradient of the L2 term", "gradient", ["l2-gradient"]],
  [13, "Dropout on a small network", "dropout", []],
  [14, "Inverted dropout", "inverted-dropout", ["dropout-kept-value", "dropout-expected-value"]],
  [16, "Adam + L2 vs AdamW", "adam-vs-adamw", ["predict-adam-vs-adamw"]],
  [17, "Elastic net: L1 and L2 together", "elastic-net", []],
  [18, "Which tool for which problem?", "which-tool", ["choose-many-irrelevant", "choose-both-high"]],
  [20, "Early stopping", "early-stopping", ["early-stop-step", "early-stop-lambda", "early-stop-test-set"]],
  [21, "Exit ticket", "exit-ticket", ["exit-decay-factor", "exit-adamw", "exit-early-stopping", "exit-choose-lambda", "exit-dropout"]],
];

const goTo = async (n: number, title: string) => {
  await teacher.getByRole("navigation", { name: "activities" }).getByRole("button", { name: `${n}. ${title}`, exact: true }).click();
  await projector.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
};

describe("the built-in lesson on every screen", () => {
  it.each(changed)("%i. %s: notes on the console, no raw TeX on the projector or the phone", async (n, title, name, questions) => {
    await goTo(n, title);
    await teacher.getByText("Notes:").waitFor();
    await openQuestions(questions);
    await new Promise((r) => setTimeout(r, 300));
    for (const [who, page] of [["console", teacher], ["projector", projector], ["phone", phone]] as const) await expectNoRawTex(page, `${name} on the ${who}`);
    await shot(teacher, `lesson-${name}-console`);
    await shot(projector, `lesson-${name}-projector-1920`);
    await projector.setViewportSize({ width: 1280, height: 720 });
    await shot(projector, `lesson-${name}-projector-1280`);
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await shot(phone, `lesson-${name}-phone`);
  });

  it("a named mistake's bar on the projector reads as its label, and the student gets its feedback", async () => {
    await goTo(4, "Weight decay, one step");
    await openQuestions(["l2-decay-factor"]);
    const card = phone.locator('article[data-question="l2-decay-factor"]');
    const lambda = Number(/\\lambda = ([\d.]+)/.exec((await card.getAttribute("data-prompt")) ?? "")?.[1]);
    await card.getByLabel(/Your answer/).fill(String(Number((1 - 2 * lambda).toPrecision(10)))); // forgot η
    await card.getByRole("button", { name: "Send answer" }).click();
    await card.getByText("✓ Answer saved").waitFor();
    const q = teacher.locator('[data-question="l2-decay-factor"]');
    await q.locator('[data-answered="1"]').waitFor();
    await q.getByRole("button", { name: "Show results on projector" }).click();
    const bars = projector.getByRole("region", { name: "answers" });
    await bars.getByText("Used 1 − 2λ (forgot the learning rate)").waitFor();
    expect(await bars.getByText("forgot-eta").count()).toBe(0);
    await q.getByText("Used 1 − 2λ (forgot the learning rate)").waitFor();
    await q.getByRole("button", { name: "Reveal" }).click();
    await expect.poll(() => phone.locator("[data-result]").getAttribute("data-feedback-key")).toBe("forgot-eta");
    await phone.locator("[data-result] .katex").first().waitFor();
    await expectNoRawTex(phone, "the feedback");
    await shot(projector, "lesson-results-bar-label-projector-1920");
    await shot(phone, "lesson-results-feedback-phone");
  });
});
