"use client";
import { useEffect, useState } from "react";

/**
 * The class (roster) a session was run for, for the console's header: null while loading, for a
 * session run for no class, or when it cannot be read (the header then just leaves it out).
 */
export function useSessionClass(sessionId: string): { id: string; name: string } | null {
  const [classroom, setClassroom] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/sessions/${encodeURIComponent(sessionId)}/class`)
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { ok: boolean; data?: { classroom: { id: string; name: string } | null } } | null) => {
        if (live && body?.ok) setClassroom(body.data?.classroom ?? null);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sessionId]);
  return classroom;
}
