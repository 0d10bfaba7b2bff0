"use client";
import { useEffect, useState } from "react";
import type { StageAttachAck, StageView } from "@livelab/core/protocol";
import { call, type LiveSocket } from "./socket";

/** How a screen attaches: as its owner (sign-in cookie, or the host secret of the browser that started it) or by a pairing code. */
export type StageTarget = { sessionId: string; hostSecret?: string } | { pairCode: string };

export interface StageFollow {
  stage: StageView | null;
  joinUrl: string | null;
  role: StageAttachAck["role"] | null;
  error: { code: string; message: string } | null;
}

/**
 * Attach this page as a projector screen and follow what the room sees (`stage:state`).
 * Re-attaches after every reconnect; a revoked pairing ends in an error the page shows.
 */
export function useStage(socket: LiveSocket | null, target: StageTarget | null): StageFollow {
  const [follow, setFollow] = useState<StageFollow>({ stage: null, joinUrl: null, role: null, error: null });
  const key = JSON.stringify(target);
  useEffect(() => {
    if (!socket || !target) return;
    const attach = async () => {
      const r = await call(socket, "stage:attach", target);
      if (!r.ok) return setFollow((f) => ({ ...f, error: r.error }));
      setFollow({ stage: r.data.stage, joinUrl: r.data.joinUrl, role: r.data.role, error: null });
    };
    const onStage = (stage: StageView) => setFollow((f) => ({ ...f, stage }));
    // The server drops a paired screen when the teacher revokes it (and every screen of a
    // deleted class); Socket.IO does not reconnect after that, so say so instead of freezing.
    const onDisconnect = (reason: string) => {
      if (reason === "io server disconnect") setFollow({ stage: null, joinUrl: null, role: null, error: { code: "FORBIDDEN", message: "The teacher stopped this screen (the pairing was revoked or replaced)." } });
    };
    socket.on("connect", attach);
    socket.on("stage:state", onStage);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) void attach();
    return () => {
      socket.off("connect", attach);
      socket.off("stage:state", onStage);
      socket.off("disconnect", onDisconnect);
    };
    // `key` stands for the target's contents.
  }, [socket, key]);
  return follow;
}
