/**
 * One task at a time per key (a student): their next item depends on their last, an attempt on
 * their standing before it. Other keys run concurrently. In one process; across nodes the
 * database's unique constraints keep resends and races harmless (PracticeStore).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => { if (this.tails.get(key) === tail) this.tails.delete(key); });
    return run;
  }
}
