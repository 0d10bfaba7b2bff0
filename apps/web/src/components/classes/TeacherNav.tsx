"use client";
import { authClient } from "../../lib/authClient";

/** The teacher pages' top bar: where they are, the way to My sessions and Classes, sign out. */
export function TeacherNav({ title, current }: { title: string; current: "sessions" | "classes" }) {
  const signOut = async () => {
    await authClient.signOut();
    window.location.assign("/signin");
  };
  return (
    <header className="topbar">
      <span className="brand">LiveLab · {title}</span>
      <nav className="row" aria-label="teacher pages">
        <a href="/teach" aria-current={current === "sessions" ? "page" : undefined}>My sessions</a>
        <a href="/teach/classes" aria-current={current === "classes" ? "page" : undefined}>Classes</a>
        <button onClick={() => void signOut()}>Sign out</button>
      </nav>
    </header>
  );
}
