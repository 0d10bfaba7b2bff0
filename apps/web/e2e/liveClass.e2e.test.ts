/**
 * A slice of the lesson in a real browser: a teacher (console + projector) and three phones.
 * Everything is real: the built web app, the server, PGlite, Socket.IO, headless Chromium.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOnPhone, launchChromium, shot, signUpTeacher, simState, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let teacherCtx: BrowserContext;
let teacher: Page;
let projector: Page;
const phones: { ctx: BrowserContext; page: Page; name: string }[] = [];
let code = "";

async function allSims(): Promise<{ step: number; hash: string; revision: number }[]> {
  return Promise.all([teacher, projector, ...phones.map((p) => p.page)].map(simState));
}

/** Wait until every page shows the same paused step and hash. */
async function waitForLockstep(timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof allSims>> = [];
  while (Date.now() < until) {
    last = await allSims();
    if (last.every((s) => s.hash !== "" && s.hash === last[0].hash && s.step === last[0].step)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`pages never agreed: ${JSON.stringify(last)}`);
}

async function clickActivity(title: RegExp) {
  await teacher.getByRole("navigation", { name: "activities" }).getByRole("button", { name: title }).click();
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
  code = (await teacher.getByTestId("join-code").textContent())!.trim();
  // The projector is its own window (here: its own browser context with the teacher's storage).
  const projectorCtx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, storageState: await teacherCtx.storageState() });
  projector = await projectorCtx.newPage();
  await projector.goto(teacher.url().replace("/teach/", "/projector/"));
  await projector.getByTestId("projector-code").waitFor();
  for (const name of ["Ada", "Grace", "Alan"]) phones.push(await joinOnPhone(browser, server.url, code, name));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a live class in the browser", () => {
  it("the projector shows the code, a QR code and who joined", async () => {
    expect(await projector.getByTestId("projector-code").textContent()).toBe(code);
    await projector.getByTestId("joined-count").filter({ hasText: "3" }).waitFor();
    expect(await projector.locator("svg").count()).toBeGreaterThan(0);
    for (const p of phones) await projector.getByLabel("who joined").getByText(p.name).waitFor();
    await shot(projector, "projector-lobby");
    await shot(phones[0].page, "phone-waiting");
  });

  it("a simulation plays in sync on all five screens, and agrees exactly when paused; λ changes live", async () => {
    await clickActivity(/^2\. Overfitting a polynomial/);
    for (const p of phones) await p.page.locator("section.sim").waitFor();
    await teacher.getByRole("button", { name: "▶ Play" }).click();
    await new Promise((r) => setTimeout(r, 3000));
    const playing = await allSims();
    const steps = playing.map((s) => s.step);
    expect(Math.min(...steps)).toBeGreaterThan(0);
    // While playing at 1x (20 steps/s), screens sampled together differ by at most half a
    // second's worth of steps (five browsers share two cores with the server here).
    expect(Math.max(...steps) - Math.min(...steps), `steps on the five screens: ${steps.join(", ")}`).toBeLessThanOrEqual(10);
    await teacher.getByRole("button", { name: "4×" }).click();
    await new Promise((r) => setTimeout(r, 2000));
    // Every screen has been drawing the loss curves as it went (not one jump at the end).
    const points = await Promise.all([teacher, projector, ...phones.map((p) => p.page)].map((pg) => pg.locator("section.sim").first().getAttribute("data-points")));
    for (const n of points) expect(Number(n), `loss-curve points per screen: ${points.join(", ")}`).toBeGreaterThan(20);
    await teacher.getByRole("button", { name: "❚❚ Pause" }).click();
    const paused = await waitForLockstep();
    expect(paused[0].step).toBeGreaterThan(120);

    // Raise λ (L2) live, play a little, pause: still identical everywhere.
    await teacher.locator("form", { has: teacher.getByLabel(/λ \(L2\)/) }).getByRole("button", { name: "0.01", exact: true }).click();
    await teacher.getByRole("button", { name: "▶ Play" }).click();
    await new Promise((r) => setTimeout(r, 1500));
    await teacher.getByRole("button", { name: "❚❚ Pause" }).click();
    const after = await waitForLockstep();
    expect(after[0].step).toBeGreaterThan(paused[0].step);
    expect(after[0].hash).not.toBe(paused[0].hash);
    await phones[0].page.getByText("λ₂ = 0.01").first().waitFor();
    await shot(teacher, "teacher-console-simulation");
    await shot(projector, "projector-simulation");
    await shot(phones[0].page, "phone-simulation");
  });

  it("a numeric question: right, named mistake, wrong; a reload keeps the seat and the answer; the reveal gives each their feedback", async () => {
    await clickActivity(/^4\. Weight decay, one step/);
    await teacher.locator('[data-question="l2-decay-factor"]').getByRole("button", { name: "Open", exact: true }).click();
    const answers: string[] = [];
    for (const [i, p] of phones.entries()) {
      const card = p.page.locator('article[data-question="l2-decay-factor"]');
      await card.waitFor();
      await card.locator(".katex").first().waitFor();
      // The student's own numbers, from the prompt their phone shows (its TeX source).
      const prompt = (await card.getAttribute("data-prompt")) ?? "";
      const eta = Number(/\\eta = ([\d.]+)/.exec(prompt)?.[1]);
      const lambda = Number(/\\lambda = ([\d.]+)/.exec(prompt)?.[1]);
      expect([0.05, 0.1, 0.2]).toContain(eta);
      expect([0.001, 0.01, 0.05]).toContain(lambda);
      const answer = i === 0 ? 1 - 2 * eta * lambda : i === 1 ? 1 - eta * lambda : 0.5;
      answers.push(String(Number(answer.toPrecision(10))).replace(".", i === 0 ? "," : "."));
      await card.getByLabel(/Your answer/).fill(answers[i]);
      await card.getByRole("button", { name: "Send answer" }).click();
      await card.getByText("✓ Answer saved").waitFor();
    }
    await shot(phones[1].page, "phone-question-saved");
    // Reload the first phone mid-question: same participant, answer kept, no resubmission.
    const first = phones[0].page;
    const pid = await first.locator("main[data-participant]").getAttribute("data-participant");
    await first.reload();
    await first.locator('article[data-question="l2-decay-factor"]').getByText("✓ Answer saved").waitFor();
    expect(await first.locator("main[data-participant]").getAttribute("data-participant")).toBe(pid);
    expect(await first.getByRole("button", { name: "Send answer" }).count()).toBe(0);
    await teacher.locator('[data-question="l2-decay-factor"] [data-answered="3"]').waitFor();
    await teacher.locator('[data-question="l2-decay-factor"]').getByRole("button", { name: "Show results on projector" }).click();
    await projector.getByRole("region", { name: "answers" }).getByText("Answers: 3 of 3").waitFor();
    await teacher.locator('[data-question="l2-decay-factor"]').getByRole("button", { name: "Reveal" }).click();
    const results = await Promise.all(phones.map(async (p) => {
      const fb = p.page.locator("[data-result]");
      await fb.waitFor();
      return { result: await fb.getAttribute("data-result"), key: await fb.getAttribute("data-feedback-key") };
    }));
    expect(results).toEqual([
      { result: "correct", key: "" },
      { result: "incorrect", key: "dropped-factor-2" },
      { result: "incorrect", key: "" },
    ]);
    await phones[1].page.getByText("derivative of").waitFor();
    await shot(phones[1].page, "phone-feedback-named-mistake");
    await shot(teacher, "teacher-console-question");
    await shot(projector, "projector-histogram");
  });

  it("the class experiment: three λ values appear on the projector's plot", async () => {
    await clickActivity(/^6\. Class experiment/);
    const positions = ["-4", "-1.5", "1"];
    for (const [i, p] of phones.entries()) {
      await p.page.getByLabel(/λ \(L2\) =/).waitFor();
      await p.page.locator("#exp-slider").fill(positions[i]);
      await p.page.getByRole("button", { name: "Train with this value" }).click();
      await p.page.locator("[data-rank]").waitFor();
    }
    await projector.locator('canvas[data-points="3"]').waitFor({ timeout: 15_000 });
    await shot(projector, "projector-experiment");
    await shot(phones[1].page, "phone-experiment");
  });

  it("every kind of simulation renders on the projector and the phones", async () => {
    for (const [title, name] of [[/^7\. L1 vs L2/, "l1-vs-l2"], [/^8\. Why L1 finds corners/, "geometry"], [/^13\. Dropout/, "dropout"], [/^16\. Adam/, "adam-vs-adamw"]] as const) {
      await clickActivity(title);
      await teacher.getByRole("button", { name: "4×" }).click();
      await teacher.getByRole("button", { name: "▶ Play" }).click();
      await new Promise((r) => setTimeout(r, 2500));
      await teacher.getByRole("button", { name: "❚❚ Pause" }).click();
      const agreed = await waitForLockstep();
      expect(agreed[0].step).toBeGreaterThan(0);
      await shot(projector, `projector-${name}`);
      await shot(phones[2].page, `phone-${name}`);
    }
  });

  it("student and projector pages have no serious or critical accessibility violations", async () => {
    for (const [name, page] of [["phone", phones[0].page], ["projector", projector]] as const) {
      const results = await new AxeBuilder({ page: page as never }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${name}: ${v.id} (${v.nodes.length})`)).toEqual([]);
    }
  });

  it("ending the session shows each student their summary", async () => {
    await teacher.getByRole("button", { name: "End session" }).click();
    for (const p of phones) await p.page.getByText("Thanks for taking part!").waitFor();
    expect(await phones[0].page.getByText(/got 1 of/).count()).toBe(1);
    await shot(phones[0].page, "phone-summary");
  });
});
