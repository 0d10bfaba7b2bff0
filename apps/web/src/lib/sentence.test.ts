import { describe, expect, it } from "vitest";
import { asSentence } from "./sentence";

describe("asSentence", () => {
  it("capitalizes and ends with a full stop, once", () => {
    expect(asSentence("another student of the class has that name")).toBe("Another student of the class has that name.");
    expect(asSentence("Already a sentence.")).toBe("Already a sentence.");
    expect(asSentence("  wait?  ")).toBe("Wait?");
  });
});
