import { cpus } from "node:os";
import { Worker } from "node:worker_threads";

export interface ExperimentJob {
  presetId: string;
  params: Record<string, unknown>;
  seed: number;
  steps: number;
}

export interface ExperimentOutcome {
  trainLoss: number;
  valLoss: number;
}


/**
 * A small pool of worker threads that train class-experiment choices, so 2,000 students
 * submitting λ at once never block the sockets. Jobs queue when every worker is busy.
 */
export class ExperimentPool {
  private workers: { worker: Worker; busy: boolean }[] = [];
  private queue: { job: ExperimentJob; resolve: (o: ExperimentOutcome) => void; reject: (e: Error) => void }[] = [];
  private pending = new Map<number, { resolve: (o: ExperimentOutcome) => void; reject: (e: Error) => void; slot: number }>();
  private nextId = 1;
  private closed = false;
  /** Jobs asked for since start (each one a training run): for metrics and tests. */
  jobs = 0;

  constructor(size = Math.max(1, cpus().length - 1)) {
    for (let i = 0; i < size; i++) this.spawn(i);
  }

  private spawn(slot: number): void {
    const worker = new Worker(new URL("../workers/experimentWorker.mjs", import.meta.url));
    worker.unref();
    worker.on("message", (m: { id: number; ok: boolean; trainLoss?: number; valLoss?: number; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.workers[p.slot].busy = false;
      if (m.ok) p.resolve({ trainLoss: m.trainLoss!, valLoss: m.valLoss! });
      else p.reject(new Error(m.error));
      this.pump();
    });
    worker.on("error", (e) => {
      for (const [id, p] of this.pending) if (p.slot === slot) { this.pending.delete(id); p.reject(e); }
      // Replace a crashed worker, but not in a tight loop if it cannot even start.
      if (!this.closed) setTimeout(() => { if (!this.closed) { this.spawn(slot); this.pump(); } }, 500).unref();
    });
    this.workers[slot] = { worker, busy: false };
  }

  run(job: ExperimentJob): Promise<ExperimentOutcome> {
    this.jobs++;
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error("experiment pool closed"));
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (let slot = 0; slot < this.workers.length && this.queue.length > 0; slot++) {
      const w = this.workers[slot];
      if (w.busy) continue;
      const next = this.queue.shift()!;
      const id = this.nextId++;
      w.busy = true;
      this.pending.set(id, { resolve: next.resolve, reject: next.reject, slot });
      w.worker.postMessage({ id, ...next.job });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
