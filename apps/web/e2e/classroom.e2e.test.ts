/**
 * A whole class in real browsers, as a teacher and a room would run it: the built web app, the
 * server, PGlite, Socket.IO and headless Chromium, nothing mocked.
 *
 * - The teacher drives all 21 activities from the console's keyboard alone (1366×768); a second
 *   browser signed in as the same teacher (1440×900, no host secret anywhere) takes over at the
 *   end and closes the class.
 * - The projector is a classroom PC paired by code (view only): every teacher command sent over
 *   its own connection is refused by the server. It is checked at 1920×1080 and 1280×720 for
 *   every activity: nothing scrolls, an open question's prompt is on screen.
 * - Three phones: Ada answers right, Grace makes the classic mistakes, Kev types nonsense.
 * - A timed question counts down on the projector and the phones together and closes at 0.
 * - Every screen's visible text is scanned for ids, mistake keys and raw TeX; axe checks pages.
 * Screenshots go to e2e/screenshots/class-*.png.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forbiddenTokens, lesson, moveFor, templates, type Student } from "./answers";
import { joinOnPhone, launchChromium, shot, SHOTS, signUpTeacher, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let ctxA: BrowserContext;
let consoleA: Page;
let consoleB: Page;
let projector: Page;
let sessionId = "";
let code = "";
let account = { email: "", password: "" };
const phones: { page: Page; name: string; student: Student }[] = [];
const FORBIDDEN = forbiddenTokens();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the paired screen's own connection

/** Frames through the paired projector's WebSocket, so the test can speak on that page's connection. */
let screenSocket: ReturnType<WebSocketRoute["connectToServer"]> | null = null;
let ackId = 9000;
const acks = new Map<number, (payload: unknown) => void>();
async function sendFromScreen(event: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const id = ackId++;
  const reply = new Promise<unknown>((resolve) => acks.set(id, resolve));
  // A Socket.IO event with an ack id, in Engine.IO's message frame ("4" + "2" + id + JSON).
  screenSocket!.send(`42${id}${JSON.stringify([event, payload])}`);
  return (await reply) as { ok: boolean; error?: { code: string } };
}

// ---------------------------------------------------------------- what people see

/** Visible text with rendered math, pictures and charts left out: what is left must hold no TeX, id or key. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => {
        const el = n.parentElement;
        if (!el || el.closest(".katex, script, style, svg, canvas, noscript") || !el.checkVisibility()) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
    return out.join("\n");
  });
}

const scanned: string[] = [];
async function scan(page: Page, where: string): Promise<void> {
  const text = await visibleText(page);
  const tex = text.split("\n").filter((l) => /[\\$]/.test(l));
  expect(tex, `raw TeX on ${where}`).toEqual([]);
  const leaks = FORBIDDEN.filter((t) => new RegExp(`(^|[^A-Za-z0-9-])${t.replace(/[-]/g, "\\-")}([^A-Za-z0-9-]|$)`).test(text));
  expect(leaks, `ids or keys on ${where}`).toEqual([]);
  scanned.push(where);
}

/**
 * Nothing below the fold: the page does not scroll, and — since the stage itself clips what does
 * not fit — no visible element of it reaches past the screen's edge either.
 */
async function expectNoScroll(where: string): Promise<void> {
  const size = await projector.evaluate(() => {
    const cut = [...document.querySelectorAll("main.stage *")]
      .filter((el) => !el.closest(".names, .katex-mathml") && el.checkVisibility())
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.bottom > innerHeight + 1 || r.right > innerWidth + 1))
      .map(({ el, r }) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} to ${Math.round(r.bottom)}×${Math.round(r.right)}`);
    return { h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth, ih: innerHeight, iw: innerWidth, cut };
  });
  expect(size.h, `${where}: the projector scrolls (${size.h} > ${size.ih})`).toBeLessThanOrEqual(size.ih);
  expect(size.w, `${where}: the projector scrolls sideways`).toBeLessThanOrEqual(size.iw);
  expect(size.cut.slice(0, 5), `${where}: cut off below or beside the screen`).toEqual([]);
}

async function expectPromptOnScreen(where: string): Promise<void> {
  const prompt = projector.locator('[data-role="question-prompt"]');
  await prompt.waitFor();
  const box = (await prompt.boundingBox())!;
  const vh = await projector.evaluate(() => innerHeight);
  expect(box.y, `${where}: prompt above the screen`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${where}: prompt below the fold`).toBeLessThanOrEqual(vh);
}

/** The projector at both sizes: no scrolling, the open question's prompt visible, a screenshot of each. */
async function projectorAtBothSizes(name: string, questionOpen: boolean): Promise<void> {
  for (const [w, h] of [[1920, 1080], [1280, 720]] as const) {
    await projector.setViewportSize({ width: w, height: h });
    await sleep(250);
    await expectNoScroll(`${name} at ${w}×${h}`);
    if (questionOpen) await expectPromptOnScreen(`${name} at ${w}×${h}`);
    await shot(projector, `class-${name}-projector-${w}`);
  }
  await projector.setViewportSize({ width: 1920, height: 1080 });
}

// ---------------------------------------------------------------- driving the class

const press = async (key: string, page = consoleA) => {
  if (key === "Enter") await primaryLabel(page); // as a teacher does: press when the button is ready
  await page.keyboard.press(key);
};
/** The main button's label once it is ready for the next press (it is disabled while its last action is on its way). */
const primaryLabel = async (page = consoleA) => {
  const button = page.getByTestId("primary-action");
  await expect.poll(() => button.isEnabled()).toBe(true);
  return button.textContent();
};

/** Every simulation screen shows the same step and weights once paused. */
async function waitForLockstep(pages: Page[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  let last: { step: number; hash: string }[] = [];
  while (Date.now() < until) {
    last = await Promise.all(pages.map((p) => p.locator("[data-hash]").first().evaluate((el) => ({ step: Number(el.getAttribute("data-step")), hash: el.getAttribute("data-hash") ?? "" }))));
    if (last.every((s) => s.hash !== "" && s.hash === last[0].hash && s.step === last[0].step)) return last[0];
    await sleep(250);
  }
  throw new Error(`screens never agreed: ${JSON.stringify(last)}`);
}

/** A phone does what its student does with the question now open; returns whether it sent something the server kept. */
async function answerOnPhone(p: (typeof phones)[number], qid: string): Promise<"saved" | "refused" | "skipped"> {
  const card = p.page.locator(`article[data-question="${qid}"]`);
  await card.waitFor();
  // Nothing runs off the phone's screen (earlier verdicts and worked solutions included): a mobile
  // browser would zoom out to fit it, and the page would jump under the student's thumb.
  expect(await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${p.student} on ${qid}`).toBeLessThanOrEqual(0);
  const move = moveFor(p.student, templates.get(qid)!, (await card.getAttribute("data-prompt")) ?? "");
  if (!move) return "skipped";
  if ("pick" in move) await card.locator("label.option", { hasText: move.pick.slice(0, 40) }).click();
  else await card.getByLabel(/Your answer/).fill(move.type);
  await card.getByRole("button", { name: "Send answer" }).click();
  const outcome = await Promise.race([
    card.getByText("✓ Answer saved").waitFor().then(() => "saved" as const),
    card.locator(".error").waitFor().then(() => "refused" as const),
  ]);
  return outcome;
}

beforeAll(async () => {
  server = await startLiveLab();
  browser = await launchChromium();
  ctxA = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  consoleA = await ctxA.newPage();
  consoleA.on("dialog", (d) => void d.accept());
  account = await signUpTeacher(consoleA, server.url);
  await consoleA.getByRole("button", { name: "Start a session" }).click();
  await consoleA.waitForURL(/\/teach\/[\w-]+$/);
  sessionId = consoleA.url().split("/").pop()!;
  code = (await consoleA.getByTestId("join-code").textContent())!.trim();
  for (const [name, student] of [["Ada", "right"], ["Grace", "mistake"], ["Kev", "nonsense"]] as const) {
    const p = await joinOnPhone(browser, server.url, code, name);
    phones.push({ page: p.page, name, student });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a class the whole room can follow", () => {
  it("a teacher signed in on a second browser opens the same console by account; no host secret is kept in any browser", async () => {
    const ctxB = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    consoleB = await ctxB.newPage();
    consoleB.on("dialog", (d) => void d.accept());
    await consoleB.goto(`${server.url}/signin?next=${encodeURIComponent(`/teach/${sessionId}`)}`);
    await consoleB.getByLabel("Email").fill(account.email);
    await consoleB.getByLabel("Password").fill(account.password);
    await consoleB.getByRole("button", { name: "Sign in" }).click();
    await consoleB.getByTestId("join-code").filter({ hasText: code }).waitFor();
    for (const page of [consoleA, consoleB]) {
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("livelab:host")))).toEqual([]);
    }
    // The tab has the app's icon.
    const icon = await consoleB.locator('link[rel="icon"]').first().getAttribute("href");
    expect((await fetch(new URL(icon!, server.url))).headers.get("content-type")).toMatch(/image\/svg/);
  });

  it("a classroom PC paired by code shows the lobby and is view-only: the server refuses every teacher command from it", async () => {
    await consoleA.getByRole("button", { name: "Make a pairing code" }).click();
    const pairCode = (await consoleA.getByTestId("pair-code").textContent())!.trim();
    await consoleA.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const ctxP = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    projector = await ctxP.newPage();
    await projector.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      screenSocket = upstream;
      upstream.onMessage((m) => {
        const text = typeof m === "string" ? m : "";
        const ack = /^43(\d+)(\[.*)$/s.exec(text);
        if (ack && acks.has(Number(ack[1]))) return acks.get(Number(ack[1]))!((JSON.parse(ack[2]) as unknown[])[0]);
        ws.send(m);
      });
      ws.onMessage((m) => upstream.send(m));
    });
    await projector.goto(`${server.url}/pair#${pairCode}`);
    await projector.getByTestId("projector-code").filter({ hasText: code }).waitFor();
    for (const p of phones) await projector.getByLabel("who joined").getByText(p.name).waitFor();
    await shot(projector, "class-00-lobby-projector-1920");
    await scan(projector, "the lobby");
    const commands: [string, unknown][] = [
      ["activity:goto", { index: 5 }], ["session:lock", { locked: true }], ["session:pause", { paused: true }],
      ["question:open", { questionId: "warmup-overfitting" }], ["question:close", { questionId: "warmup-overfitting" }],
      ["question:reveal", { questionId: "warmup-overfitting" }], ["participant:remove", { participantId: "x" }],
      ["session:end", {}], ["sim:control", { op: "play" }], ["projector:show", { questionId: null }], ["stage:set", { blank: true }],
      ["question:extend", { questionId: "warmup-overfitting", seconds: 30 }], ["text:moderate", { questionId: "why-l1-zeros", participantId: "x", hidden: true }],
      ["viewer:pair", {}], ["viewer:revoke", {}], ["host:attach", { sessionId }],
    ];
    for (const [event, payload] of commands) expect(await sendFromScreen(event, payload), event).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // Nothing changed: still the lobby, still joinable.
    await sleep(300);
    expect(await projector.locator("main.stage").getAttribute("data-mode")).toBe("join");
    expect(await consoleA.getByText("Lock joining").count()).toBe(1);
  });

  it("the whole lesson from the keyboard: every activity on every screen, answers right, wrong and unreadable, a timed question, reloads", async () => {
    const titles = lesson.activities.map((a) => a.title);
    let where = "";
    try {
    for (const [i, activity] of lesson.activities.entries()) {
      where = activity.id;
      const nn = String(i + 1).padStart(2, "0");
      const name = `${nn}-${activity.id}`;
      const driver = i === lesson.activities.length - 1 ? consoleB : consoleA;
      if (i > 0) await projector.locator(".strip h1").filter({ hasText: titles[i] }).waitFor();

      // A simulation plays and pauses in lockstep on every screen.
      if (activity.simulation) {
        for (const p of phones) await p.page.locator("[data-hash]").first().waitFor();
        await press(" ", driver);
        await sleep(activity.simulation.presetId === "early-stopping" ? 9500 : 1500);
        await press(" ", driver);
        const agreed = await waitForLockstep([consoleA, projector, ...phones.map((p) => p.page)]);
        expect(agreed.step, `${activity.id} did not move`).toBeGreaterThan(0);
        if (activity.id === "overfit-poly") {
          // A reloaded phone draws the whole loss history again, not an empty chart: a short way
          // back it replays and keeps every step; far back (the other console seeks to 900) the
          // history comes with the server's keyframe.
          for (const target of [agreed.step, 900]) {
            if (target === 900) {
              await consoleB.locator("#seek").fill("900");
              await waitForLockstep([consoleA, projector, phones[1].page]);
            }
            await phones[0].page.reload();
            const sim = phones[0].page.locator(`section.sim[data-step="${target}"]`);
            await sim.waitFor();
            // About 300 points per run are kept while catching up (every 5th step of 1500).
            const atLeast = target === 900 ? 150 : Math.floor(target / 5);
            await expect.poll(async () => Number(await sim.getAttribute("data-points")), { timeout: 10_000 }).toBeGreaterThanOrEqual(atLeast);
          }
          await shot(phones[0].page, "class-02-overfit-poly-phone-after-reload");
        }
        if (activity.simulation.presetId === "early-stopping") {
          await projector.getByText(/weights from step 60 are restored/).waitFor();
          // At 1366×768 the console shows the simulation's controls and the first question together.
          for (const part of [consoleA.getByLabel("simulation controls"), consoleA.locator('[data-question="early-stop-step"] button').first()]) {
            const box = (await part.boundingBox())!;
            expect(box.y + box.height, "console: controls and question above the fold").toBeLessThanOrEqual(768);
          }
        }
        if (activity.id === "overfit-poly") {
          // Axis labels of 20 px at 1080p, body text of 28 px.
          expect(await projector.locator(".chart").first().evaluate((el) => parseFloat(getComputedStyle(el).getPropertyValue("--chart-font")))).toBeGreaterThanOrEqual(20);
          expect(await projector.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main.stage")!).fontSize))).toBeGreaterThanOrEqual(28);
        }
      }
      if (activity.experiment) {
        const positions = ["-2", "-4", "0.5"];
        await Promise.all(phones.map(async (p, k) => {
          await p.page.locator("#exp-slider").fill(positions[k]);
          await p.page.getByRole("button", { name: "Train with this value" }).click();
          await p.page.locator("[data-rank]").waitFor({ timeout: 30_000 });
        }));
        await projector.locator('canvas[data-points="3"]').waitFor({ timeout: 15_000 });
        expect((await phones[0].page.locator("#exp-slider").boundingBox())!.height, "the λ slider is a 44 px target").toBeGreaterThanOrEqual(44);
      }

      for (const q of activity.questions) {
        const timed = q.id === "l2-decay-factor";
        if (timed) for (let k = 0; k < 1; k++) await press("t", driver); // 10 s
        expect(await primaryLabel(driver)).toMatch(i === 0 && q === activity.questions[0] ? /^Start: open question/ : /^Open question/);
        await press("Enter", driver);
        await consoleA.locator(`[data-question="${q.id}"][data-status="open"]`).waitFor();
        for (const p of phones) await p.page.locator(`article[data-question="${q.id}"]`).waitFor();
        await phones[0].page.locator(`article[data-question="${q.id}"] p`).first().waitFor();
        await projectorAtBothSizes(`${name}-${q.id}-open`, true);
        if (q.id === "l2-decay-k-steps") {
          // Typed but not sent survives a reload.
          // Typed but not sent survives a reload; the ± key makes a number negative on any keypad.
          const kev = phones[2].page;
          const card = kev.locator(`article[data-question="${q.id}"]`);
          await card.getByLabel(/Your answer/).fill("0.25");
          await card.getByRole("button", { name: /change the sign/ }).click();
          expect(await card.getByLabel(/Your answer/).inputValue()).toBe("-0.25");
          await kev.reload();
          await expect.poll(() => kev.locator(`article[data-question="${q.id}"]`).getByLabel(/Your answer/).inputValue()).toBe("-0.25");
          // Hint and the ± key are tap targets of at least 44 px.
          for (const target of [kev.getByText("Hint", { exact: true }), kev.getByRole("button", { name: /change the sign/ })]) {
            expect((await target.boundingBox())!.height, "a tap target under 44 px").toBeGreaterThanOrEqual(44);
          }
        }
        if (timed) {
          const read = async (page: Page) => Number(await page.locator('[data-role="countdown"]').first().textContent());
          await projector.locator('[data-role="countdown"]').waitFor();
          const first = await Promise.all([projector, ...phones.map((p) => p.page)].map(read));
          expect(Math.max(...first) - Math.min(...first), `countdowns ${first.join(", ")}`).toBeLessThanOrEqual(1);
          await sleep(1500);
          const later = await Promise.all([projector, ...phones.map((p) => p.page)].map(read));
          expect(Math.max(...later) - Math.min(...later), `countdowns ${later.join(", ")}`).toBeLessThanOrEqual(1);
          expect(later[0]).toBeLessThan(first[0]);
          await shot(phones[0].page, `class-${name}-phone-countdown`);
        }
        const results = await Promise.all(phones.filter((p) => !(timed && p.student === "nonsense")).map((p) => answerOnPhone(p, q.id)));
        const kept = results.filter((r) => r === "saved").length;
        await consoleA.locator(`[data-question="${q.id}"] [data-answered="${kept}"]`).waitFor();
        if (q.kind === "numeric" && !timed) await consoleA.locator(`[data-question="${q.id}"]`).getByText("Tried — unreadable: Kev").waitFor();
        if (timed) {
          // At 0 the question closes on the server's clock; Kev, who waited, can no longer answer.
          await projector.locator('.stage-question[data-status="closed"]').waitFor({ timeout: 15_000 });
          await projector.getByText("Time's up").waitFor();
          const kevCard = phones[2].page.locator(`article[data-question="${q.id}"]`);
          await kevCard.getByText("Answers are closed").waitFor();
          expect(await kevCard.getByRole("button", { name: "Send answer" }).count()).toBe(0);
          expect(await primaryLabel(driver)).toBe("Show results Enter");
        } else {
          await press("Enter", driver); // close and show results
        }
        if (timed) {
          await press("Enter", driver); // show results
          await projector.locator(".stage-question .q-wait, .stage-question .bars").first().waitFor();
        }
        await consoleA.locator(`[data-question="${q.id}"][data-status="closed"]`).waitFor();
        await expect.poll(() => primaryLabel(driver)).toMatch(/^(Reveal the answer|Show the worked answer)/);
        await press("Enter", driver); // reveal
        for (const p of phones) await p.page.locator(`article[data-question="${q.id}"] [data-result]`).waitFor();
        await projector.locator(".q-reveal, .bars, .wall").first().waitFor();
        if ((q.kind === "numeric" || q.kind === "expression") && q.mistakes.length > 0) {
          // Grace's classic mistake is on the projector by its label, never its key.
          await projector.locator(".bars").getByText(q.mistakes[0].label).waitFor();
        }
        await projectorAtBothSizes(`${name}-${q.id}-results`, false);
        await scan(projector, `${q.id} results on the projector`);
        await scan(consoleA, `${q.id} on the console`);
        for (const p of phones) await scan(p.page, `${q.id} feedback on ${p.name}'s phone`);
        await shot(phones[1].page, `class-${name}-${q.id}-phone-feedback`);
      }

      await projectorAtBothSizes(name, false);
      if (activity.simulation && !activity.questions.length) {
        const main = await projector.locator(".stage-main").boundingBox();
        expect(main!.width, `${activity.id}: the main plot takes half the screen`).toBeGreaterThanOrEqual(1920 / 2 - 2);
      }
      await scan(projector, `${activity.id} on the projector`);
      await scan(consoleA, `${activity.id} on the console`);
      await scan(phones[0].page, `${activity.id} on a phone`);
      await shot(driver, `class-${name}-console`);
      await shot(phones[0].page, `class-${name}-phone`);
      if (i < lesson.activities.length - 1) {
        expect(await primaryLabel(driver)).toBe(`Next: ${titles[i + 1]} Enter`);
        await press(i === lesson.activities.length - 2 ? "PageDown" : "Enter", driver);
        await consoleA.getByRole("heading", { level: 1, name: titles[i + 1] }).waitFor();
      }
    }
    } catch (e) {
      // What every screen showed when it went wrong, for whoever reads the failure.
      for (const [n, page] of [["console", consoleA], ["projector", projector], ...phones.map((p) => [p.name, p.page] as const)] as const) await shot(page, `failed-${where}-${n}`);
      throw e;
    }
  });

  it("the second teacher ends the class with the podium on; the projector shows the closure and every phone its look-back", async () => {
    // The switch follows the server's state: it is ticked once the command is through.
    const podium = consoleB.getByLabel(/Podium at the end/);
    await podium.click();
    await expect.poll(() => podium.isChecked()).toBe(true);
    expect(await primaryLabel(consoleB)).toBe("End the class Enter");
    await press("Enter", consoleB);
    await projector.locator('main.stage[data-mode="summary"]').waitFor();
    await projector.getByText("That was the class").waitFor();
    await projector.getByLabel("podium").getByText("Ada").waitFor();
    await projector.getByText("Most common mistakes").waitFor();
    await expectNoScroll("the summary at 1920×1080");
    await projectorAtBothSizes("99-summary", false);
    await scan(projector, "the summary");
    for (const p of phones) {
      await p.page.getByText("Thanks for taking part!").waitFor();
      await p.page.getByRole("heading", { name: "Look back at every question" }).waitFor();
      await scan(p.page, `${p.name}'s look-back`);
    }
    const asked = lesson.activities.flatMap((a) => a.questions).length;
    expect(await phones[0].page.locator("article.lookback").count()).toBe(asked);
    const solution = phones[0].page.locator("article.lookback").first().getByText("Worked solution");
    if (await solution.count()) expect((await solution.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await phones[1].page.getByRole("heading", { name: "Look back at every question" }).scrollIntoViewIfNeeded();
    await phones[1].page.screenshot({ path: `${SHOTS}/class-99-phone-lookback-top.png` });
    await shot(phones[1].page, "class-99-phone-lookback");
    await shot(consoleB, "class-99-console-ended");
  });

  it("no serious or critical accessibility violations on the projector, the consoles, a phone and the pairing page", async () => {
    const pair = await (await browser.newContext()).newPage();
    await pair.goto(`${server.url}/pair`);
    await pair.getByLabel("Pairing code").waitFor();
    for (const [name, page] of [["projector", projector], ["console", consoleA], ["second console", consoleB], ["phone", phones[0].page], ["pairing page", pair]] as const) {
      const results = await new AxeBuilder({ page: page as never }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${name}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
    }
    expect(scanned.length).toBeGreaterThan(100);
  });
});
