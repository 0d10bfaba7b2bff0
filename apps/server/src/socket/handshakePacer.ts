/**
 * Spreads a storm of new connections over event-loop turns. When a lecture hall's Wi-Fi
 * comes back, 2,000 phones reconnect within a second; accepting all of their WebSocket
 * upgrades in one turn stalled the event loop for hundreds of milliseconds (docs/BENCHMARKS.md),
 * delaying every timer and message of every class on the server. Engine.IO asks
 * `allowRequest` before each new handshake; this answers at most `perTurn` of them per turn
 * (setImmediate queued from an immediate runs on the next turn, after timers and I/O). One
 * connection on a quiet server waits one immediate: microseconds.
 */
export class HandshakePacer {
  private queue: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn = 32) {}

  /** Engine.IO's `allowRequest(req, callback)`. */
  readonly allowRequest = (_req: unknown, callback: (err: string | null | undefined, success: boolean) => void): void => {
    this.queue.push(() => callback(null, true));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.drain);
    }
  };

  /** Handshakes waiting for their turn (for tests and metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  private readonly drain = (): void => {
    const batch = this.queue.splice(0, this.perTurn);
    for (const admit of batch) admit();
    if (this.queue.length > 0) setImmediate(this.drain);
    else this.scheduled = false;
  };
}
