import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInLesson } from "./index.ts";
import { lessonJsonSchema } from "./jsonSchema.ts";
import { draftProblem, jsonDepth } from "./limits.ts";
import { checkLesson } from "./validate.ts";

describe("the published JSON Schema", () => {
  it("is generated from the zod schema: required fields, kinds and limits are there", () => {
    const s = lessonJsonSchema("https://x.test/schema.json") as { $id: string; required: string[]; properties: Record<string, { maxItems?: number }> };
    expect(s.$id).toBe("https://x.test/schema.json");
    expect(s.required).toEqual(expect.arrayContaining(["format", "version", "id", "title", "activities"]));
    expect(s.properties.activities.maxItems).toBe(200);
    expect(s.properties).toHaveProperty("$schema");
    const text = JSON.stringify(s);
    for (const kind of ["numeric", "expression", "single", "multiple", "text"]) expect(text).toContain(`"const":"${kind}"`);
  });

  it("docs/livelab-lesson.schema.json is the generated schema (regenerate: npx livelab lesson schema > docs/livelab-lesson.schema.json)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../../../docs/livelab-lesson.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(lessonJsonSchema());
  });

  it("a lesson may name the schema in $schema; the check accepts it", () => {
    const r = checkLesson({ ...builtInLesson(), $schema: "https://livelab.test/schema/livelab-lesson-v1.json" });
    expect(r.ok).toBe(true);
  });
});

describe("lesson limits", () => {
  it("jsonDepth stops early on hostile nesting", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBe(25);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
  });

  it("draftProblem: size, shape, nesting, activity count", () => {
    expect(draftProblem({ activities: [] }, 100)).toBeNull();
    expect(draftProblem({}, 50_000_000)).toBe("the lesson is 50 MB: at most 1 MB");
    expect(draftProblem({ activities: Array.from({ length: 10_000 }, () => ({})) }, 50_000_000)).toBe("10000 activities: a lesson has at most 200");
    expect(draftProblem([], 2)).toBe("a lesson is a JSON object");
    expect(draftProblem({ activities: Array.from({ length: 10_000 }, () => ({})) }, 30_000)).toBe("10000 activities: a lesson has at most 200");
  });

  it("the schema bounds questions per lesson and parameters per question", () => {
    const base = builtInLesson();
    const q = { id: "q", kind: "numeric", prompt: "p", answer: "1" };
    const many = { ...base, activities: Array.from({ length: 16 }, (_, i) => ({ id: `a${i}`, kind: "question", title: "t", questions: Array.from({ length: 20 }, (_, j) => ({ ...q, id: `q${i}-${j}` })) })) };
    const r = checkLesson(many);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toContain("at most 300 questions in a lesson");
    const params = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, { values: [1] }]));
    const r2 = checkLesson({ ...base, activities: [{ id: "a", kind: "question", title: "t", questions: [{ ...q, params }] }] });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.errors[0].message).toBe("at most 10 per-student parameters per question");
  });
});
