/**
 * An answer sent while the phone is offline is kept, not lost ("an answer acknowledged is an
 * answer stored; nothing lost"). In Chromium, a phone loses its network (context.setOffline),
 * the student types and sends, the phone comes back:
 *
 * - the phone says "not sent yet" while offline (never "saved"), sends the answer only after its
 *   seat is resumed, and says "saved" once the server acknowledged it; the report holds it
 *   exactly once (one attempt, one response);
 * - when the teacher closes the question while the phone is offline, the phone says clearly
 *   that the answer was not sent because the question closed, and nothing is stored.
 *
 * Before the fix, Socket.IO flushed the buffered answer before the resume, the server answered
 * NOT_AUTHENTICATED and the phone dropped the answer. Runs on PGlite, and on PostgreSQL too when
 * TEST_DATABASE_URL is set. Screenshots: e2e/screenshots/offline-*.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { SessionReport } from "@livelab/core/report";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBackends, joinOnPhone, launchChromium, shot, startClassAsNewTeacher, startLiveLabOn } from "./support";

const QUESTION = "l2-decay-factor";

describe.each(e2eBackends())("an answer sent offline (%s)", (backend) => {
  let server: Awaited<ReturnType<typeof startLiveLabOn>>;
  let browser: Browser;
  let teacher: Page;
  let sessionId = "";
  let ben: { ctx: BrowserContext; page: Page };
  let chloe: { ctx: BrowserContext; page: Page };

  const report = async (): Promise<SessionReport> =>
    ((await (await teacher.request.get(`${server.url}/api/sessions/${sessionId}/report`)).json()) as { data: SessionReport }).data;
  const card = (p: Page) => p.locator(`article[data-question="${QUESTION}"]`);
  const badge = (p: Page) => p.locator("header .conn");

  /** The phone's own numbers from its prompt, and the right answer 1 − 2ηλ. */
  async function rightAnswer(p: Page): Promise<string> {
    const prompt = (await card(p).getAttribute("data-prompt")) ?? "";
    const eta = Number(/\\eta = ([\d.]+)/.exec(prompt)?.[1]);
    const lambda = Number(/\\lambda = ([\d.]+)/.exec(prompt)?.[1]);
    return String(Number((1 - 2 * eta * lambda).toPrecision(10)));
  }

  /** Offline as a phone is when its Wi-Fi drops: the page notices its connection is gone. */
  async function goOffline(p: { ctx: BrowserContext; page: Page }) {
    await p.ctx.setOffline(true);
    await badge(p.page).filter({ hasNotText: "Connected" }).waitFor({ timeout: 60_000 });
  }

  async function sendOffline(p: Page, answer: string) {
    await card(p).getByLabel(/Your answer/).fill(answer);
    await card(p).getByRole("button", { name: "Send answer" }).click();
  }

  beforeAll(async () => {
    server = await startLiveLabOn(backend);
    browser = await launchChromium();
    let code: string;
    ({ teacher, sessionId, code } = await startClassAsNewTeacher(browser, server.url));
    ben = await joinOnPhone(browser, server.url, code, "Ben");
    chloe = await joinOnPhone(browser, server.url, code, "Chloe");
    await teacher.getByRole("navigation", { name: "activities" }).getByRole("button", { name: /^4\. Weight decay, one step/ }).click();
    await teacher.locator(`[data-question="${QUESTION}"]`).getByRole("button", { name: "Open", exact: true }).click();
    for (const p of [ben.page, chloe.page]) await card(p).getByRole("button", { name: "Send answer" }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is kept while offline, sent after the seat is resumed, stored exactly once, and shown as saved", async () => {
    const answer = await rightAnswer(ben.page);
    await goOffline(ben);
    await sendOffline(ben.page, answer);
    // Honest while offline: kept on the phone, not sent, the input locked on what will be sent.
    const line = card(ben.page).locator("[data-save]");
    await line.and(ben.page.locator('[data-save="waiting"]')).waitFor();
    expect(await line.innerText()).toMatch(/Not sent yet/);
    expect(await card(ben.page).getByLabel(/Your answer/).isDisabled()).toBe(true);
    await shot(ben.page, "offline-01-phone-waiting");
    // The server has nothing from Ben yet.
    expect((await report()).students.find((s) => s.nickname === "Ben")!.answered).toBe(0);

    await ben.ctx.setOffline(false);
    await card(ben.page).locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    expect(await card(ben.page).locator("[data-save]").innerText()).toMatch(/Answer saved/);
    await shot(ben.page, "offline-02-phone-sent");

    const r = await report();
    const stored = r.students.find((s) => s.nickname === "Ben")!;
    expect(stored.answers[QUESTION]).toMatchObject({ answer, status: "correct", attempts: 1 });
    expect(r.overview.responses).toBe(1);
    // A reload resends nothing: the kept answer was forgotten once acknowledged.
    await ben.page.reload();
    await card(ben.page).locator('[data-save="saved"]').waitFor();
    expect(await ben.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("livelab:pending:")).map((k) => localStorage.getItem(k)))).toEqual(["{}"]);
    expect((await report()).overview.responses).toBe(1);
  });

  it("says clearly that it was not sent when the question closed meanwhile, and stores nothing", async () => {
    await goOffline(chloe);
    await sendOffline(chloe.page, await rightAnswer(chloe.page));
    await card(chloe.page).locator('[data-save="waiting"]').waitFor();
    await teacher.locator(`[data-question="${QUESTION}"]`).getByRole("button", { name: "Close", exact: true }).click();
    await teacher.locator(`[data-question="${QUESTION}"]`).getByRole("button", { name: "Close", exact: true }).waitFor({ state: "detached" });

    await chloe.ctx.setOffline(false);
    const refused = card(chloe.page).locator('[data-save="error"]');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.innerText()).toBe("The question closed before your answer reached your teacher, so it was not counted.");
    await shot(chloe.page, "offline-03-phone-closed-meanwhile");

    const r = await report();
    expect(r.students.find((s) => s.nickname === "Chloe")!.answered).toBe(0);
    expect(r.overview.responses).toBe(1);
    // Nothing is left to be resent later either.
    expect(await chloe.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("livelab:pending:")).map((k) => localStorage.getItem(k)))).toEqual(["{}"]);
  });
});
