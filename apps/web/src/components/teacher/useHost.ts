"use client";
import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import type { ActivityView, Timeline } from "@livelab/core/protocol";
import { call } from "../../lib/socket";

export interface TeacherState {
  sessionId: string;
  code: string;
  status: string;
  paused: boolean;
  joinLocked: boolean;
  projectorQuestion: string | null;
  activity: ActivityView;
  timeline: Timeline | null;
  questions: { questionId: string; status: string; deadline: number | null }[];
  lesson: { id: string; title: string; activities: { id: string; kind: string; title: string; teacherNotes: string | null; simulation: { presetId: string } | null; questions: { id: string; kind: string; prompt: string; options?: { id: string; text: string }[]; mistakes?: { key: string; label: string }[] }[] }[] };
  questionRuntime: Record<string, { status: string; deadline: number | null }>;
  participants: { id: string; nickname: string; removed: boolean; connected: boolean }[];
}

export interface QuestionProgress { questionId: string; kind: string; status: string; answered: number; distribution: Record<string, number>; answeredBy: string[]; texts?: string[] }
export interface ClassProgress { joined: number; connected: number; questions: QuestionProgress[]; participants?: TeacherState["participants"] }
export interface ExperimentPoints { activityId: string; points: { value: number; valLoss: number; trainLoss: number }[] }

export interface HostInfo { hostSecret: string; code: string; joinUrl: string }

export function hostInfo(sessionId: string): HostInfo | null {
  try {
    const raw = localStorage.getItem(`livelab:host:${sessionId}`);
    return raw ? (JSON.parse(raw) as HostInfo) : null;
  } catch {
    return null;
  }
}

/** Attach this page as the session's host (console or projector) and follow its state. */
export function useHost(socket: Socket | null, sessionId: string) {
  const [state, setState] = useState<TeacherState | null>(null);
  const [progress, setProgress] = useState<ClassProgress | null>(null);
  const [points, setPoints] = useState<ExperimentPoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<HostInfo | null>(null);
  useEffect(() => {
    if (!socket) return;
    const host = hostInfo(sessionId);
    setInfo(host);
    if (!host) {
      setError("This browser does not hold the host key for this session. Open it from the browser that started it.");
      return;
    }
    const attach = async () => {
      const r = await call<{ state: TeacherState; progress: ClassProgress }>(socket, "host:attach", { sessionId, hostSecret: host.hostSecret });
      if (!r.ok) return setError(r.error.message);
      setError(null);
      setState(r.data.state);
      setProgress(r.data.progress);
    };
    socket.on("connect", attach);
    if (socket.connected) void attach();
    // State broadcasts leave out what did not change (the lesson outline, the roster).
    const onState = (update: Partial<TeacherState>) => setState((s) => (s ? { ...s, ...update } : null));
    socket.on("session:state", onState);
    const onProgress = (p: ClassProgress) => {
      setProgress(p);
      // The roster rides along only when it changed.
      if (p.participants) setState((s) => (s ? { ...s, participants: p.participants! } : s));
    };
    socket.on("class:progress", onProgress);
    socket.on("experiment:points", setPoints);
    return () => {
      socket.off("connect", attach);
      socket.off("session:state", onState);
      socket.off("class:progress", onProgress);
      socket.off("experiment:points", setPoints);
    };
  }, [socket, sessionId]);
  return { state, progress, points, error, info };
}
