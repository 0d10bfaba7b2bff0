"use client";
import type { Timeline } from "@livelab/core/timeline";
import type { ServerClock } from "../../lib/clock";
import { useLockstep } from "../../lib/useLockstep";
import { SimView } from "../SimView";

export function StudentSim({ timeline, clock, fetchKeyframe }: { timeline: Timeline; clock: ServerClock | null; fetchKeyframe: Parameters<typeof useLockstep>[2] }) {
  const view = useLockstep(timeline, clock, fetchKeyframe);
  return <SimView view={view} timeline={timeline} />;
}
