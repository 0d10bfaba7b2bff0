/**
 * The student's phone at 390×844, from a new-user tryout (Chromium, real server, PGlite):
 *
 * - a wrong join code is caught before the nickname, said in words a student can act on, and
 *   kept in an input to correct;
 * - a chosen option is marked by more than colour (border, bold, "Your choice"), also once the
 *   form is locked;
 * - question cards keep their order when one closes (they used to jump below the simulation);
 * - the verdict of a reveal is scrolled into view;
 * - the pause sheet is opaque: the page behind does not show through the words.
 *
 * Screenshots: e2e/screenshots/phone-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOnPhone, launchChromium, PHONE, shot, SHOTS, startClassAsNewTeacher, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let teacher: Page;
let code = "";
let ada: Page;

const question = (id: string) => teacher.locator(`[data-question="${id}"]`);
const viewportShot = (p: Page, name: string) => p.screenshot({ path: `${SHOTS}/${name}.png` });

beforeAll(async () => {
  server = await startLiveLab();
  browser = await launchChromium();
  ({ teacher, code } = await startClassAsNewTeacher(browser, server.url));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the phone", () => {
  it("checks the code before the nickname and keeps a wrong one to correct", async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    const wrong = code === "QQ7777" ? "QQ7778" : "QQ7777";
    await page.goto(`${server.url}/join/${wrong.toLowerCase()}`);
    const alert = page.locator('[data-step="code"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toBe("There is no class with this code. Check the code on the projector and type it again.");
    expect(await page.getByLabel("Class code").inputValue()).toBe(wrong);
    expect(await page.getByLabel("Your nickname").count()).toBe(0);
    await shot(page, "phone-01-wrong-code");
    await page.getByLabel("Class code").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Try this code" }).click();
    await page.waitForURL(new RegExp(`/join/${code}$`));
    await page.getByLabel("Your nickname").fill("Lin");
    await page.getByRole("button", { name: "Join" }).click();
    await page.locator("header").getByText("Lin").waitFor();
    await page.context().close();
  });

  it("marks the chosen option by more than colour, keeps the cards in place, and brings the verdict into view", async () => {
    ada = (await joinOnPhone(browser, server.url, code, "Ada")).page;
    await teacher.getByRole("navigation", { name: "activities" }).getByRole("button", { name: /^9\. Exact zeros/ }).click();
    for (const id of ["which-penalty-zeros", "why-l1-zeros"]) await question(id).getByRole("button", { name: "Open", exact: true }).click();
    const choice = ada.locator('article[data-question="which-penalty-zeros"]');
    await choice.getByRole("button", { name: "Send answer" }).waitFor();
    await ada.locator('article[data-question="why-l1-zeros"]').waitFor();
    /** The order of the cards and the simulation on the phone. */
    const order = () => ada.locator("main article[data-question], main .sim").evaluateAll((els) => els.map((e) => e.getAttribute("data-question") ?? "sim"));
    const before = await order();
    expect(before.filter((x) => x !== "sim")).toEqual(["which-penalty-zeros", "why-l1-zeros"]);

    await choice.getByRole("radio", { name: /^L1/ }).check();
    const chosen = choice.locator(".option.chosen");
    expect(await chosen.count()).toBe(1);
    expect(await chosen.innerText()).toMatch(/L1[\s\S]*Your choice/);
    expect(await chosen.evaluate((el) => ({ border: getComputedStyle(el).borderTopWidth, weight: getComputedStyle(el).fontWeight }))).toEqual({ border: "3px", weight: "600" });
    await choice.getByRole("button", { name: "Send answer" }).click();
    await choice.locator('[data-save="saved"]').waitFor();
    await shotOfCard(ada, "which-penalty-zeros", "phone-02-chosen-and-sent");

    // Closing one question does not move its card below the simulation.
    await question("which-penalty-zeros").getByRole("button", { name: "Close", exact: true }).click();
    await choice.getByText("Answer saved").waitFor();
    await ada.waitForFunction(() => document.querySelector('article[data-question="which-penalty-zeros"]')?.getAttribute("data-status") === "closed");
    expect(await order()).toEqual(before);

    // The student scrolled to the top; the reveal brings the verdict to the eye.
    await ada.evaluate(() => window.scrollTo(0, 0));
    await question("which-penalty-zeros").getByRole("button", { name: "Reveal" }).click();
    const verdict = choice.locator(".feedback");
    await verdict.waitFor();
    await ada.waitForFunction(() => {
      const r = document.querySelector('article[data-question="which-penalty-zeros"] .feedback')!.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight - 80;
    }, undefined, { timeout: 5000 });
    expect(await verdict.innerText()).toMatch(/^Correct!/);
    await viewportShot(ada, "phone-03-verdict-in-view");
  });

  it("shows the pause on an opaque sheet", async () => {
    await teacher.getByRole("button", { name: "Pause everyone" }).click();
    const sheet = ada.locator(".paused-overlay");
    await sheet.waitFor();
    expect(await sheet.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(15, 23, 42)");
    expect(await sheet.innerText()).toMatch(/^Paused\s+Eyes on your teacher/);
    await viewportShot(ada, "phone-04-paused");
    await teacher.getByRole("button", { name: "Resume everyone" }).click();
    await sheet.waitFor({ state: "detached" });
  });
});

describe("the class experiment on the phone", () => {
  it("'rank of N' follows when the class grows, even when the rank stays", async () => {
    await teacher.getByRole("navigation", { name: "activities" }).getByRole("button", { name: /Class experiment: find the best λ/ }).click();
    const mine = ada.locator('[data-rank]');
    await ada.getByRole("button", { name: "Train with this value" }).click();
    await mine.waitFor({ timeout: 60_000 });
    expect([await mine.getAttribute("data-rank"), await mine.getAttribute("data-of")]).toEqual(["1", "1"]);
    // Bo trains with no penalty at all: a far worse validation loss, so Ada stays 1st — now of 2.
    const bo = (await joinOnPhone(browser, server.url, code, "Bo")).page;
    await bo.getByLabel("Use exactly 0 (no penalty)").check();
    await bo.getByRole("button", { name: "Train with this value" }).click();
    await bo.locator("[data-rank]").waitFor({ timeout: 60_000 });
    expect(await bo.locator("[data-rank]").getAttribute("data-rank")).toBe("2");
    await ada.locator('[data-rank="1"][data-of="2"]').waitFor({ timeout: 10_000 });
    await shotOfCard(ada, null, "phone-05-experiment-of-2");
  });
});

async function shotOfCard(p: Page, id: string | null, name: string) {
  await p.locator(id ? `article[data-question="${id}"]` : 'section[aria-labelledby="exp-title"]').screenshot({ path: `${SHOTS}/${name}.png` });
}
