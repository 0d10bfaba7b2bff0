"use client";
import dynamic from "next/dynamic";

/** The phone's simulation (engine + lockstep loop + charts), loaded after first paint. */
export const LazyLockstep = dynamic(() => import("./StudentSim").then((m) => m.StudentSim), {
  ssr: false,
  loading: () => <p className="sim muted">Loading the simulation…</p>,
});
