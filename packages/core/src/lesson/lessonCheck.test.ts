import { describe, expect, it } from "vitest";
import { checkLesson, type LessonCheck } from "./validate.ts";

/**
 * Lessons built to trip each rule of `lesson check`: the error must carry the path to the
 * field (for an editor) and a message naming the question, the mistake and a parameter set.
 */
const lessonWith = (question: Record<string, unknown>, activity: Record<string, unknown> = {}) => ({
  format: "livelab-lesson",
  version: 1,
  id: "crafted",
  title: "Crafted",
  activities: [
    { id: "intro", kind: "poll", title: "Intro", questions: [{ id: "poll", kind: "single", points: 0, prompt: "Ready?", options: [{ id: "y", text: "Yes" }, { id: "n", text: "No" }] }] },
    { id: "q", kind: "question", title: "Q", ...activity, questions: [{ id: "the-question", kind: "numeric", prompt: "What is it?", ...question }] },
  ],
});

const errors = (r: LessonCheck) => (r.ok ? [] : r.errors);

describe("lesson check: discrimination", () => {
  it("refuses a mistake that is graded correct for one parameter set", () => {
    const r = checkLesson(lessonWith({
      params: { w: { values: [1, -1, 2] } },
      answer: "w^2",
      mistakes: [{ key: "abs", label: "Took |w|", answer: "abs(w)", feedback: "Square it." }],
    }));
    expect(errors(r)).toEqual([{
      path: "activities[1].questions[0].mistakes[0]",
      message: 'question "the-question": the mistake "abs" (Took |w|) is graded correct for w = 1: it gives 1 and the answer is 1, within the tolerance ±0.1% (2 of 3 parameter sets); change the parameter values or the tolerance so that the mistake and the answer differ',
    }]);
  });
  it("refuses two mistakes that coincide", () => {
    const r = checkLesson(lessonWith({
      params: { x: { values: [2, 3] } },
      answer: "x + 10",
      mistakes: [{ key: "double", answer: "2*x", feedback: "f" }, { key: "square", answer: "x^2", feedback: "f" }],
    }));
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0].path).toBe("activities[1].questions[0].mistakes[1]");
    expect(errors(r)[0].message).toContain('"double" (Double) and "square" (Square) cannot be told apart for x = 2');
  });
  it("refuses a tolerance that rejects the correctly rounded answer, unless the prompt states the precision and the tolerance fits it", () => {
    const q = { params: { n: { values: [3, 4] } }, answer: "1/n", tolerance: { type: "rel", value: 1e-4 } };
    const r = checkLesson(lessonWith(q));
    expect(errors(r)[0].path).toBe("activities[1].questions[0].tolerance");
    expect(errors(r)[0].message).toContain("for n = 3: the answer 0.3333333333 rounded to 3 significant figures (0.333) is refused");
    expect(checkLesson(lessonWith({ ...q, prompt: "What is it? Give 5 significant figures." })).ok).toBe(true);
    const stillTooTight = checkLesson(lessonWith({ ...q, prompt: "Give 3 significant figures." }));
    expect(errors(stillTooTight)[0].message).toContain("widen the tolerance so the precision the prompt asks for is accepted");
  });
  it("refuses an expression mistake that is the answer in disguise", () => {
    const r = checkLesson(lessonWith({
      kind: "expression",
      answer: "2*x",
      variables: [{ name: "x" }],
      mistakes: [{ key: "same", answer: "x + x", feedback: "f" }],
    }));
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0].path).toBe("activities[1].questions[0].mistakes[0]");
  });
  it("notes a sampled sweep without refusing", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const r = checkLesson(lessonWith({ params: { a: { values }, b: { values }, c: { values } }, answer: "a + b + c", tolerance: { type: "abs", value: 0 } }));
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual([{ path: "activities[1].questions[0].params", message: 'question "the-question": 8000 parameter sets, too many to try all; checked a seeded sample of 4096' }]);
  });
});

describe("lesson check: text the app can show", () => {
  const problem = (question: Record<string, unknown>, activity: Record<string, unknown> = {}) => errors(checkLesson(lessonWith({ answer: "1", ...question }, activity)));
  it("a backslash outside $…$ would reach the screen as raw TeX", () => {
    const [e] = problem({ prompt: "Use \\lambda here" });
    expect(e.path).toBe("activities[1].questions[0].prompt");
    expect(e.message).toContain("a backslash outside $…$ is shown as raw TeX");
    expect(problem({ prompt: "Use $\\lambda$ here, {{= 1/2}} and `code`" })).toEqual([]);
  });
  it("unbalanced or display math", () => {
    expect(problem({ prompt: "Cost: $5$ for $\\lambda$" })).toEqual([]);
    expect(problem({ prompt: "Only $\\lambda" })[0].message).toContain("unbalanced $");
    expect(problem({ prompt: "$$x^2$$" })[0].message).toContain("display math");
  });
  it("mistake feedback, option text and body are TeX fields; labels, titles, notes and cues are plain", () => {
    expect(problem({ mistakes: [{ key: "m", answer: "2", feedback: "the \\lambda term" }] })[0].path).toBe("activities[1].questions[0].mistakes[0].feedback");
    expect(problem({ mistakes: [{ key: "m", label: "Used $\\lambda$", answer: "2", feedback: "f" }] })[0].path).toBe("activities[1].questions[0].mistakes[0].label");
    expect(problem({}, { title: "The \\lambda step" })[0].path).toBe("activities[1].title");
    expect(problem({}, { teacherNotes: "Say $\\lambda$" })[0].path).toBe("activities[1].teacherNotes");
    expect(problem({}, { body: "\\frac12" })[0].path).toBe("activities[1].body");
    expect(problem({ params: { l: { values: [1], label: "$\\lambda$" } } })[0].path).toBe("activities[1].questions[0].params.l.label");
    const options = errors(checkLesson({ ...lessonWith({ answer: "1" }), activities: [{ id: "p", kind: "poll", title: "P", questions: [{ id: "c", kind: "single", prompt: "?", options: [{ id: "a", text: "L1, \\|w\\|" }, { id: "b", text: "B", feedback: "\\lambda" }] }] }] }));
    expect(options.map((e) => e.path)).toEqual(["activities[0].questions[0].options[0].text", "activities[0].questions[0].options[1].feedback"]);
  });
  it("a mistake without a label gets its key in words", () => {
    const r = checkLesson(lessonWith({ answer: "1", mistakes: [{ key: "dropped-factor-2", answer: "2", feedback: "f" }] }));
    expect(r.ok && r.lesson.activities[1].questions[0].kind === "numeric" && r.lesson.activities[1].questions[0].mistakes[0].label).toBe("Dropped factor 2");
  });
});

describe("lesson check: skills", () => {
  it("a question's skills must be declared in the lesson, once each; declared skills pass", () => {
    const bad = checkLesson({ ...lessonWith({ answer: "1", skills: ["l2-decay", "l2-decay"] }), skills: [{ id: "penalty-values", title: "Penalty values" }, { id: "penalty-values", title: "Again" }] });
    expect(errors(bad)).toEqual([
      { path: "skills[1].id", message: 'duplicate skill id "penalty-values"' },
      { path: "activities[1].questions[0].skills[0]", message: 'skill "l2-decay" is not declared in the lesson\'s skills' },
      { path: "activities[1].questions[0].skills[1]", message: 'skill "l2-decay" is not declared in the lesson\'s skills' },
      { path: "activities[1].questions[0].skills", message: "a skill is named twice" },
    ]);
    const good = checkLesson({ ...lessonWith({ answer: "1", skills: ["l2-decay"] }), skills: [{ id: "l2-decay", title: "L2 weight decay" }] });
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.lesson.activities[1].questions[0].skills).toEqual(["l2-decay"]);
  });

  it("skill titles are plain text", () => {
    const r = checkLesson({ ...lessonWith({ answer: "1" }), skills: [{ id: "x", title: "$\\lambda$ decay" }] });
    expect(errors(r)[0].path).toBe("skills[0].title");
  });
});
