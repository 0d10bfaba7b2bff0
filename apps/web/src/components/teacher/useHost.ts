"use client";
import { useEffect, useState } from "react";
import type { ClassProgress, ExperimentPoints, TeacherState, TeacherUpdate } from "@livelab/core/protocol";
import { callRetrying, type LiveSocket } from "../../lib/socket";

export type { ClassProgress, ExperimentPoints, QuestionProgress, TeacherState } from "@livelab/core/protocol";

/** What the browser that started a session may keep (older versions stored it; attaching by sign-in needs none). */
export interface HostInfo { hostSecret: string; code: string; joinUrl: string }

export function hostInfo(sessionId: string): HostInfo | null {
  try {
    const raw = localStorage.getItem(`livelab:host:${sessionId}`);
    return raw ? (JSON.parse(raw) as HostInfo) : null;
  } catch {
    return null;
  }
}

/**
 * Attach this page as the session's console and follow its state: as the signed-in teacher who
 * owns it (the sign-in cookie travels with the connection), or with a stored host secret.
 */
export function useHost(socket: LiveSocket | null, sessionId: string) {
  const [state, setState] = useState<TeacherState | null>(null);
  const [progress, setProgress] = useState<ClassProgress | null>(null);
  const [points, setPoints] = useState<ExperimentPoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [joinUrl, setJoinUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!socket) return;
    const host = hostInfo(sessionId);
    const attach = async () => {
      const r = await callRetrying(socket, "host:attach", host ? { sessionId, hostSecret: host.hostSecret } : { sessionId });
      if (!r.ok) return setError(r.error.message);
      setError(null);
      setState(r.data.state);
      setProgress(r.data.progress);
      setJoinUrl(r.data.joinUrl);
    };
    socket.on("connect", attach);
    if (socket.connected) void attach();
    // State broadcasts leave out what did not change (the lesson outline, the roster).
    const onState = (update: TeacherUpdate) => setState((s) => (s ? { ...s, ...update } : null));
    socket.on("host:state", onState);
    const onProgress = (p: ClassProgress) => {
      setProgress(p);
      // The roster rides along only when it changed.
      if (p.participants) setState((s) => (s ? { ...s, participants: p.participants! } : s));
    };
    socket.on("class:progress", onProgress);
    socket.on("experiment:points", setPoints);
    return () => {
      socket.off("connect", attach);
      socket.off("host:state", onState);
      socket.off("class:progress", onProgress);
      socket.off("experiment:points", setPoints);
    };
  }, [socket, sessionId]);
  return { state, progress, points, error, joinUrl };
}
