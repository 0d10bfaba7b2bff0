import { parentPort } from "node:worker_threads";
import { checkDraft, importFile, previewDraft } from "../lessons/lessonJobs.ts";
import type { LessonJob } from "../lessons/lessonWorkers.ts";

/** Runs lesson jobs off the main thread: the pool times each one and replaces a stuck worker. */
parentPort!.on("message", async (m: { id: number; job: LessonJob }) => {
  try {
    const j = m.job;
    const result = j.kind === "check" ? checkDraft(j.draft) : j.kind === "preview" ? previewDraft(j.preview) : await importFile(j.file);
    parentPort!.postMessage({ id: m.id, ok: true, result });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: (e as Error).message });
  }
});

parentPort!.postMessage({ ready: true });
