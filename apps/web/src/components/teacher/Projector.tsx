"use client";
import { useMemo } from "react";
import { goSignIn } from "../../lib/authClient";
import { useConnection, useKeyframeFetch } from "../../lib/useConnection";
import { useStage } from "../../lib/useStage";
import { Stage } from "../stage/Stage";
import { hostInfo } from "./useHost";

/**
 * The teacher's own projector window: any browser signed in as the teacher who started the
 * session (or the browser that started it, which holds its host secret) shows the stage.
 */
export function Projector({ sessionId }: { sessionId: string }) {
  const { socket, clock } = useConnection();
  const fetchKeyframe = useKeyframeFetch(socket);
  const target = useMemo(() => {
    const secret = typeof window === "undefined" ? undefined : hostInfo(sessionId)?.hostSecret;
    return secret ? { sessionId, hostSecret: secret } : { sessionId };
  }, [sessionId]);
  const { stage, joinUrl, error } = useStage(socket, target);
  if (error) {
    return (
      <main className="narrow">
        <h1>This screen cannot show the class</h1>
        <p className="error" role="alert">{error.message}</p>
        <p>Sign in as the teacher of this class on this computer, or pair it from your console (<em>Pair a screen</em>) and open the pairing address.</p>
        <p><button className="primary" onClick={goSignIn}>Sign in</button> <a href="/pair">Pair with a code instead</a></p>
      </main>
    );
  }
  if (!stage) return <main className="narrow"><p>Connecting…</p></main>;
  return <Stage stage={stage} joinUrl={joinUrl} clock={clock} fetchKeyframe={fetchKeyframe} />;
}
