/**
 * Collects rows (answers, joins) for a few milliseconds and writes them in one transaction:
 * 2,000 answers arriving within a second become a handful of inserts instead of 2,000. Each
 * caller's promise resolves only after its row is committed (or rejects if the write failed),
 * so an acknowledged answer is a stored answer.
 */
export class WriteBatcher<Row> {
  private queue: { row: Row; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly opts: { maxDelayMs: number; maxBatch: number } = { maxDelayMs: 15, maxBatch: 500 },
  ) {}

  add(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= this.opts.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.opts.maxDelayMs);
    });
  }

  private flushSoon(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Write everything queued (batches are written one after another, in order). */
  flush(): Promise<void> {
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await this.write(batch.map((b) => b.row));
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    });
    return this.flushing;
  }
}
