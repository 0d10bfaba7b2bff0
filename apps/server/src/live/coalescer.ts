/**
 * Calls `send` at most once per `intervalMs` after something changed. Per-student actions
 * (a join, an answer) only mark the room dirty; one coalesced message goes to the teacher.
 * This is what keeps a 2,000-student room from becoming 2,000² messages.
 */
export class Coalescer {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  constructor(private readonly send: () => void, private readonly intervalMs = 250) {}

  markDirty(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.last = Date.now();
      this.send();
    }, wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
