"use client";
import { readJson, writeJson } from "./localJson";

/** What a signed-in device remembers of its student (the cookie itself is HTTP-only). */
export interface KnownStudent { name: string; className: string }

const KNOWN = "livelab:student";

// Private mode keeps nothing: the device still signs in by its cookie.
export const knownStudent = {
  get: (): KnownStudent | null => readJson<KnownStudent>(KNOWN),
  set: (s: KnownStudent): void => writeJson(KNOWN, s),
  clear: (): void => writeJson(KNOWN, null),
};

/**
 * The class a device last signed in to, kept after it is signed out (a new PIN, a removal, or
 * Sign out): the signed-out page links back to its class page, which then opens on "I have been
 * here before" with the name filled in.
 */
export interface RememberedClass { code: string; className: string; name: string }

const REMEMBERED = "livelab:student:class";

export const rememberedClass = {
  get: (): RememberedClass | null => readJson<RememberedClass>(REMEMBERED),
  set: (c: RememberedClass): void => writeJson(REMEMBERED, c),
};

/** A device signed in as this student: remember them (signed in) and their class (for later). */
export function rememberSignIn(who: { name: string; className: string; classCode: string }): void {
  knownStudent.set({ name: who.name, className: who.className });
  if (who.classCode) rememberedClass.set({ code: who.classCode, className: who.className, name: who.name });
}
