"use client";
import { useEffect, useState } from "react";
import type { ServerClock } from "./clock";

/**
 * Whole seconds left until a server-time deadline, on this device's estimate of the server's
 * clock (ServerClock: ping/pong offset), so the projector and every phone count down together
 * whatever their own clocks say. null without a deadline. Rounded up: "1" until the very end.
 */
export function useCountdown(deadline: number | null, clock: ServerClock | null): number | null {
  const left = () => (deadline === null || !clock ? null : Math.max(0, Math.ceil((deadline - clock.now()) / 1000)));
  const [seconds, setSeconds] = useState<number | null>(left);
  useEffect(() => {
    setSeconds(left());
    if (deadline === null || !clock) return;
    // Four ticks a second: a displayed second never lags the true one by more than 250 ms.
    const timer = setInterval(() => setSeconds(left()), 250);
    return () => clearInterval(timer);
    // `left` reads only deadline and clock.
  }, [deadline, clock]);
  return seconds;
}
