"use client";
import { call, type LiveSocket } from "./socket";

/**
 * Estimates the offset between this device's clock and the server's from ping/pong round
 * trips, keeping the sample with the smallest round trip (the least disturbed by the network).
 * serverNow() = Date.now() + offset.
 */
export class ServerClock {
  private offset = 0;
  private bestRtt = Infinity;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly socket: LiveSocket) {}

  now(): number {
    return Date.now() + this.offset;
  }

  async sync(samples = 5): Promise<void> {
    for (let i = 0; i < samples; i++) {
      const t0 = Date.now();
      const r = await call(this.socket, "time:ping", { t0 }, 5000);
      const t1 = Date.now();
      if (!r.ok) continue;
      const rtt = t1 - t0;
      // Older estimates age: after a while, accept a slightly worse round trip.
      if (rtt <= this.bestRtt) {
        this.bestRtt = rtt;
        this.offset = r.data.serverTime - (t0 + rtt / 2);
      }
    }
  }

  start(): void {
    void this.sync();
    this.timer = setInterval(() => {
      this.bestRtt *= 1.5;
      void this.sync(3);
    }, 30_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
