"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { ServerClock } from "./clock";
import { call, connectSocket, type LiveSocket } from "./socket";

export type ConnectionState = "connecting" | "online" | "offline";

/** The socket, its connection state and a synced server clock, for one page. */
export function useConnection(): { socket: LiveSocket | null; clock: ServerClock | null; connection: ConnectionState } {
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const clockRef = useRef<ServerClock | null>(null);
  useEffect(() => {
    const s = connectSocket();
    const clock = new ServerClock(s);
    clockRef.current = clock;
    s.on("connect", () => { setConnection("online"); void clock.sync(); });
    s.on("disconnect", () => setConnection("offline"));
    s.io.on("reconnect_attempt", () => setConnection("connecting"));
    clock.start();
    setSocket(s);
    return () => {
      clock.stop();
      s.disconnect();
    };
  }, []);
  return { socket, clock: socket ? clockRef.current : null, connection };
}

/** A stable keyframe fetcher for useLockstep. */
export function useKeyframeFetch(socket: LiveSocket | null) {
  return useMemo(() => {
    if (!socket) return undefined;
    return async (step: number) => {
      const r = await call(socket, "sim:keyframe", { step }, 15_000);
      return r.ok ? r.data : null;
    };
  }, [socket]);
}

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const text = state === "online" ? "Connected" : state === "connecting" ? "Connecting…" : "Offline — reconnecting";
  return <span className={`conn conn-${state}`} role="status" aria-live="polite">{text}</span>;
}
