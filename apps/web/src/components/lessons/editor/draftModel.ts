/**
 * The editor's model of a lesson draft: plain JSON in the lesson file format (docs/LESSON_FORMAT.md),
 * edited immutably by path. Paths are written as the lesson check writes them
 * (`activities[2].questions[0].mistakes[1]`), so a check error lands on the field it names.
 * Ids are the editor's business: teachers never type one (new ones are made unique here).
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };
export type Path = (string | number)[];

export function pathKey(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

export function getIn(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, Json>)[p];
  }
  return v;
}

/** A copy of `root` with `value` at `path` (undefined removes the key); untouched branches are shared. */
export function setIn(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setIn(root[head as number] ?? null, rest, value);
    return copy;
  }
  const obj = root !== null && typeof root === "object" ? (root as Obj) : {};
  const child = setIn(obj[head as string] ?? (typeof rest[0] === "number" ? [] : {}), rest, value);
  const copy: Obj = { ...obj, [head]: child };
  if (rest.length === 0 && value === undefined) delete copy[head as string];
  return copy;
}

/** Every id used in the draft (activities, questions): new ones must differ from all of them. */
export function takenIds(draft: Obj): Set<string> {
  const out = new Set<string>();
  for (const a of asArray(draft.activities)) {
    const act = a as Obj;
    if (typeof act.id === "string") out.add(act.id);
    for (const q of asArray(act.questions)) if (typeof (q as Obj).id === "string") out.add((q as Obj).id as string);
  }
  return out;
}

export function freshId(prefix: string, taken: Set<string>): string {
  for (let n = taken.size + 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** "Dropped the 2!" → "dropped-the-2": a mistake's key from its label (reports count by key). */
export function keyFromLabel(label: string, taken: Set<string>): string {
  const base = label.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "mistake";
  let key = /^[a-z0-9]/.test(base) ? base : `m-${base}`;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

export const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
export const asObj = (v: Json | undefined): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
export const asText = (v: Json | undefined): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

export const QUESTION_KINDS = {
  single: "Single choice",
  multiple: "Multiple choice",
  numeric: "Numeric (with tolerance)",
  expression: "Expression (a formula)",
  text: "Short text (for discussion)",
  prediction: "Prediction (graded by a simulation)",
} as const;
export type NewQuestionKind = keyof typeof QUESTION_KINDS;

export const ACTIVITY_KINDS = {
  question: "Questions",
  simulation: "Simulation",
  experiment: "Class experiment",
  poll: "Poll",
  "exit-ticket": "Exit ticket",
} as const;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;

export function newQuestion(kind: NewQuestionKind, taken: Set<string>): Obj {
  const id = freshId("question", taken);
  const options = [{ id: "a", text: "" }, { id: "b", text: "" }];
  switch (kind) {
    case "single": return { id, kind: "single", prompt: "", options, correct: "a" };
    case "multiple": return { id, kind: "multiple", prompt: "", options, correct: ["a"] };
    // Three significant figures is what students are assumed to round to (docs/LESSON_FORMAT.md).
    case "numeric": return { id, kind: "numeric", prompt: "", params: {}, answer: "", tolerance: { type: "sigfigs", value: 3 }, mistakes: [] };
    case "expression": return { id, kind: "expression", prompt: "", answer: "", variables: [{ name: "x", aliases: [], min: 0.5, max: 2 }], mistakes: [] };
    case "text": return { id, kind: "text", prompt: "", maxLength: 500, showOnProjector: true };
    case "prediction": return {
      id, kind: "single", prompt: "", options: [{ id: "a", text: "" }, { id: "b", text: "" }],
      prediction: { presetId: "overfit-poly", params: {}, seed: 1, changeAt: 600, change: { l2: 0.01 }, horizon: 300, outcomes: { a: { valLoss: "down" }, b: { valLoss: "up" } } },
    };
  }
}

export function newActivity(kind: ActivityKind, taken: Set<string>): Obj {
  const id = freshId("activity", taken);
  const base = { id, kind, title: "", body: "" };
  switch (kind) {
    case "simulation": return { ...base, simulation: { presetId: "overfit-poly", params: {}, seed: 42, steps: 600, cues: [] } };
    case "experiment": return { ...base, experiment: { presetId: "lambda-experiment", params: {}, seed: 42 } };
    // Question activities start empty: the teacher picks the first question's kind.
    default: return { ...base, questions: [] };
  }
}

/** A copy of an activity with new ids for it and its questions (ids are unique in a lesson). */
export function duplicateActivity(activity: Obj, taken: Set<string>): Obj {
  return {
    ...activity,
    id: freshId("activity", taken),
    title: `${asText(activity.title)} (copy)`.slice(0, 200),
    questions: asArray(activity.questions).map((q) => ({ ...(q as Obj), id: freshId("question", taken) })),
  };
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}
