import { describe, expect, it } from "vitest";
import { humanize } from "./checkMessages";

describe("the lesson check's messages in the editor", () => {
  it("keeps a mistake's label whole, brackets included, inside one pair of quotes", () => {
    const raw = 'question "l2-decay-factor": the mistakes "dropped-factor-2" (Used 1 − ηλ (dropped the 2)) and "wrong-sign" (Used 1 + 2ηλ (wrong sign)) cannot be told apart';
    expect(humanize(raw)).toBe("the mistakes “Used 1 − ηλ (dropped the 2)” and “Used 1 + 2ηλ (wrong sign)” cannot be told apart");
    expect(humanize('the mistake "no-rescale" (Gave h) is graded correct')).toBe("the mistake “Gave h” is graded correct");
  });

  it("drops the formula it is about (it is in the field above the message)", () => {
    expect(humanize('formula "2*eta*": it stops too early: something is missing at the end')).toBe("it stops too early: something is missing at the end");
  });
});
