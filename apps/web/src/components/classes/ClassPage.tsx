"use client";
import { useCallback, useEffect, useState } from "react";
import type { ClassroomDetail, MasteryGridView } from "@livelab/core/protocol";
import { ApiError, teacherApi } from "../../lib/teacherApi";
import { AssignmentsPanel } from "./AssignmentsPanel";
import { JoinPanel } from "./JoinPanel";
import { LivePanel } from "./LivePanel";
import { MasteryGrid } from "./MasteryGrid";
import { RosterPanel } from "./RosterPanel";
import { StuckAndMistakes } from "./StuckAndMistakes";
import { TeacherNav } from "./TeacherNav";
import "./classes.css";

/**
 * One class, for its teacher at a laptop (1,366 × 768): how students join, a live class run for
 * it, the mastery grid (students × skills; a cell opens its evidence), who is stuck, this week's
 * common mistakes in practice, assignments and their completion, the roster. Everything is the
 * server's count (core's mastery rule); this page lays it out.
 */
export function ClassPage({ classId }: { classId: string }) {
  const [detail, setDetail] = useState<ClassroomDetail | null>(null);
  const [grid, setGrid] = useState<MasteryGridView | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [d, g] = await Promise.all([
        teacherApi<ClassroomDetail>(`/api/classes/${encodeURIComponent(classId)}`),
        teacherApi<MasteryGridView>(`/api/classes/${encodeURIComponent(classId)}/mastery`),
      ]);
      setDetail(d);
      setGrid(g);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setError((e as Error).message);
    }
  }, [classId]);
  useEffect(() => {
    void refresh();
    // Practice goes on between classes: the grid follows without a reload.
    const t = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(t);
  }, [refresh]);

  if (missing) {
    return (
      <>
        <TeacherNav title="Class" current="classes" />
        <main className="wrap"><h1>No such class</h1><p>It may have been deleted, or it belongs to another account. <a href="/teach/classes">Your classes</a></p></main>
      </>
    );
  }

  return (
    <>
      <TeacherNav title={detail ? detail.name : "Class"} current="classes" />
      <main className="wrap class-page">
        {error && <p className="error" role="alert">{error}</p>}
        {!detail || !grid ? <p className="muted">Loading…</p> : (
          <>
          <h1 className="class-title">{detail.name} <span className="muted small">{detail.roster.length} {detail.roster.length === 1 ? "student" : "students"}</span></h1>
          <div className="class-layout">
            <aside className="class-side">
              <JoinPanel detail={detail} onChanged={refresh} />
              <LivePanel detail={detail} />
              <AssignmentsPanel classId={classId} grid={grid} onChanged={refresh} />
            </aside>
            <div className="class-main">
              <MasteryGrid classId={classId} grid={grid} />
              <StuckAndMistakes grid={grid} />
              <RosterPanel detail={detail} onChanged={refresh} />
            </div>
          </div>
          </>
        )}
      </main>
    </>
  );
}
