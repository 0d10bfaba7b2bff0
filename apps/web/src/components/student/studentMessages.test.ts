import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@livelab/core/errors";
import { studentMessage } from "./studentMessages";

describe("what a phone says when the server refuses", () => {
  // The server's own words for every client and log: lower case, "session", no advice.
  const fromServer = "no such session";

  it("is a sentence with a capital and an end, whatever the code", () => {
    for (const code of Object.values(ERROR_CODES)) {
      const m = studentMessage({ code, message: fromServer });
      expect(m, code).toMatch(/^[A-Z].*[.!?]$/);
    }
  });

  it("speaks of a class, never a session, where it words the message itself", () => {
    for (const code of Object.values(ERROR_CODES)) {
      const m = studentMessage({ code, message: fromServer });
      if (!m.toLowerCase().includes(fromServer)) expect(m, code).not.toMatch(/session/i);
    }
  });

  it("says what to do for what students meet when joining and answering", () => {
    expect(studentMessage({ code: "SESSION_NOT_FOUND", message: "no class with that code" })).toBe("There is no class with this code. Check the code on the projector and type it again.");
    expect(studentMessage({ code: "NICKNAME_INVALID", message: "at most 24 characters" })).toBe("That nickname cannot be used (at most 24 characters). Pick another one.");
    expect(studentMessage({ code: "INVALID_ANSWER", message: "not a number: write it like 12.5, 12,5, 1.25e-3 or 7/3" })).toBe("Not a number: write it like 12.5, 12,5, 1.25e-3 or 7/3.");
  });
});
