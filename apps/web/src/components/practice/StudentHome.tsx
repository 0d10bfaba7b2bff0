"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CourseNodeView, SkillState, StudentHome as Home } from "@livelab/core/protocol";
import { api, type ApiCallError, knownStudent, rememberSignIn, asSentence } from "../../lib/practiceApi";
import { SignedOut } from "./SignedOut";
import { dueIn, LEVEL_TEXT } from "./levels";
import { HomeDue } from "./HomeDue";
import { nodeStatus } from "./nodeStatus";
import { LockIcon } from "./LockIcon";
import { MyLink } from "./MyLink";
import { WaitingAnswer } from "./WaitingAnswer";
import "./practice.css";

const STATUS_ICON: Record<Exclude<CourseNodeView["status"], "locked">, string> = { mastered: "✓", "in-progress": "◐", available: "○" };

/**
 * A student's home on a phone: a live class of their class (join it as themselves), what is
 * due today (reviews, assignments due or late), the other assignments, and their course —
 * each node mastered, in progress, open or locked with what it needs, each skill with its row of right answers and a Practise button.
 * Everything is the server's count; the phone decides nothing.
 */
export function StudentHome() {
  const [home, setHome] = useState<Home | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Signed out: the server's reason when it knows one (a new PIN, a removal), else null.
  const [signedOut, setSignedOut] = useState<{ reason: string | null } | null>(null);
  // Skills the teacher assigned: open even behind their node's gate.
  const assigned = useMemo(() => new Set(home?.assignments.flatMap((a) => a.skills.map((s) => s.skill)) ?? []), [home]);

  const load = useCallback(async () => {
    try {
      const h = await api<Home>("/api/student/home");
      setHome(h);
      setError(null);
      rememberSignIn(h.student);
    } catch (e) {
      const err = e as ApiCallError;
      if (err.status === 401) {
        knownStudent.clear();
        setSignedOut({ reason: err.code === "SIGNED_OUT" ? err.message : null });
      } else setError(err.offline ? "No connection. Your progress is safe on the server; this page updates when you are back online." : asSentence(err.message));
    }
  }, []);
  useEffect(() => {
    void load();
    // A live class may start while the home is open; coming back to the tab refreshes too.
    const every = setInterval(() => void load(), 20_000);
    const onFocus = () => void load();
    window.addEventListener("focus", onFocus);
    window.addEventListener("online", onFocus);
    return () => {
      clearInterval(every);
      window.removeEventListener("focus", onFocus);
      window.removeEventListener("online", onFocus);
    };
  }, [load]);

  const signOut = async () => {
    await api("/api/student/signout", "POST").catch(() => undefined);
    knownStudent.clear();
    window.location.assign("/");
  };

  if (signedOut) return <SignedOut reason={signedOut.reason} />;

  return (
    <>
      <header className="topbar">
        <span className="brand">LiveLab</span>
        {home && <span className="muted small">{home.student.name} · {home.student.className}</span>}
        <button className="small-button" onClick={() => void signOut()}>Sign out</button>
      </header>
      <main className="narrow practice">
        {error && <p className="offline-note" role="status">{error}</p>}
        <WaitingAnswer />
        {home === null ? <p className="muted">Loading your course…</p> : (
          <>
            {home.live && (
              <section className="card live-now" aria-label="live class">
                <p><strong>Your class is live now:</strong> {home.live.lessonTitle}</p>
                <a className="button-link primary-link" href={`/join/${home.live.code}`}>Join the class</a>
              </section>
            )}
            <HomeDue home={home} />
            <h1 className="course-title">{home.courseTitle}</h1>
            <ol className="course-map" aria-label="your course">
              {home.nodes.map((n) => <NodeCard key={n.id} node={n} now={home.serverTime} assigned={assigned} />)}
            </ol>
            <MyLink linkCode={home.student.linkCode} classCode={home.student.classCode} />
          </>
        )}
      </main>
    </>
  );
}

function NodeCard({ node, now, assigned }: { node: CourseNodeView; now: number; assigned: ReadonlySet<string> }) {
  const { badge, badgeClass, assignedOpen, gate } = nodeStatus(node, assigned);
  // Skills the teacher assigned in a locked node are for now: listed in view, not folded away.
  const locked = node.status === "locked" && !assignedOpen;
  return (
    <li className={`card node node-${locked ? "locked" : node.status}`} data-node={node.id} data-status={node.status} data-assigned={assignedOpen ? "true" : undefined}>
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">{locked ? <LockIcon /> : assignedOpen ? STATUS_ICON.available : STATUS_ICON[node.status as Exclude<CourseNodeView["status"], "locked">]}</span>
        <div>
          <h2>{node.title}</h2>
          <p className="muted small">{node.kind === "upcoming" && !locked ? "Coming later: your teacher will open it." : node.summary}</p>
        </div>
        <span className={`badge status-${badgeClass}`}>{badge}</span>
      </div>
      {(assignedOpen || gate) && (
        <p className="needs">
          {assignedOpen && <><strong>Assigned by your teacher: open.</strong> </>}
          {gate && <>{gate.lead}{gate.needs && <> <strong>{gate.needs}</strong>.</>}</>}
        </p>
      )}
      {node.kind === "upcoming" && locked && node.needs.length === 0 && <p className="needs">Coming later.</p>}
      {node.skills.length > 0 && (locked ? (
        // A locked node's skills are not for now: listed on request, so the open ones stay in view.
        <details className="node-skills">
          <summary>What it covers ({node.skills.length} {node.skills.length === 1 ? "skill" : "skills"})</summary>
          <ul className="skills" aria-label={`skills of ${node.title}`}>{node.skills.map((s) => <SkillRow key={s.skill} s={s} now={now} />)}</ul>
        </details>
      ) : (
        <ul className="skills" aria-label={`skills of ${node.title}`}>
          {node.skills.map((s) => <SkillRow key={s.skill} s={s} now={now} />)}
        </ul>
      ))}
    </li>
  );
}

function SkillRow({ s, now }: { s: SkillState; now: number }) {
  const mastered = s.level === "mastered" || s.level === "retained";
  return (
    <li className="skill" data-skill={s.skill} data-level={s.level}>
      <div>
        <span className="skill-title">{s.title}</span>
        <span className="muted small skill-line">
          {mastered ? LEVEL_TEXT[s.level] : s.level === "not-started" ? "Not started" : <Dots streak={s.streak} needed={s.needed} />}
          {s.review && mastered && <> · review {dueIn(s.review.due, now)}</>}
          {!s.unlocked && afterText(s.lockedReason) && <> · opens {afterText(s.lockedReason)}</>}
        </span>
        {s.misconceptions.length > 0 && <span className="small warn-line">Watch out: {s.misconceptions[0].label.toLowerCase()}</span>}
      </div>
      {s.unlocked ? (
        <a className={`button-link${s.review?.isDue ? " primary-link" : ""}`} href={`/me/practice/${s.skill}`} aria-label={`${s.review?.isDue ? "Review" : "Practise"} ${s.title}`}>{s.review?.isDue ? "Review" : mastered ? "Practise more" : "Practise"}</a>
      ) : <span className="lock-note"><LockIcon label="locked" /></span>}
    </li>
  );
}

/** "Master Penalty values first." → "after Penalty values" (short, beside a locked skill). */
function afterText(reason: string | null): string {
  const m = reason ? /^Master (.+) first\.$/.exec(reason) : null;
  return m ? `after ${m[1]}` : "";
}

/** The row of right answers toward mastery: ●●○ and its words. */
export function Dots({ streak, needed }: { streak: number; needed: number }) {
  const total = streak + needed;
  return (
    <span className="dots" aria-label={`${streak} of ${total} right in a row`}>
      <span aria-hidden="true">{"●".repeat(streak)}{"○".repeat(needed)}</span> {streak === 0 ? `${total} right in a row to master it` : `${streak} of ${total} in a row`}
    </span>
  );
}
