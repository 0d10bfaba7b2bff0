/**
 * Who may create a teacher account (TEACHER_SIGNUP). LiveLab is a self-hosted classroom tool:
 * on a teacher's own laptop anyone who can reach it may sign up (`open`, the default); a school
 * running it for its staff lists the email domains (or single addresses) it admits, or closes
 * sign-up once its teachers have accounts.
 *
 *   TEACHER_SIGNUP=open                              anyone
 *   TEACHER_SIGNUP=closed                            nobody (existing accounts still sign in)
 *   TEACHER_SIGNUP=@school.edu,@district.org,ms.rivera@gmail.com
 *
 * Like most self-hosted tools (and Better Auth's default), sign-up says when an email already
 * has an account; the per-address sign-up limit (5 a minute) bounds how fast anyone can ask.
 */
export type SignupPolicy = { kind: "open" } | { kind: "closed" } | { kind: "list"; domains: string[]; addresses: string[] };

export function parseSignupPolicy(setting: string | undefined): SignupPolicy {
  const value = (setting ?? "open").trim().toLowerCase();
  if (value === "" || value === "open") return { kind: "open" };
  if (value === "closed") return { kind: "closed" };
  const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !/^@[a-z0-9.-]+\.[a-z]{2,}$/.test(e) && !/^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(e));
  if (bad.length) throw new Error(`TEACHER_SIGNUP: not an email domain (@school.edu) or address: ${bad.join(", ")}`);
  return { kind: "list", domains: entries.filter((e) => e.startsWith("@")), addresses: entries.filter((e) => !e.startsWith("@")) };
}

/** Why this email may not sign up, or null. */
export function signupRefusal(policy: SignupPolicy, email: string): string | null {
  if (policy.kind === "open") return null;
  if (policy.kind === "closed") return "sign-up is closed on this server; ask whoever runs it for an account";
  const e = email.trim().toLowerCase();
  const domain = e.slice(e.lastIndexOf("@"));
  if (policy.addresses.includes(e) || policy.domains.includes(domain)) return null;
  return "this server admits teacher accounts for its school's email addresses only";
}
