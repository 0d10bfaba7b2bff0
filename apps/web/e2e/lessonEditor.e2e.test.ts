/**
 * Issue 11 in a real browser: a teacher builds a five-activity lesson only through the editor
 * (a numeric question with per-student numbers and a named mistake, an expression, a choice, a
 * text question, a simulation with a cue), previews it as phone and projector, tries answers,
 * reorders with the keyboard and undoes, publishes, runs a class with two phones and reads the
 * report; then edits and republishes, and the first class's report is unchanged.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { e2eBackends, joinOnPhone, launchChromium, shot, SHOTS, signUpTeacher, startLiveLabOn } from "./support";

let server: Awaited<ReturnType<typeof startLiveLabOn>>;
let browser: Browser;
let ctx: BrowserContext;
let teacher: Page;
let editorUrl = "";
let firstSession = "";
let firstReport = "";
/** Screenshots from the first backend only (the screens are the same). */
let shots = true;

/** A field of the editor by the lesson path it edits (the same path the lesson check names). */
const at = (path: string, page = teacher): Locator => page.locator(`[data-path="${path}"]`).first();
const fill = async (path: string, text: string) => at(path).locator("input, textarea").first().fill(text);
const pick = (title: string) => teacher.getByRole("navigation", { name: "activities" }).locator(".activity-pick").filter({ hasText: title });
const saved = () => teacher.locator('[data-status="saved"]').waitFor();

async function addActivity(kind: string, title: string, index: number) {
  await teacher.getByLabel("New activity").selectOption({ label: kind });
  await teacher.getByRole("button", { name: "Add activity" }).click();
  await teacher.getByRole("heading", { name: `Activity ${index + 1}`, exact: true }).waitFor();
  await fill(`activities[${index}].title`, title);
}

async function addQuestion(kind: string) {
  await teacher.getByLabel("New question").selectOption({ label: kind });
  await teacher.getByRole("button", { name: "Add question" }).click();
}

/** The numbers the preview's sample student got (η = 0.1, λ = 0.05). */
async function sampleNumbers(): Promise<{ eta: number; lambda: number }> {
  const text = await teacher.getByTestId("student-numbers").innerText();
  return { eta: Number(/η = ([\d.]+)/.exec(text)![1]), lambda: Number(/λ = ([\d.]+)/.exec(text)![1]) };
}

describe.each(e2eBackends())("the lesson editor, end to end (%s)", (backend) => {
  beforeAll(async () => {
    server = await startLiveLabOn(backend);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    teacher = await ctx.newPage();
    teacher.on("dialog", (d) => void d.accept());
  });
  // A failed step leaves a picture of what the teacher saw.
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(teacher, `editor-FAILED-${backend}-${task.name.slice(0, 40).replace(/\W+/g, "-")}`).catch(() => {});
  });
  afterAll(async () => {
    shots = false;
    await browser?.close();
    await server?.stop();
  });

  it("builds a five-activity lesson only through the editor; the check speaks at the fields as you type", async () => {
    await signUpTeacher(teacher, server.url, "Ms Okafor");
    await teacher.getByRole("button", { name: "New lesson" }).click();
    await teacher.waitForURL(/\/teach\/lessons\/[\w-]+$/);
    editorUrl = teacher.url();
    await teacher.getByText("This lesson has no activities yet").waitFor();
    await fill("title", "Weight decay in five steps");

    // 1. Numeric, with per-student numbers and a named mistake.
    await addActivity("Questions", "The decay factor", 0);
    await at("activities[0].questions").getByText("a question activity needs at least one question").waitFor();
    await addQuestion("Numeric (with tolerance)");
    await fill("activities[0].questions[0].prompt", "Plain SGD with learning rate $\\eta = {{eta}}$ and penalty $\\lambda\\|w\\|^2$ with $\\lambda = {{lambda}}$: by what factor is each weight multiplied in one step when the data gradient is zero? Give 3 significant figures.");
    await at("activities[0].questions[0].params").getByRole("button", { name: "Add a parameter" }).click();
    // Typed key by key, as a teacher does (the row must keep the focus while its name changes).
    await at("activities[0].questions[0].params.p1").locator("input").first().fill("");
    await teacher.keyboard.type("eta");
    await fill("activities[0].questions[0].params.eta.values", "0.1, 0.2");
    await fill("activities[0].questions[0].params.eta.label", "η");
    await at("activities[0].questions[0].params").getByRole("button", { name: "Add a parameter" }).click();
    await fill("activities[0].questions[0].params.p1", "lambda");
    await fill("activities[0].questions[0].params.lambda.values", "0.01, 0.05");
    await fill("activities[0].questions[0].params.lambda.label", "λ");
    // A misspelt symbol is named at the answer field, as you type.
    await fill("activities[0].questions[0].answer", "1 - 2*eta*lamda");
    await at("activities[0].questions[0].answer").getByText(/unknown symbol "lamda"/).waitFor();
    // A formula that cannot be read: the problem in words, and no half-rendered math under the field.
    await fill("activities[0].questions[0].answer", "(1 - 2*eta*lambda");
    await at("activities[0].questions[0].answer").getByText("a bracket “(” is opened but never closed").waitFor();
    expect(await at("activities[0].questions[0].answer").locator(".tex-preview").count()).toBe(0);
    expect(await at("activities[0].questions[0].answer").innerText()).not.toMatch(/char \d|Parenthesis|formula "/);
    await fill("activities[0].questions[0].answer", "1 - 2*eta*lambda");
    await at("activities[0].questions[0].mistakes").getByRole("button", { name: "Add a mistake" }).click();
    await fill("activities[0].questions[0].mistakes[0].label", "Dropped the 2");
    await fill("activities[0].questions[0].mistakes[0].feedback", "The derivative of $w^2$ is $2w$: the factor is $1 - 2\\eta\\lambda$.");
    // A "mistake" equal to the answer can never fire: the check says so at the mistake.
    await fill("activities[0].questions[0].mistakes[0].answer", "1 - eta*lambda*2");
    await at("activities[0].questions[0].mistakes[0]").getByText(/the mistake “Dropped the 2” is graded correct/).waitFor();
    await fill("activities[0].questions[0].mistakes[0].answer", "1 - eta*lambda");
    await fill("activities[0].questions[0].solution", "With a zero data gradient, $w \\leftarrow (1 - 2\\eta\\lambda)w$: here {{= 1 - 2*eta*lambda}}.");
    // The previews show each student's number as a boxed slot, not "η = eta" or "= = 1 - 2*eta*lambda".
    const promptPreview = at("activities[0].questions[0].prompt").locator(".tex-preview");
    await promptPreview.locator(".katex .fbox").first().waitFor();
    expect(await promptPreview.innerText()).not.toMatch(/=\s*eta|\{\{/);
    const solutionPreview = at("activities[0].questions[0].solution").locator(".tex-preview");
    await solutionPreview.locator(".katex .fbox").first().waitFor();
    expect(await solutionPreview.innerText()).not.toMatch(/\*|\{\{|= =/);

    // 2. Expression.
    await addActivity("Questions", "The penalty's gradient", 1);
    await addQuestion("Expression (a formula)");
    await fill("activities[1].questions[0].prompt", "What is the gradient of $\\lambda w^2$ with respect to $w$? Write it with w and lambda.");
    await fill("activities[1].questions[0].variables[0].name", "w");
    await at("activities[1].questions[0].variables").getByRole("button", { name: "Add a variable" }).click();
    await fill("activities[1].questions[0].variables[1].name", "lambda");
    await fill("activities[1].questions[0].answer", "2*lambda*w");

    // 3. Single choice.
    await addActivity("Questions", "Exact zeros", 2);
    await addQuestion("Single choice");
    await fill("activities[2].questions[0].prompt", "Which penalty sets some weights to **exactly** zero?");
    await fill("activities[2].questions[0].options[0].text", "L1, $\\lambda\\|w\\|_1$");
    await fill("activities[2].questions[0].options[1].text", "L2, $\\lambda\\|w\\|_2^2$");
    await fill("activities[2].questions[0].options[1].feedback", "L2's pull $2\\lambda w$ fades as $w$ shrinks.");

    // 4. Short text.
    await addActivity("Questions", "Why regularize?", 3);
    await addQuestion("Short text (for discussion)");
    await fill("activities[3].questions[0].prompt", "In one sentence: why would you ever make the training loss worse on purpose?");

    // 5. A simulation with a cue.
    await addActivity("Simulation", "Watch it overfit", 4);
    await fill("activities[4].body", "A degree-12 polynomial on 15 noisy points. Watch the validation loss.");
    await fill("activities[4].teacherNotes", "Pause at step 200 and ask what raising λ will do.");
    await at("activities[4].simulation.steps").locator("input").fill("400");
    await at("activities[4].simulation.cues").getByRole("button", { name: "Add a cue" }).click();
    await fill("activities[4].simulation.cues[0].atStep", "200");
    await fill("activities[4].simulation.cues[0].say", "Raise λ to 0.01 now.");
    await at("activities[4].simulation.cues[0].change").locator("select").selectOption("l2");
    await fill("activities[4].simulation.cues[0].change.l2", "0.01");

    await teacher.getByRole("heading", { name: "✓ Ready to publish" }).waitFor();
    await saved();
    await screen("editor-01-simulation-activity");
  });

  it("previews the phone and the projector with a sample student's numbers; try an answer names the mistake", async () => {
    // Each entry in the list says what it is: its kind, then its title.
    expect((await pick("The decay factor").innerText()).replace(/\s+/g, " ")).toMatch(/1 Questions The decay factor/);
    expect(await pick("Watch it overfit").locator(".activity-entry-kind").innerText()).toBe("Simulation");
    await pick("The decay factor").click();
    const phone = teacher.getByTestId("phone-preview");
    await phone.getByText("Activity 1 of 5").waitFor();
    const first = await sampleNumbers();
    // The phone shows this student's own numbers in the prompt (KaTeX-rendered: read the raw prompt).
    expect(await phone.locator("[data-prompt]").getAttribute("data-prompt")).toContain(`\\eta = ${first.eta}$`);
    // Another student: the numbers come from another seed (some differ within a few tries).
    let other = first;
    for (let i = 0; i < 8 && JSON.stringify(other) === JSON.stringify(first); i++) {
      const seed = await teacher.locator("[data-preview-seed]").getAttribute("data-preview-seed");
      await teacher.getByRole("button", { name: "Another student" }).click();
      await teacher.waitForFunction((before) => document.querySelector("[data-preview-seed]")?.getAttribute("data-preview-seed") !== before, seed);
      other = await sampleNumbers();
    }
    expect(other).not.toEqual(first);
    await screen("editor-02-phone-preview");

    // Try the classic mistake on the phone: the server grades it, names the mistake, shows the feedback.
    const { eta, lambda } = other;
    await phone.getByLabel("Your answer (a number)").fill(String(Number((1 - eta * lambda).toPrecision(3))));
    await phone.getByRole("button", { name: "Send answer" }).click();
    const tried = teacher.getByTestId("tried-answer");
    await tried.filter({ hasText: "Matched the named mistake “Dropped the 2”" }).waitFor();
    expect(await tried.getAttribute("data-mistake")).toBe("mistake-1");
    // The expected answer as rendered math with the sample student's value, not "1 - 2*eta*lambda".
    await tried.locator(".katex").first().waitFor();
    expect(await tried.innerText()).toMatch(/Expected:/);
    expect(await tried.innerText()).not.toMatch(/\*|eta|lambda/);
    await phone.locator('[data-result="incorrect"]').getByText("The derivative of").waitFor();
    await screen("editor-03-try-an-answer");
    await teacher.getByRole("tab", { name: "Projector" }).click();
    const projector = teacher.getByTestId("projector-preview");
    await projector.locator('[data-role="answers-in"]').filter({ hasText: "1 / 1" }).waitFor();
    await projector.getByText("Dropped the 2").waitFor();
    // The hint to answer is gone once the answer is in the bars.
    await teacher.getByText("The projector after the reveal, with your answer in the bars.").waitFor();
    expect(await teacher.getByText("Answer on the phone to see the result bars here.").count()).toBe(0);
    await screen("editor-04-projector-preview");

    // The right answer, on the phone again.
    await teacher.getByRole("button", { name: "Clear answers" }).click();
    await teacher.getByRole("tab", { name: "Phone" }).click();
    await phone.getByLabel("Your answer (a number)").fill(String(Number((1 - 2 * eta * lambda).toPrecision(3))));
    await phone.getByRole("button", { name: "Send answer" }).click();
    await tried.filter({ hasText: "Graded correct" }).waitFor();

    // A formula question: the expected answer is rendered math, not "2 * lambda * w".
    await pick("The penalty's gradient").click();
    await phone.getByText("Activity 2 of 5").waitFor();
    await phone.getByRole("textbox").first().fill("lambda*w");
    await phone.getByRole("button", { name: "Send answer" }).click();
    await tried.filter({ hasText: "Wrong, and no named mistake matched" }).waitFor();
    await tried.locator(".katex").last().waitFor();
    expect((await tried.innerText()).split("Expected:")[1]).not.toMatch(/\*|lambda|=/);

    // The simulation activity on the projector: the class's own simulation view, playable.
    await pick("Watch it overfit").click();
    await teacher.getByRole("tab", { name: "Projector" }).click();
    await projector.locator("section.stage-sim").waitFor();
    await teacher.getByRole("button", { name: "Play" }).click();
    await teacher.waitForFunction(() => Number(document.querySelector('[data-testid="projector-preview"] section.stage-sim')?.getAttribute("data-step")) > 20);
    await screen("editor-05-projector-simulation");
  });

  it("reorders from the keyboard and by dragging; undo and redo restore the order", async () => {
    const list = teacher.getByRole("navigation", { name: "activities" });
    const titles = async () => (await list.locator(".activity-entry-title").allInnerTexts()).map((t) => t.trim());
    const original = await titles();
    await pick("Why regularize?").focus();
    await teacher.keyboard.press("Alt+ArrowUp");
    expect(await titles()).toEqual([original[0], original[1], original[3], original[2], original[4]]);
    await teacher.getByRole("status").filter({ hasText: "Moved “Why regularize?” to position 3 of 5" }).waitFor();
    // Dragging the simulation to the top.
    await list.locator("li").nth(4).dragTo(list.locator("li").nth(0));
    expect((await titles())[0]).toBe("Watch it overfit");
    await teacher.keyboard.press("Control+z");
    expect(await titles()).toEqual([original[0], original[1], original[3], original[2], original[4]]);
    await teacher.keyboard.press("Control+z");
    expect(await titles()).toEqual(original);
    await teacher.keyboard.press("Control+Shift+z");
    expect(await titles()).toEqual([original[0], original[1], original[3], original[2], original[4]]);
    await teacher.keyboard.press("Control+z");
    expect(await titles()).toEqual(original);
    await saved();
  });

  it("publishes version 1, runs a class with two phones, and the report shows it", async () => {
    await teacher.getByRole("button", { name: "Publish" }).click();
    await teacher.getByRole("alert").filter({ hasText: "Published version 1" }).waitFor();
    await teacher.getByRole("link", { name: "← My sessions" }).click();
    await teacher.waitForURL(/\/teach$/);
    const card = teacher.locator('[data-lesson="Weight decay in five steps"]');
    await card.getByText("version 1 published").waitFor();
    await screen("editor-06-my-lessons");
    await card.getByRole("button", { name: "Start a session" }).click();
    await teacher.waitForURL(/\/teach\/[\w-]+$/);
    firstSession = teacher.url().split("/").pop()!;
    const code = (await teacher.getByTestId("join-code").textContent())!.trim();
    const phones = [await joinOnPhone(browser, server.url, code, "Ana"), await joinOnPhone(browser, server.url, code, "Ben")];
    await teacher.locator("[data-question]").first().getByRole("button", { name: "Open", exact: true }).click();
    for (const [i, p] of phones.entries()) {
      const prompt = (await p.page.locator("[data-prompt]").getAttribute("data-prompt"))!;
      const eta = Number(/\\eta = ([\d.]+)/.exec(prompt)![1]);
      const lambda = Number(/\\lambda = ([\d.]+)/.exec(prompt)![1]);
      await p.page.getByLabel("Your answer (a number)").fill(String(Number((i === 0 ? 1 - 2 * eta * lambda : 1 - eta * lambda).toPrecision(3))));
      await p.page.getByRole("button", { name: "Send answer" }).click();
      await p.page.getByText("Answer saved").waitFor();
    }
    await teacher.locator("[data-question]").first().getByRole("button", { name: "Reveal" }).click();
    await phones[1].page.locator('[data-feedback-key="mistake-1"]').getByText("The derivative of").waitFor();
    await teacher.getByRole("button", { name: "End session" }).click();
    await teacher.getByRole("link", { name: "Open the report →" }).click();
    await teacher.getByRole("heading", { name: "Weight decay in five steps" }).waitFor();
    const mistakes = teacher.locator("table.mistakes");
    await mistakes.getByText("Dropped the 2").waitFor();
    firstReport = await teacher.locator("main").innerText();
    expect(firstReport).toMatch(/50%/);
    if (shots) await shot(teacher, "editor-07-first-report");
    for (const p of phones) await p.ctx.close();
  });

  it("edits and republishes; the first class's report is unchanged", async () => {
    await teacher.goto(editorUrl);
    await teacher.getByRole("heading", { name: "Activity 1", exact: true }).waitFor();
    await fill("activities[0].questions[0].mistakes[0].label", "Forgot the factor 2");
    await fill("title", "Weight decay, revised");
    await saved();
    await teacher.getByRole("button", { name: "Publish" }).click();
    await teacher.getByRole("alert").filter({ hasText: "Published version 2" }).waitFor();
    await teacher.goto(`${server.url}/teach/reports/${firstSession}`);
    await teacher.getByRole("heading", { name: "Weight decay in five steps" }).waitFor();
    await teacher.locator("table.mistakes").getByText("Dropped the 2").waitFor();
    expect(await teacher.locator("main").innerText()).toBe(firstReport);
  });
});

/** What the teacher's window shows (the editor scrolls inside; a full-page picture would misplace its sticky bar). */
async function screen(name: string) {
  if (shots) await teacher.screenshot({ path: join(SHOTS, `${name}.png`) });
}
