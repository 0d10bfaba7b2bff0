/**
 * Practice after class in a real browser (issue 13): a student joins a class with its code, a
 * name and a PIN; practises on a phone until a skill is mastered — a wrong answer and its worked
 * solution on the way — and the next node of the course opens; answers once while the phone is
 * offline (kept, sent once when back); a review falls due after the server's clock moves on 30
 * days; the teacher's grid at 1,280 × 720 shows all of it, and a live class run for the class
 * seats the student under their own name. Screenshots in e2e/screenshots/practice-*.png.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { practiceMove } from "./practiceAnswers";
import { forbiddenTokens } from "./answers";
import { launchChromium, PHONE, shot, signUpTeacher, startLiveLab } from "./support";

let server: Awaited<ReturnType<typeof startLiveLab>>;
let browser: Browser;
let teacherCtx: BrowserContext;
let teacher: Page;
let phoneCtx: BrowserContext;
let phone: Page;
let classCode = "";
let classUrl = "";
let mistakeLabel = "";

beforeAll(async () => {
  server = await startLiveLab({ env: { LIVELAB_TEST_CLOCK: "1" } });
  browser = await launchChromium();
  teacherCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  teacher = await teacherCtx.newPage();
  teacher.on("dialog", (d) => void d.accept());
  phoneCtx = await browser.newContext(PHONE);
  phone = await phoneCtx.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** No page a person reads shows an id, a mistake's key or raw TeX. */
async function readable(page: Page): Promise<void> {
  const text = await page.locator("main").innerText();
  for (const token of forbiddenTokens()) expect(text, token).not.toMatch(new RegExp(`(^|[^\\w-])${token}([^\\w-]|$)`));
  expect(text).not.toMatch(/\\(frac|lambda|eta|partial|mathrm)|\$/);
}

/** Answer the item on the phone (right, or with a named mistake) and wait for the verdict. */
async function answer(skill: string, kind: "right" | "mistake"): Promise<string> {
  const card = phone.locator("article[data-item]");
  await card.waitFor();
  const prompt = (await card.getAttribute("data-prompt"))!;
  const { move } = practiceMove(skill, prompt, kind);
  if ("type" in move) await card.getByLabel(/Your answer/).fill(move.type);
  else for (const id of move.ids) await card.locator(`input[value="${id}"]`).check();
  await phone.getByRole("button", { name: "Check my answer" }).click();
  await phone.locator("[data-result]").waitFor();
  return prompt;
}

/** Type into a field until the page has taken it (a field filled before hydration is reset by React). */
async function fillHydrated(page: Page, label: string, value: string, submit: string): Promise<void> {
  const button = page.getByRole("button", { name: submit });
  for (let i = 0; i < 20 && !(await button.isEnabled()); i++) {
    await page.getByLabel(label).fill(value);
    if (await button.isEnabled()) break;
    await page.waitForTimeout(250);
  }
}

/**
 * Each symbol of the grid's legend on the same line as the first letter of its label (the
 * tryout saw "✓✓" and "↻" wrap away from their words): the symbols that sit apart from theirs.
 */
async function legendSymbolsApart(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const legend = document.querySelector(".legend")!;
    const apart: string[] = [];
    for (const sym of legend.querySelectorAll(".cell, .mark")) {
      const walker = document.createTreeWalker(legend, NodeFilter.SHOW_TEXT);
      walker.currentNode = sym.lastChild ?? sym;
      let text: Node | null = walker.nextNode();
      while (text && !/\S/.test(text.textContent ?? "")) text = walker.nextNode();
      if (!text) { apart.push(sym.textContent ?? ""); continue; }
      const at = (text.textContent ?? "").search(/\S/);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      const a = sym.getBoundingClientRect();
      const b = range.getClientRects()[0];
      // The same line: the letter's middle is within the symbol's height.
      if (!b || Math.abs((b.top + b.bottom) / 2 - (a.top + a.bottom) / 2) > a.height / 2) apart.push(sym.textContent ?? "");
    }
    return apart;
  });
}

/** On to a fresh question: wait until it has replaced the one just answered. */
async function next(): Promise<void> {
  const before = await phone.locator("article[data-item]").getAttribute("data-item");
  await phone.locator("[data-result]").getByRole("button", { name: /Next question|Try a new question/ }).click();
  await phone.locator(`article[data-item]:not([data-item="${before}"])`).waitFor();
}

describe("practice after class", () => {
  it("the teacher creates a class; a student joins it on a phone with the code, a name and a PIN", async () => {
    await signUpTeacher(teacher, server.url, "Ms Rivera");
    await teacher.getByRole("link", { name: "Classes" }).click();
    await fillHydrated(teacher, "New class", "9B Physics", "Create class");
    await teacher.getByRole("button", { name: "Create class" }).click();
    await teacher.waitForURL(/\/teach\/classes\/[\w-]+$/);
    classUrl = teacher.url();
    classCode = (await teacher.getByTestId("class-code").textContent())!.trim();
    expect(classCode).toMatch(/^[A-Z2-9]{7}$/);

    await phone.goto(server.url);
    await fillHydrated(phone, "Class code", classCode.toLowerCase(), "Join");
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.getByRole("heading", { name: "9B Physics" }).waitFor();
    await phone.getByLabel("Your name").fill("Ada L");
    await phone.getByLabel("Choose a PIN").fill("2468");
    await phone.getByLabel("Type the PIN again").fill("2468");
    await shot(phone, "practice-01-phone-join-class");
    await phone.getByRole("button", { name: "Join 9B Physics" }).click();
    await phone.waitForURL(/\/me$/);
    await phone.locator('[data-node="regularization"][data-status="locked"]').waitFor();
    expect(await phone.locator('[data-node="regularization"]').innerText()).toMatch(/Opens when you have mastered: Neural networks: a gradient step and Convex optimization: convexity checks/);
    await readable(phone);
    await shot(phone, "practice-02-phone-home-start");
    // The way in on another device: the class code in view, the personal link a link to tap or copy.
    expect(await phone.getByTestId("my-class-code").textContent()).toBe(classCode);
    await phone.getByRole("button", { name: "Show my personal link" }).click();
    const link = phone.getByTestId("my-link");
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^${server.url}/s#[\\w-]{8,64}$`));
    expect(await link.textContent()).toBe(href);
    await phoneCtx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await phone.getByRole("button", { name: "Copy link" }).click();
    await phone.getByText("Copied.").waitFor();
    expect(await phone.evaluate(() => navigator.clipboard.readText())).toBe(href);
    await shot(phone, "practice-02b-phone-personal-link");
    // A personal link that is not (any more) valid says so, and the other way in; it asks no name.
    const other = await browser.newPage(PHONE);
    await other.goto(`${href.slice(0, -2)}xx`);
    await fillHydrated(other, "Your PIN", "2468", "Sign in");
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.getByRole("alert").getByText("This personal link is not valid: sign in with your class code, your name and your PIN instead.").waitFor();
    await shot(other, "practice-02c-phone-bad-personal-link");
    await other.close();
    const axe = await new AxeBuilder({ page: phone }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  it("practises until a skill is mastered: a wrong answer with its named mistake and worked solution, then fresh variants", async () => {
    await phone.getByRole("link", { name: "Practise One gradient-descent step" }).click();
    await phone.waitForURL(/\/me\/practice\/gradient-step$/);
    const first = await answer("gradient-step", "mistake");
    const t = practiceMove("gradient-step", first, "mistake").template;
    mistakeLabel = t.kind === "numeric" ? t.mistakes[0].label : "";
    const verdict = phone.locator("[data-result]");
    expect(await verdict.getAttribute("data-result")).toBe("incorrect");
    expect(await verdict.getAttribute("data-feedback-key")).not.toBe("");
    expect(await verdict.locator("details.solution-box").getAttribute("open")).not.toBeNull();
    expect(await verdict.innerText()).toMatch(/Not quite\.[\s\S]*Right answer:[\s\S]*Worked solution/);
    await readable(phone);
    await shot(phone, "practice-03-phone-wrong-with-solution");
    let previous = first;
    for (let i = 0; i < 3; i++) {
      await next();
      const prompt = await answer("gradient-step", "right");
      expect(prompt).not.toBe(previous); // never the same numbers twice in a row
      previous = prompt;
      expect(await phone.locator("[data-result]").getAttribute("data-result")).toBe("correct");
    }
    await phone.getByText("Mastered! Three right in a row on fresh questions.").waitFor();
    expect(await phone.locator('[data-role="mastery-row"]').getAttribute("data-level")).toBe("mastered");
    await shot(phone, "practice-04-phone-mastered");
  });

  it("the next node opens exactly when both prerequisites are mastered", async () => {
    await phone.getByRole("link", { name: "Back to your course" }).click();
    await phone.locator('[data-node="neural-networks"][data-status="mastered"]').waitFor();
    expect(await phone.locator('[data-node="regularization"]').getAttribute("data-status")).toBe("locked");
    await phone.getByRole("link", { name: "Practise Convexity checks" }).click();
    for (let i = 0; i < 3; i++) {
      await answer("convexity-check", "right");
      if (i < 2) await next();
    }
    await phone.locator(".unlocked-line").getByText("Regularization").waitFor();
    await shot(phone, "practice-05-phone-unlocked");
    await phone.getByRole("link", { name: "Back to your course" }).click();
    await phone.locator('[data-node="regularization"][data-status="available"]').waitFor();
    await readable(phone);
    await shot(phone, "practice-06-phone-home-unlocked");
    // The teacher sees this week's named mistake in practice.
    await teacher.goto(classUrl);
    await teacher.getByRole("list", { name: "common mistakes in practice this week" }).getByText(mistakeLabel).waitFor();
  });

  it("an answer given offline is kept, and sent once when the phone is back online", async () => {
    await phone.getByRole("link", { name: "Practise Penalty values" }).click();
    const card = phone.locator("article[data-item]");
    await card.waitFor();
    const prompt = (await card.getAttribute("data-prompt"))!;
    const { move } = practiceMove("penalty-values", prompt, "right");
    await phoneCtx.setOffline(true);
    await card.getByLabel(/Your answer/).fill((move as { type: string }).type);
    await phone.getByRole("button", { name: "Check my answer" }).click();
    await phone.locator('[data-role="kept"]').waitFor();
    expect(await phone.locator('[data-role="mastery-row"]').getAttribute("data-streak")).toBe("0"); // nothing counted yet
    await shot(phone, "practice-07-phone-offline-kept");
    await phone.waitForTimeout(5000); // a retry or two while offline: still kept
    await phoneCtx.setOffline(false);
    await phone.locator('[data-result="correct"]').waitFor();
    expect(await phone.locator('[data-role="mastery-row"]').getAttribute("data-streak")).toBe("1");
  });

  it("an answer kept offline, its page closed: the home says it waits, and its result shows under its question and answer", async () => {
    await phone.locator("[data-result]").getByRole("button", { name: "Next question" }).click();
    const card = phone.locator("article[data-item]:not([data-item=''])");
    await card.waitFor();
    const prompt = (await card.getAttribute("data-prompt"))!;
    await phoneCtx.setOffline(true);
    await card.getByLabel(/Your answer/).fill("999");
    await phone.getByRole("button", { name: "Check my answer" }).click();
    await phone.locator('[data-role="kept"]').waitFor();
    await phone.close(); // closed before the answer went out
    await phoneCtx.setOffline(false);
    phone = await phoneCtx.newPage();
    await phone.goto(`${server.url}/me`);
    const waiting = phone.locator('[data-role="waiting-answer"]');
    await waiting.getByText("Your answer on Penalty values is not sent yet.").waitFor();
    await phone.locator('[data-node="regularization"]').waitFor();
    await shot(phone, "practice-07b-phone-home-answer-waiting");
    await waiting.getByRole("link", { name: "Send it and see the result" }).click();
    await phone.locator('[data-result="incorrect"]').waitFor();
    // The verdict is not alone: its question and the answer the student typed are above it.
    expect(await phone.locator("article[data-item]").getAttribute("data-prompt")).toBe(prompt);
    expect(await phone.locator("article[data-item]").getByLabel(/Your answer/).inputValue()).toBe("999");
    await readable(phone);
    await shot(phone, "practice-07c-phone-result-after-offline");
    await phone.goto(`${server.url}/me`);
    await phone.locator('[data-node="regularization"]').waitFor();
    expect(await waiting.count()).toBe(0); // sent: nothing waits any more
  });

  it("a review falls due when the clock moves on 30 days", async () => {
    await phone.goto(`${server.url}/me`);
    expect(await phone.locator("#due-heading").count()).toBe(0);
    const moved = await fetch(`${server.url}/api/test/clock`, { method: "POST", headers: { origin: server.url, "content-type": "application/json" }, body: JSON.stringify({ advanceMs: 30 * 86_400_000 }) });
    expect(moved.status).toBe(200);
    await phone.reload();
    const due = phone.getByRole("region", { name: "Due today" });
    await due.getByText("Review: One gradient-descent step").waitFor();
    await due.getByText("Review: Convexity checks").waitFor();
    await shot(phone, "practice-08-phone-review-due");
    await due.getByRole("link", { name: "Review" }).first().click();
    await phone.waitForURL(/\/me\/practice\/gradient-step$/);
    await answer("gradient-step", "right");
  });

  it("the teacher's grid shows it, with the evidence behind a cell", async () => {
    await teacher.goto(classUrl);
    const cell = (skill: string) => teacher.locator(`button.cell[data-student="Ada L"][data-skill="${skill}"]`);
    await cell("gradient-step").waitFor();
    // Mastered, and right again at the review 30 days later: retained.
    expect(await cell("gradient-step").getAttribute("data-level")).toBe("retained");
    expect(await cell("convexity-check").getAttribute("data-level")).toBe("mastered");
    expect(await cell("convexity-check").getAttribute("aria-label")).toMatch(/review due/);
    expect(await cell("penalty-values").getAttribute("aria-label")).toMatch(/practising; 0 in a row, 1 of 2 right/);
    // That mistake was 30 days ago now: no longer "this week".
    await teacher.getByText("No named mistake in practice in the last 7 days.").waitFor();
    await shot(teacher, "practice-09-teacher-grid");
    for (const width of [1920, 1280, 1000, 760]) {
      await teacher.setViewportSize({ width, height: 720 });
      expect({ width, apart: await legendSymbolsApart(teacher) }).toEqual({ width, apart: [] });
    }
    await teacher.setViewportSize({ width: 1280, height: 720 });
    await cell("gradient-step").click();
    const panel = teacher.getByRole("dialog");
    await panel.getByRole("table", { name: "answers on this skill" }).waitFor();
    // The mistake, three right, the review: five answers, newest first.
    expect(await panel.getByRole("row").count()).toBe(1 + 5);
    await shot(teacher, "practice-10-teacher-evidence");
    await panel.getByRole("button", { name: "Close" }).click();
    const axe = await new AxeBuilder({ page: teacher }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  it("the teacher assigns a skill still behind a gate: it opens for the student and shows under Assignments with its date", async () => {
    const l2Link = phone.locator('[data-node="regularization"] a[aria-label="Practise L2 weight decay"]');
    await phone.goto(`${server.url}/me`);
    await phone.locator('[data-node="regularization"][data-status="in-progress"]').waitFor();
    expect(await l2Link.count()).toBe(0); // behind its gate: Penalty values first
    await teacher.getByRole("button", { name: "New assignment" }).click();
    await teacher.getByLabel("Title").fill("Weight decay before Friday");
    await teacher.getByRole("group", { name: "Skills" }).getByLabel("L2 weight decay").check();
    // The server's clock is 30 days ahead of the browser's here: a date 5 days on is already past
    // for the server, which decides; the form says why and stays open.
    const soon = new Date(Date.now() + 5 * 86_400_000);
    const soonValue = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, "0")}-${String(soon.getDate()).padStart(2, "0")}`;
    await teacher.getByLabel("Due (optional)").fill(soonValue);
    await teacher.getByRole("button", { name: "Assign", exact: true }).click();
    await teacher.getByRole("alert").getByText("That due date is already past. Pick a later day, or leave it empty.").waitFor();
    await shot(teacher, "practice-12b-teacher-assignment-past");
    await teacher.getByLabel("Due (optional)").fill("2027-02-05");
    await shot(teacher, "practice-12-teacher-assignment");
    await teacher.getByRole("button", { name: "Assign", exact: true }).click();
    const list = teacher.getByRole("list", { name: "assignments" });
    await list.getByText("Weight decay before Friday").waitFor();
    await list.getByText("0 of 1 students have mastered all of it").waitFor();
    expect(await teacher.getByText("That due date is already past.").count()).toBe(0);
    // The same assignment again (same skills, same due date): not added twice, and the page says so.
    await teacher.getByRole("button", { name: "New assignment" }).click();
    await teacher.getByRole("group", { name: "Skills" }).getByLabel("L2 weight decay").check();
    await teacher.getByLabel("Due (optional)").fill("2027-02-05");
    await teacher.getByRole("button", { name: "Assign", exact: true }).click();
    await teacher.getByRole("status").getByText(/already has an open assignment with these skills and this due date/).waitFor();
    expect(await list.getByRole("listitem").count()).toBe(1);
    expect(await teacher.locator('button.cell[data-student="Ada L"][data-skill="l2-decay"]').getAttribute("data-level")).toBe("not-started");

    await phone.goto(`${server.url}/me`);
    // Due on a Friday weeks ahead: listed under Assignments with its date, not under Due today.
    const due = phone.getByRole("region", { name: "Assignments" });
    await due.getByText("Weight decay before Friday").waitFor();
    expect(await phone.getByRole("region", { name: "Due today" }).getByText("Weight decay before Friday").count()).toBe(0);
    // Its gate (Penalty values first) is not passed, but the assignment opens it, on the map too.
    expect(await l2Link.count()).toBe(1);
    expect(await due.innerText()).toMatch(/Weight decay before Friday[\s\S]*from your teacher, due Fri[\s\S]*0 of 1 mastered/);
    await readable(phone);
    await shot(phone, "practice-13-phone-assignment");
    await due.locator("li", { hasText: "Weight decay before Friday" }).getByRole("link", { name: "Practise" }).click();
    await phone.waitForURL(/\/me\/practice\/l2-decay\?assignment=/);
    await phone.locator("article[data-item]").waitFor(); // the assignment opened it
    // A newcomer, whose Regularization is still behind its gate: the node says the teacher opened
    // the assigned skill, not "Locked" beside its Practise button.
    const benCtx = await browser.newContext(PHONE);
    const ben = await benCtx.newPage();
    await ben.goto(server.url);
    await fillHydrated(ben, "Class code", classCode, "Join");
    await ben.getByRole("button", { name: "Join" }).click();
    await ben.getByLabel("Your name").fill("Ben O");
    await ben.getByLabel("Choose a PIN").fill("1357");
    await ben.getByLabel("Type the PIN again").fill("1357");
    await ben.getByRole("button", { name: "Join 9B Physics" }).click();
    await ben.waitForURL(/\/me$/);
    const benNode = ben.locator('[data-node="regularization"][data-status="locked"][data-assigned="true"]');
    await benNode.waitFor();
    const benText = await benNode.innerText();
    expect(benText).toMatch(/Assigned by your teacher: open\. The rest opens when you have mastered: Neural networks: a gradient step and Convex optimization: convexity checks\./);
    expect(benText).not.toMatch(/Locked/);
    expect(await benNode.locator('a[aria-label="Practise L2 weight decay"]').isVisible()).toBe(true);
    await readable(ben);
    await shot(ben, "practice-13b-phone-locked-node-assigned");
    await benCtx.close();
    // The teacher's list of classes.
    await teacher.goto(`${server.url}/teach/classes`);
    await teacher.getByRole("table", { name: "your classes" }).getByRole("link", { name: "9B Physics" }).waitFor();
    await readable(teacher);
    await shot(teacher, "practice-14-teacher-classes");
    await teacher.goto(classUrl);
  });

  it("a right answer after the hint says why it does not count; mastering a gate the assignment already passed announces nothing", async () => {
    // On the assigned L2 weight decay: the first of its questions that has a hint, opened, then answered right.
    let hinted = false;
    for (let i = 0; i < 8 && !hinted; i++) {
      const card = phone.locator("article[data-item]");
      await card.waitFor();
      const show = card.getByRole("button", { name: "Show a hint" });
      if (await show.count()) {
        await show.click();
        await card.getByRole("note").waitFor();
        hinted = true;
      }
      await answer("l2-decay", "right");
      if (!hinted) await next();
    }
    expect(hinted).toBe(true);
    const verdict = phone.locator('[data-result="correct"]');
    expect(await verdict.locator('[data-role="hint-used"]').innerText()).toBe("Right, but it does not count toward mastery: you used the hint. The next question counts.");
    expect(await phone.locator('[data-role="mastery-row"]').getAttribute("data-streak")).toBe("0");
    await readable(phone);
    await shot(phone, "practice-13c-phone-right-with-hint");

    // Penalty values is L2 weight decay's gate; the assignment opened L2 already, so mastering it opens nothing new.
    await phone.goto(`${server.url}/me/practice/penalty-values`);
    for (let i = 0; i < 3; i++) {
      await answer("penalty-values", "right");
      if (i < 2) await next();
    }
    await phone.getByText("Mastered! Three right in a row on fresh questions.").waitFor();
    expect(await phone.locator(".unlocked-line").count()).toBe(0);
  });

  it("a live class run for the class: the student joins it from home as herself, no nickname", async () => {
    await teacher.getByRole("button", { name: "Start a live class for 9B Physics" }).click();
    await teacher.waitForURL(/\/teach\/[\w-]+$/);
    await phone.goto(`${server.url}/me`);
    await phone.getByRole("link", { name: "Join the class" }).click();
    await phone.locator("header").getByText("Ada L").waitFor();
    expect(await phone.getByLabel("Your nickname").count()).toBe(0);
    await shot(phone, "practice-11-phone-live-as-herself");
    await teacher.getByText("1 joined · 1 online").waitFor();
    // The console's header names the class the session was run for.
    await teacher.locator("header").getByRole("link", { name: "9B Physics" }).waitFor();
    await shot(teacher, "practice-15-teacher-console-class");
    // My sessions: live sessions (not "classes"), each with the class it was run for.
    await teacher.goto(`${server.url}/teach`);
    const sessions = teacher.getByRole("table", { name: "your live sessions" });
    await sessions.getByRole("link", { name: "9B Physics" }).waitFor();
    await teacher.getByRole("heading", { name: "Your live sessions" }).waitFor();
    await shot(teacher, "practice-16-teacher-my-sessions");
    // The report's header names the class too.
    await sessions.getByRole("link", { name: "Report" }).click();
    await teacher.waitForURL(/\/teach\/reports\/[\w-]+$/);
    expect(await teacher.locator("main.report > p.muted").first().innerText()).toMatch(/^for 9B Physics · /);
    await shot(teacher, "practice-16b-teacher-report-class");
  });

  it("the roster renames in the row; a taken name is refused in a sentence under that row", async () => {
    const joined = await fetch(`${server.url}/api/class/join`, { method: "POST", headers: { origin: server.url, "content-type": "application/json" }, body: JSON.stringify({ code: classCode, name: "Ben K", pin: "1357" }) });
    expect(joined.status).toBe(201);
    await teacher.goto(classUrl);
    const roster = teacher.getByRole("table", { name: "students of the class" });
    await roster.getByRole("button", { name: "Rename Ben K" }).click();
    const field = roster.getByLabel("New name for Ben K");
    await field.fill("ada l");
    await roster.getByRole("button", { name: "Save" }).click();
    const refusal = roster.getByRole("alert");
    await refusal.getByText("Another student in this class is already called ada l. Pick another name, for example with a letter of the last name.").waitFor();
    // Right under Ben's row: the refusal's row follows it.
    const rows = await roster.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => (tr.classList.contains("row-error") ? "error" : tr.querySelector("input") ? "editing" : tr.querySelector("th")?.textContent?.trim() ?? "")));
    expect(rows[rows.indexOf("error") - 1]).toBe("editing");
    expect(await field.inputValue()).toBe("ada l");
    await shot(teacher, "practice-17-teacher-rename-conflict");
    await field.fill("Ben Kim");
    await roster.getByRole("button", { name: "Save" }).click();
    await roster.getByRole("rowheader", { name: "Ben Kim", exact: true }).waitFor();
    expect(await roster.getByRole("alert").count()).toBe(0);
  });

  it("a phone signing in with wrong PINs is warned before the last try, whatever the name", async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/class/${classCode}`);
    await page.getByRole("tab", { name: "I have joined before" }).click();
    await page.getByLabel("Your name").fill("Zed Q"); // in no class: the refusals are a real name's
    const alert = page.getByRole("alert");
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel("Your PIN").fill(`100${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await alert.getByText(i < 4 ? "Check both (your teacher can reset your PIN)." : "One more wrong PIN and sign-in waits 15 minutes", { exact: false }).waitFor();
    }
    await readable(page);
    await shot(page, "practice-18-phone-pin-warning");
    await page.getByLabel("Your PIN").fill("1005");
    await page.getByRole("button", { name: "Sign in" }).click();
    await alert.getByText(/^Too many wrong PINs: sign-in waits\. Try again in 15 minutes/).waitFor();
    await ctx.close();
  });

  it("after the teacher's new PIN the phone says why, and the class page opens on 'I have joined before'", async () => {
    await teacher.goto(classUrl);
    await teacher.getByRole("row", { name: /Ada L/ }).getByRole("button", { name: "New PIN" }).click();
    const notice = await teacher.getByText(/Ada L's new PIN is \d{4}\./).textContent();
    const pin = /new PIN is (\d{4})/.exec(notice!)![1];
    await phone.goto(`${server.url}/me`);
    const why = phone.locator('[data-role="signed-out-reason"]');
    await why.waitFor();
    expect(await why.innerText()).toBe("Your teacher gave you a new PIN, so this device was signed out: sign in again with your name and the new PIN from your teacher.");
    await readable(phone);
    await shot(phone, "practice-15-phone-signed-out-new-pin");
    await phone.getByRole("link", { name: "Sign in to 9B Physics" }).click();
    await phone.waitForURL(new RegExp(`/class/${classCode}$`));
    // This device knows the class: a returning student, not "First time here".
    await phone.getByRole("tab", { name: "I have joined before", selected: true }).waitFor();
    expect(await phone.getByLabel("Your name").inputValue()).toBe("Ada L");
    await shot(phone, "practice-16-phone-classpage-returning");
    await fillHydrated(phone, "Your PIN", pin, "Sign in");
    await phone.getByRole("button", { name: "Sign in" }).click();
    await phone.waitForURL(/\/me$/);
    await phone.getByTestId("my-class-code").waitFor();
  });
});
