/**
 * A class's roster without email: joining with the class code, signing in again with name and
 * PIN or the personal link, the PIN lockout, a teacher's reset (which signs every device out),
 * rename, merge of two entries, and closing the class to newcomers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { backends, newKey, serverPerSuite, signUpTeacher, type TeacherClient } from "./helpers.ts";
import { joinClass, rightAnswer, signInStudent, type StudentClient } from "./support/practiceClient.ts";
import { PIN_TRIES } from "../src/practice/studentAccess.ts";

describe.each(backends())("a class roster on %s", (backend) => {
  const ctx = serverPerSuite(backend);
  let teacher: TeacherClient;
  let classroom: { id: string; code: string };
  let zoe: StudentClient;

  const api = async <T,>(method: string, path: string, body?: unknown) => {
    const res = await teacher.fetch(path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data: T; error?: { code: string; message: string } } };
  };
  const idOf = async (name: string) => (await ctx.server.db.prisma.student.findFirstOrThrow({ where: { name, classroomId: classroom.id } })).id;

  beforeAll(async () => {
    teacher = await signUpTeacher(ctx.server.url);
    classroom = (await api<{ id: string; code: string }>("POST", "/api/classes", { name: "Period 3" })).body.data;
    zoe = await joinClass(ctx.server.url, classroom.code, "Zoë", "4321");
  });

  it("signs in again by class code + name (accent-insensitive) or by the personal link, with the PIN", async () => {
    const home = await zoe.home();
    expect(home.student).toMatchObject({ name: "Zoë", className: "Period 3", classCode: classroom.code });
    const byName = await signInStudent(ctx.server.url, { code: classroom.code, name: "zoe", pin: "4321" });
    expect(byName.status).toBe(200);
    expect((await byName.client!.home()).student.name).toBe("Zoë");
    expect(byName.body).toMatchObject({ ok: true, data: { name: "Zoë", className: "Period 3", classCode: classroom.code } });
    // A personal link asks no name: its refusals say what is wrong with the link or the PIN, and the other way in.
    const badLink = await signInStudent(ctx.server.url, { linkCode: `${home.student.linkCode.slice(0, -2)}xx`, pin: "4321" });
    expect(badLink.body).toMatchObject({ ok: false, error: { code: "SIGN_IN_FAILED", message: "This personal link is not valid: sign in with your class code, your name and your PIN instead." } });
    const wrongPin = await signInStudent(ctx.server.url, { linkCode: home.student.linkCode, pin: "9999" });
    expect(wrongPin.body).toMatchObject({ ok: false, error: { code: "SIGN_IN_FAILED", message: expect.stringMatching(/^That PIN does not match this personal link/) } });
    const byLink = await signInStudent(ctx.server.url, { linkCode: home.student.linkCode, pin: "4321" });
    expect(byLink.status).toBe(200);
    expect(byLink.body).toMatchObject({ ok: true, data: { classCode: classroom.code } });
    const wrongName = await signInStudent(ctx.server.url, { code: classroom.code, name: "Nobody", pin: "4321" });
    expect(wrongName.body).toMatchObject({ ok: false, error: { code: "SIGN_IN_FAILED" } });
  });

  it(`locks a student's sign-in after ${PIN_TRIES} wrong PINs in a row, even with the right one; the teacher's reset opens it and signs devices out`, async () => {
    // The same refusals, in the same order, for a real name and a name in no class: the lockout
    // cannot list the class. The try before the last warns (it reads this address's tries only).
    const tries = async (name: string) => {
      const out: { status: number; body: unknown }[] = [];
      for (let i = 0; i < PIN_TRIES; i++) {
        const r = await signInStudent(ctx.server.url, { code: classroom.code, name, pin: "0000" });
        out.push({ status: r.status, body: r.body });
      }
      return out;
    };
    const real = await tries("Zoë");
    const madeUp = await tries("Zed");
    expect(madeUp).toEqual(real);
    expect(real.map((r) => r.status)).toEqual([...Array(PIN_TRIES - 1).fill(401), 429]);
    const message = (r: { body: unknown }) => (r.body as { error: { message: string } }).error.message;
    expect(real.slice(0, PIN_TRIES - 2).map(message)).toEqual(Array(PIN_TRIES - 2).fill("That name and PIN do not match. Check both (your teacher can reset your PIN)."));
    expect(message(real[PIN_TRIES - 2])).toMatch(/^That name and PIN do not match\. One more wrong PIN and sign-in waits 15 minutes/);
    expect(real[PIN_TRIES - 1].body).toMatchObject({ error: { code: "SIGN_IN_LOCKED" } });
    const right = await signInStudent(ctx.server.url, { code: classroom.code, name: "Zoë", pin: "4321" });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ error: { code: "SIGN_IN_LOCKED", message: expect.stringMatching(/Try again in 15 minutes/) } });
    const stillMadeUp = await signInStudent(ctx.server.url, { code: classroom.code, name: "Zed", pin: "4321" });
    expect({ status: stillMadeUp.status, body: stillMadeUp.body }).toEqual({ status: right.status, body: right.body });
    const roster = await api<{ roster: { name: string; locked: boolean }[] }>("GET", `/api/classes/${classroom.id}`);
    expect(roster.body.data.roster.find((s) => s.name === "Zoë")!.locked).toBe(true);

    const reset = await api<{ pin: string }>("POST", `/api/classes/${classroom.id}/students/${await idOf("Zoë")}/reset-pin`);
    expect(reset.body.data.pin).toMatch(/^\d{4}$/);
    // Every device signed out, each told why and what to do.
    const out = await zoe.call("GET", "/api/student/home");
    expect(out.status).toBe(401);
    expect(out.body).toMatchObject({ ok: false, error: { code: "SIGNED_OUT", message: expect.stringMatching(/^your teacher gave you a new PIN, so this device was signed out: sign in again/) } });
    // A device that signed itself out, or never signed in, hears the plain answer.
    const stranger = await fetch(`${ctx.server.url}/api/student/home`, { headers: { origin: ctx.server.url } });
    expect(await stranger.json()).toMatchObject({ ok: false, error: { code: "NOT_AUTHENTICATED" } });
    const back = await signInStudent(ctx.server.url, { code: classroom.code, name: "Zoë", pin: reset.body.data.pin });
    expect(back.status).toBe(200);
    zoe = back.client!;
  });

  it("rename, and merge of a student who joined twice: one history, items renumbered, the duplicate gone", async () => {
    const twice = await joinClass(ctx.server.url, classroom.code, "Zoe L");
    for (const who of [zoe, twice]) {
      const item = await who.next("gradient-step");
      await who.attempt(item.itemId, await rightAnswer(ctx.server.db, item.itemId), newKey());
    }
    const [keep, dup] = [await idOf("Zoë"), await idOf("Zoe L")];
    expect((await api("PATCH", `/api/classes/${classroom.id}/students/${keep}`, { name: "Zoe L" })).body.error?.code).toBe("STUDENT_NAME_TAKEN");
    const merged = await api("POST", `/api/classes/${classroom.id}/students/${dup}/merge`, { into: keep });
    expect(merged.status).toBe(200);
    expect(await ctx.server.db.prisma.student.count({ where: { id: dup } })).toBe(0);
    const items = await ctx.server.db.prisma.practiceItem.findMany({ where: { studentId: keep }, orderBy: { serial: "asc" } });
    expect(items.map((i) => i.serial)).toEqual([0, 1]);
    expect((await zoe.home()).nodes[0].skills[0]).toMatchObject({ attempts: 2, streak: 2 });
    expect((await api<{ name: string }>("PATCH", `/api/classes/${classroom.id}/students/${keep}`, { name: "Zoë Lind" })).body.data.name).toBe("Zoë Lind");
    expect((await zoe.home()).student.name).toBe("Zoë Lind");
  });

  it("a closed class takes no newcomers; signing in still works", async () => {
    expect((await api("PATCH", `/api/classes/${classroom.id}`, { joinOpen: false })).status).toBe(200);
    const res = await fetch(`${ctx.server.url}/api/class/join`, { method: "POST", headers: { origin: ctx.server.url, "content-type": "application/json" }, body: JSON.stringify({ code: classroom.code, name: "Late", pin: "1111" }) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("CLASS_CLOSED");
    const unknown = await fetch(`${ctx.server.url}/api/class/ZZZZZZZ`);
    expect(unknown.status).toBe(404);
  });

  it("requests from another site are refused (Origin), bad bodies say which field", async () => {
    const cross = await fetch(`${ctx.server.url}/api/class/join`, { method: "POST", headers: { origin: "https://evil.test", "content-type": "application/json" }, body: JSON.stringify({ code: classroom.code, name: "X", pin: "1234" }) });
    expect(cross.status).toBe(403);
    const bad = await fetch(`${ctx.server.url}/api/class/join`, { method: "POST", headers: { origin: ctx.server.url, "content-type": "application/json" }, body: JSON.stringify({ code: classroom.code, name: "X", pin: "12" }) });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", message: "a PIN is 4 to 6 digits" } });
  });
});
