"use client";
import { useEffect, useState, type FormEvent } from "react";
import { authClient } from "../../lib/authClient";
import { safeNext } from "../../lib/safeNext";

/** Teacher sign-in and sign-up (email + password). Students never need this. */
export function AuthForm({ mode }: { mode: "signin" | "signup" }) {
  const [next, setNext] = useState("/teach");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until the page is hydrated the form has no submit handler: a native submit would put the
  // password in the URL. The button waits for hydration, and the form says POST regardless.
  const [ready, setReady] = useState(false);
  const nextHere = () => safeNext(new URLSearchParams(window.location.search).get("next"), window.location.origin);
  useEffect(() => {
    setNext(nextHere());
    setReady(true);
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    const { error: failure } =
      mode === "signin"
        ? await authClient.signIn.email({ email, password })
        : await authClient.signUp.email({ email, password, name: String(form.get("name") ?? "").trim() || email.split("@")[0] });
    setBusy(false);
    if (failure) return setError(failure.message ?? (mode === "signin" ? "Could not sign in." : "Could not create the account."));
    // Read again here, not from state: a quick submit may come before the effect above ran.
    window.location.assign(nextHere());
  };

  const other = mode === "signin" ? "/signup" : "/signin";
  return (
    <main className="narrow">
      <p className="brand">LiveLab</p>
      <h1>{mode === "signin" ? "Teacher sign-in" : "Create a teacher account"}</h1>
      <p className="muted">{mode === "signin" ? "Sign in to start classes and review their reports." : "Your classes and their results are visible to you only."} Students join with a code and need no account.</p>
      <form className="card" method="post" onSubmit={(e) => void submit(e)} aria-label={mode === "signin" ? "sign in" : "sign up"}>
        {mode === "signup" && (
          <>
            <label htmlFor="name">Your name</label>
            <input id="name" name="name" type="text" autoComplete="name" maxLength={80} />
          </>
        )}
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete={mode === "signin" ? "current-password" : "new-password"} minLength={8} maxLength={128} required />
        {mode === "signup" && <p className="muted small">At least 8 characters.</p>}
        {error && <p className="error" role="alert">{error}</p>}
        <p><button className="primary" type="submit" disabled={busy || !ready}>{mode === "signin" ? "Sign in" : "Create account"}</button></p>
      </form>
      <p>
        {mode === "signin" ? "New to LiveLab? " : "Already have an account? "}
        <a href={`${other}?next=${encodeURIComponent(next)}`}>{mode === "signin" ? "Create an account" : "Sign in"}</a>
      </p>
    </main>
  );
}
