import { ERROR_CODES, fail, ok, type Ack, type ExperimentAck } from "@livelab/core/protocol";
import { rankAmong, type ExperimentJob, type ExperimentPoint } from "@livelab/core/session";
import type { Logger } from "pino";
import type { RoomStore } from "../db/roomStore.ts";
import { newId } from "../security/tokens.ts";
import { Coalescer } from "./coalescer.ts";
import type { ExperimentPool } from "./experimentPool.ts";
import type { RoomTransport } from "./roomTransport.ts";

/**
 * One session's class experiments: every student's run per activity, their ranks, and the
 * coalesced messages (the class's points to the projector, changed ranks to the students, the
 * class's count of runs to all students in one broadcast).
 * The server trains each choice itself (in worker threads), so a rank cannot be faked.
 */
export class ClassExperiments {
  /** runs[activityId][participantId] */
  private readonly runs = new Map<string, Map<string, ExperimentPoint>>();
  /** The rank each student was last told, per activity: only changes are pushed. */
  private readonly toldRank = new Map<string, number>();
  /**
   * The count of runs the students were last told, per activity. "3rd of 4" must become "of 5"
   * when a fifth student runs theirs, but a message to each student whose rank did not change
   * would be 2,000 messages (and, with several nodes, 2,000 adapter publishes) per second while
   * a big class submits: the count goes to everyone in one broadcast instead (docs/BENCHMARKS.md).
   */
  private readonly toldCount = new Map<string, number>();
  /** Each student's latest submission by idempotency key: a resend gets the same answer, not a second run. */
  private readonly latest = new Map<string, { key: string; result: Promise<Ack<ExperimentAck>> }>();
  private readonly pushes: Coalescer;

  constructor(
    private readonly sessionId: string,
    private readonly deps: { store: RoomStore; pool: ExperimentPool; transport: RoomTransport; log: Logger; onPoints?: () => void },
  ) {
    this.pushes = new Coalescer(() => this.push(), 1000);
  }

  /** A run stored before a restart. */
  restore(run: { participantId: string; activityId: string; value: number; trainLoss: number; valLoss: number }): void {
    this.runsOf(run.activityId).set(run.participantId, { participantId: run.participantId, value: run.value, trainLoss: run.trainLoss, valLoss: run.valLoss });
  }

  /** Train a student's choice, store it, and answer with their rank. Resends (same key) are answered once. */
  submit(participantId: string, activityId: string, job: ExperimentJob, value: number, idempotencyKey: string): Promise<Ack<ExperimentAck>> {
    const previous = this.latest.get(participantId);
    if (previous?.key === idempotencyKey) return previous.result;
    const result = this.run(participantId, activityId, job, value);
    this.latest.set(participantId, { key: idempotencyKey, result });
    // A failed run may be sent again with the same key and must then really run again.
    void result.then((r) => { if (!r.ok && this.latest.get(participantId)?.key === idempotencyKey) this.latest.delete(participantId); });
    return result;
  }

  private async run(participantId: string, activityId: string, job: ExperimentJob, value: number): Promise<Ack<ExperimentAck>> {
    let outcome;
    try {
      outcome = await this.deps.pool.run(job);
    } catch (e) {
      return fail(ERROR_CODES.INVALID_PARAMS, (e as Error).message);
    }
    try {
      await this.deps.store.saveExperimentRun({ id: newId(), sessionId: this.sessionId, participantId, activityId, params: job.params, value, trainLoss: outcome.trainLoss, valLoss: outcome.valLoss });
    } catch (e) {
      this.deps.log.error({ err: e, session: this.sessionId }, "could not store an experiment run");
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "your run was NOT saved (database unavailable); please send it again");
    }
    const point: ExperimentPoint = { participantId, value, trainLoss: outcome.trainLoss, valLoss: outcome.valLoss };
    const runs = this.runsOf(activityId);
    runs.set(participantId, point);
    const rank = rankAmong(this.sortedLosses(runs), point.valLoss);
    this.toldRank.set(`${activityId}|${participantId}`, rank);
    this.pushes.markDirty();
    return ok({ ...point, rank, of: runs.size });
  }

  /** The class's runs of an activity (for tests and reports). */
  points(activityId: string): ExperimentPoint[] {
    return [...(this.runs.get(activityId)?.values() ?? [])];
  }

  close(): void {
    this.pushes.stop();
  }

  private runsOf(activityId: string): Map<string, ExperimentPoint> {
    let runs = this.runs.get(activityId);
    if (!runs) this.runs.set(activityId, (runs = new Map()));
    return runs;
  }

  private sortedLosses(runs: Map<string, ExperimentPoint>): number[] {
    return [...runs.values()].map((r) => r.valLoss).sort((a, b) => a - b);
  }

  /** Coalesced: the projector's points to the teacher screens, and changed ranks to their students. */
  private push(): void {
    const t = this.deps.transport;
    this.deps.onPoints?.();
    for (const [activityId, runs] of this.runs) {
      t.toTeachers("experiment:points", { activityId, points: [...runs.values()].map((r) => ({ value: r.value, valLoss: r.valLoss, trainLoss: r.trainLoss })) });
      const sorted = this.sortedLosses(runs);
      if (this.toldCount.get(activityId) !== sorted.length) {
        this.toldCount.set(activityId, sorted.length);
        t.toStudents("experiment:counted", { activityId, of: sorted.length });
      }
      for (const [pid, r] of runs) {
        const rank = rankAmong(sorted, r.valLoss);
        const key = `${activityId}|${pid}`;
        if (this.toldRank.get(key) === rank) continue;
        this.toldRank.set(key, rank);
        t.toParticipant(pid, "experiment:result", { activityId, ...r, rank, of: sorted.length });
      }
    }
  }
}
