/**
 * The projector and the console from a new teacher's tryout, in a real browser:
 * - the stage follows the console: opening the next question replaces the previous results;
 * - Enter and Space are the console's shortcuts whatever was clicked last (Play, a checkbox),
 *   and typing in a field still types;
 * - a per-student number reads "λ = □" with a line saying what the box is;
 * - a simulation at its last step reads finished (console, projector, phone) and Space replays;
 * - a timed-out question says "no answer from", not "waiting for";
 * - the closure's podium in a class of 3 names only the first; a poll gets no score bar.
 * Screenshots of each (projector at 1920×1080 and 1280×720, phone at 390×844) land in
 * e2e/screenshots/room-*.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOnPhone, launchChromium, shot, signUpTeacher, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let ctx: BrowserContext;
let konsole: Page;
let projector: Page;
const phones: { name: string; page: Page }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startLiveLab();
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  konsole = await ctx.newPage();
  konsole.on("dialog", (d) => void d.accept());
  await signUpTeacher(konsole, server.url);
  await konsole.getByRole("button", { name: "Start a session" }).click();
  await konsole.waitForURL(/\/teach\/[\w-]+$/);
  const sessionId = konsole.url().split("/").pop()!;
  const code = (await konsole.getByTestId("join-code").textContent())!.trim();
  projector = await ctx.newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`${server.url}/projector/${sessionId}`);
  for (const name of ["Ann", "Bo", "Cy"]) phones.push(await joinOnPhone(browser, server.url, code, name));
  await konsole.bringToFront();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const heading = (title: string) => konsole.locator("main h1").filter({ hasText: title }).waitFor();
const goTo = async (title: string) => {
  await konsole.locator(".activity-list button").filter({ hasText: title }).click();
  await heading(title);
  await projector.locator(".strip h1").filter({ hasText: title }).waitFor();
};
/** Press a key when the main button is ready (it is disabled while its last action is on its way). */
const press = async (key: string) => {
  await expect.poll(() => konsole.getByTestId("primary-action").isEnabled()).toBe(true);
  await konsole.keyboard.press(key);
};
const playState = (page: Page) => page.locator('[data-role="play-state"]').first().textContent();
async function answer(phone: Page, qid: string, move: { pick: string } | { type: string }) {
  const card = phone.locator(`article[data-question="${qid}"]`);
  await card.waitFor();
  if ("pick" in move) await card.locator("label.option", { hasText: move.pick }).click();
  else await card.getByLabel(/Your answer/).fill(move.type);
  await card.getByRole("button", { name: "Send answer" }).click();
  await card.getByText("✓ Answer saved").waitFor();
}
async function projectorShots(name: string) {
  for (const [w, h] of [[1920, 1080], [1280, 720]] as const) {
    await projector.setViewportSize({ width: w, height: h });
    await sleep(400);
    const scroll = await projector.evaluate(() => ({ sh: document.documentElement.scrollHeight, ch: document.documentElement.clientHeight, sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    expect(scroll.sh, `${name} at ${w}×${h} scrolls`).toBeLessThanOrEqual(scroll.ch);
    expect(scroll.sw, `${name} at ${w}×${h} scrolls sideways`).toBeLessThanOrEqual(scroll.cw);
    await shot(projector, `room-${name}-projector-${w}`);
  }
  await projector.setViewportSize({ width: 1920, height: 1080 });
}

describe("the projector and the console, after the tryout", () => {
  it("a poll at the start: a different answer is not told as a miss", async () => {
    await press("Enter"); // Start: open the warm-up poll
    await answer(phones[0].page, "warmup-overfitting", { pick: "The model is overfitting" });
    await answer(phones[1].page, "warmup-overfitting", { pick: "The model is underfitting" });
    await press("Enter"); // close and show
    await press("Enter"); // reveal
    const verdict = phones[1].page.locator('article[data-question="warmup-overfitting"] .feedback');
    await expect.poll(() => verdict.textContent()).toMatch(/^Not this one — no points either way\./);
    expect(await verdict.getAttribute("class")).toContain("unscored"); // neutral, not the red of a miss
    await shot(phones[1].page, "room-poll-revealed-phone-Bo");
  });

  it("Enter after clicking Play moves the class on; Space after ticking a checkbox plays; typing in λ's field still types", async () => {
    await goTo("Overfitting a polynomial");
    const sim = konsole.getByLabel("simulation controls");
    // Space after clicking a checkbox: play, and the checkbox keeps its tick.
    const log = konsole.getByLabel("Log scale for losses");
    await log.click();
    expect(await log.isChecked()).toBe(true);
    await konsole.keyboard.press(" ");
    await expect.poll(() => playState(konsole)).toBe("▶ playing");
    expect(await log.isChecked()).toBe(true);
    await sim.getByRole("button", { name: "❚❚ Pause" }).click();
    await expect.poll(() => playState(konsole)).toBe("❚❚ paused");
    // Typing a value and Enter in the λ field sets λ; it is not the main button.
    await konsole.locator("#param-l2").fill("0.001");
    await konsole.locator("#param-l2").press("Enter");
    await sim.getByText("(now 0.001)").waitFor();
    expect(await konsole.locator("main h1").textContent()).toBe("Overfitting a polynomial");
    // Click Play with the mouse, then Enter: the next activity (before: Enter pressed Play's focused button again).
    await sim.getByRole("button", { name: "▶ Play" }).click();
    await expect.poll(() => playState(konsole)).toBe("▶ playing");
    await press("Enter");
    await heading("Predict: what will raising λ do?");
  });

  it("a simulation run to its last step reads finished on the console, the projector and a phone; Space replays it", async () => {
    await goTo("Overfitting a polynomial");
    await konsole.locator("#seek").fill("1480");
    await konsole.getByLabel("simulation controls").getByRole("button", { name: "4×" }).click();
    await konsole.getByLabel("simulation controls").getByRole("button", { name: "▶ Play" }).click();
    await expect.poll(() => playState(konsole), { timeout: 15_000 }).toBe("✓ finished");
    await expect.poll(() => playState(projector), { timeout: 15_000 }).toBe("✓ finished · 1500 steps");
    await expect.poll(() => playState(phones[0].page), { timeout: 15_000 }).toBe("✓ finished");
    await konsole.getByRole("button", { name: "⟲ Replay" }).waitFor();
    await projectorShots("sim-finished");
    await shot(phones[0].page, "room-sim-finished-phone");
    await shot(konsole, "room-sim-finished-console");
    await konsole.keyboard.press(" ");
    await expect.poll(() => playState(konsole)).toBe("▶ playing");
    await konsole.keyboard.press(" ");
    await expect.poll(() => playState(konsole)).toBe("❚❚ paused");
  });

  it("projector charts at both sizes: no scrolling (tick labels, nice steps and the axis title looked at in the screenshots)", async () => {
    for (const [title, name] of [["L1 vs L2 on sparse data", "charts-l1-l2"], ["Dropout on a small network", "charts-dropout"]] as const) {
      await goTo(title);
      await projector.locator("section.stage-sim canvas").first().waitFor();
      await projectorShots(name);
    }
  });

  it("each student's own number reads λ = □ on the projector, with what the box means", async () => {
    await goTo("Weight decay, one step");
    await press("Enter");
    const own = projector.locator('[data-role="own-numbers"]');
    await expect.poll(() => own.textContent()).toMatch(/^Each □ is your own number: .* are on your phone\.$/);
    expect(await projector.locator('[data-role="question-prompt"] .katex-html').allTextContents()).toContain("λ=□");
    await projectorShots("own-number-open");
    await press("Enter"); // close (nobody answered: closed, nothing to show)
  });

  it("opening the next question takes the previous results off the projector; a timed-out question waits for nobody", async () => {
    await goTo("Exact zeros");
    await press("Enter"); // open question 1
    await answer(phones[0].page, "which-penalty-zeros", { pick: "L1," });
    await answer(phones[1].page, "which-penalty-zeros", { pick: "L1," });
    await answer(phones[2].page, "which-penalty-zeros", { pick: "L2," });
    await press("Enter"); // close and show
    await press("Enter"); // reveal
    await projector.locator('section.stage-question[data-question="which-penalty-zeros"][data-status="revealed"]').waitFor();
    // Question 2 with a 10 s timer (T once): the stage shows it at once, without question 1's bars.
    await konsole.keyboard.press("t");
    await press("Enter");
    const q2 = projector.locator('section.stage-question[data-question="why-l1-zeros"]');
    await q2.waitFor();
    expect(await q2.getAttribute("data-status")).toBe("open");
    expect(await projector.locator(".stage-question .bars, .q-reveal").count()).toBe(0);
    await projectorShots("next-question-open");
    await answer(phones[0].page, "why-l1-zeros", { type: "The diamond has corners on the axes." });
    const line = konsole.locator('[data-question="why-l1-zeros"] [data-role="waiting"]');
    await expect.poll(() => line.textContent()).toMatch(/waiting for Bo, Cy/);
    // The timer closes it: nobody can answer now, so nobody is waited for.
    await expect.poll(() => line.textContent(), { timeout: 20_000 }).toMatch(/no answer from Bo, Cy/);
    await press("Enter"); // show the answers
    await press("Enter"); // worked answer
    await press("Enter"); // open question 3
    await answer(phones[0].page, "lasso-zero-condition", { pick: "When the data's pull on it is weak" });
    await answer(phones[1].page, "lasso-zero-condition", { pick: "Exactly when the feature is irrelevant" });
    await answer(phones[2].page, "lasso-zero-condition", { pick: "When the unpenalized weight" });
    await press("Enter");
    await press("Enter");
  });

  it("the closure of a class of 3: the podium names only the first, never the last; the poll has no score bar", async () => {
    await konsole.getByLabel(/Podium at the end/).click();
    await konsole.getByRole("button", { name: "End session" }).click();
    const podium = projector.getByLabel("podium");
    await podium.waitFor();
    // Ann 2 right, Bo 1, Cy 0: only Ann (Bo would be the middle of 3, Cy the bottom).
    expect(await podium.locator("li").allTextContents()).toEqual([expect.stringMatching(/^1\s*Ann/)]);
    expect(await projector.locator("figcaption").filter({ hasText: "Right answers per question" }).textContent()).toMatch(/–: nothing to score/);
    await projectorShots("summary");
  });
});
