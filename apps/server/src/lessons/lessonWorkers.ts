import { Worker } from "node:worker_threads";
import { ERROR_CODES, type ErrorCode } from "@livelab/core/errors";
import type { ImportReport } from "@livelab/core/lesson";
import type { DraftCheck, ImportJob, PreviewJob, PreviewOutcome } from "./lessonJobs.ts";

export type LessonJob = { kind: "check"; draft: unknown } | { kind: "preview"; preview: PreviewJob } | { kind: "import"; file: ImportJob };

/** A refusal the routes pass on as `{ ok: false, error: { code, message } }`. */
export class LessonJobError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly status: number) {
    super(message);
  }
}

export interface LessonWorkerOptions {
  /** Worker threads (default 1: lesson work is bursty and small; the machine's cores are for classes). */
  size?: number;
  /** A job that runs longer is stopped: its worker is terminated and replaced. */
  timeoutMs?: number;
  /** Jobs waiting beyond this are refused at once ("busy"), not queued without end. */
  queueLimit?: number;
  /** Heap of each worker: a file that unpacks into more memory kills the worker, not the server. */
  memoryMb?: number;
}

interface Slot {
  worker: Worker;
  /** Loading the worker's code takes a second or two: jobs (and their timers) wait for "ready". */
  ready: boolean;
  current: { id: number; p: Pending; timer: NodeJS.Timeout } | null;
}

interface Pending {
  job: LessonJob;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * The lesson check, previews and file imports, run in worker threads with a time and memory
 * limit. Lessons are untrusted: a formula sweep over thousands of parameter sets, a prediction
 * simulation or a zip that unpacks to gigabytes must not block the event loop that serves
 * every class on the server. A job over its time is answered LESSON_TOO_COSTLY and its worker
 * replaced; the queue is bounded.
 */
export class LessonWorkers {
  private readonly slots: (Slot | null)[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly queueLimit: number;
  private readonly memoryMb: number;

  constructor(opts: LessonWorkerOptions = {}) {
    this.slots = Array.from({ length: opts.size ?? 1 }, () => null);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.queueLimit = opts.queueLimit ?? 32;
    this.memoryMb = opts.memoryMb ?? 512;
  }

  /**
   * Start the workers now (loading their code takes a second or two), so the first check of an
   * editor opened soon after does not wait for it. Called when a teacher lists their lessons.
   */
  warm(): void {
    if (this.closed) return;
    this.slots.forEach((s, slot) => { if (!s) this.spawn(slot); });
  }

  check(draft: unknown): Promise<DraftCheck> {
    return this.run({ kind: "check", draft }) as Promise<DraftCheck>;
  }

  preview(preview: PreviewJob): Promise<PreviewOutcome> {
    return this.run({ kind: "preview", preview }) as Promise<PreviewOutcome>;
  }

  importFile(file: ImportJob): Promise<ImportReport> {
    return this.run({ kind: "import", file }) as Promise<ImportReport>;
  }

  private run(job: LessonJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new LessonJobError(ERROR_CODES.INTERNAL, "the server is shutting down", 503));
      if (this.queue.length >= this.queueLimit) return reject(new LessonJobError(ERROR_CODES.RATE_LIMITED, "the server is busy checking lessons: try again in a moment", 503));
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private spawn(slot: number) {
    const worker = new Worker(new URL("../workers/lessonWorker.mjs", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    worker.unref();
    const entry: Slot = { worker, ready: false, current: null };
    worker.on("message", (m: { ready?: true; id: number; ok: boolean; result?: unknown; error?: string }) => {
      if (m.ready) {
        entry.ready = true;
        return this.pump();
      }
      const cur = entry.current;
      if (!cur || cur.id !== m.id) return;
      clearTimeout(cur.timer);
      entry.current = null;
      if (m.ok) cur.p.resolve(m.result);
      else cur.p.reject(new LessonJobError(ERROR_CODES.INTERNAL, m.error ?? "the lesson job failed", 500));
      this.pump();
    });
    // Out of memory, or a crash: the job is refused, the slot gets a fresh worker on the next job.
    const lost = (why: string) => {
      if (this.slots[slot] !== entry) return;
      this.slots[slot] = null;
      const cur = entry.current;
      if (cur) {
        clearTimeout(cur.timer);
        cur.p.reject(new LessonJobError(ERROR_CODES.LESSON_TOO_COSTLY, why, 422));
      } else if (!entry.ready) {
        // It could not even start: refuse one waiting job, so a broken install cannot respawn forever.
        this.queue.shift()?.reject(new LessonJobError(ERROR_CODES.INTERNAL, "the lesson checker could not start", 500));
      }
      this.pump();
    };
    worker.on("error", (e) => lost(/memory/i.test(e.message) ? "this file needs too much memory to read (is it a zip bomb?)" : `the lesson could not be processed: ${e.message}`));
    worker.on("exit", () => lost("the lesson could not be processed"));
    this.slots[slot] = entry;
    return entry;
  }

  private pump(): void {
    for (let slot = 0; slot < this.slots.length && this.queue.length > 0 && !this.closed; slot++) {
      const entry = this.slots[slot] ?? this.spawn(slot);
      if (entry.current || !entry.ready) continue;
      const p = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => {
        // Stuck on a hostile lesson: stop that thread (the only way to stop running JavaScript).
        entry.current = null;
        this.slots[slot] = null;
        void entry.worker.terminate();
        p.reject(new LessonJobError(ERROR_CODES.LESSON_TOO_COSTLY, `this took longer than ${Math.round(this.timeoutMs / 1000)} s to check: make the lesson smaller (fewer parameter values, questions or simulation steps)`, 422));
        this.pump();
      }, this.timeoutMs);
      entry.current = { id, p, timer };
      entry.worker.postMessage({ id, job: p.job });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new LessonJobError(ERROR_CODES.INTERNAL, "the server is shutting down", 503));
    await Promise.all(this.slots.map(async (s) => {
      if (!s) return;
      if (s.current) { clearTimeout(s.current.timer); s.current.p.reject(new LessonJobError(ERROR_CODES.INTERNAL, "the server is shutting down", 503)); }
      this.slots[this.slots.indexOf(s)] = null;
      await s.worker.terminate();
    }));
  }
}
