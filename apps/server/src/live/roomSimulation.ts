import { ERROR_CODES, fail, ok, type Ack, type KeyframeAck } from "@livelab/core/protocol";
import { stepAt, type Timeline } from "@livelab/core/session";
import type { Logger } from "pino";
import type { RoomTransport } from "./roomTransport.ts";
import { SimRunner } from "./simRunner.ts";

export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * A room's side of the shared simulation: the server computes the same steps as every screen,
 * publishes a checkpoint (step + weights hash) about once a second while the timeline plays
 * and after every change, and hands out keyframes to screens that are late or disagree.
 */
export class RoomSimulation {
  private readonly runner = new SimRunner();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: {
    timeline: () => Timeline | null;
    /** Whether the class is still on (no checkpoints after the end). */
    live: () => boolean;
    now: () => number;
    transport: RoomTransport;
    log: Logger;
    sessionId: string;
  }) {}

  /** The timeline may have changed: start or stop the periodic checkpoints, and send one now. */
  sync(): void {
    const t = this.deps.timeline();
    const playing = t?.playing === true && this.deps.live();
    if (playing && !this.timer) {
      this.timer = setInterval(() => void this.checkpoint(), CHECKPOINT_INTERVAL_MS);
      this.timer.unref();
    } else if (!playing && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    // One checkpoint right away after any timeline change (e.g. a pause pins the step).
    if (t) void this.checkpoint();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async checkpoint(): Promise<void> {
    const t = this.deps.timeline();
    if (!t || this.closed) return;
    try {
      const cp = await this.runner.checkpoint(t, this.deps.now());
      if (this.deps.timeline()?.revision !== cp.revision) return; // superseded while computing
      this.deps.transport.toStudents("sim:checkpoint", cp);
      this.deps.transport.toTeachers("sim:checkpoint", cp);
    } catch (e) {
      this.deps.log.error({ err: e, session: this.deps.sessionId }, "checkpoint failed");
    }
  }

  /**
   * The complete simulation state at `step` (default: now) of the current timeline — a kept
   * keyframe at most `keyframeSpacing` steps before it (SimRunner). A step past the end of the
   * run is refused: nothing is computed for it.
   */
  async keyframe(step?: number): Promise<Ack<KeyframeAck>> {
    const t = this.deps.timeline();
    if (!t) return fail(ERROR_CODES.NO_SIMULATION, "the current activity has no simulation");
    if (step !== undefined && step > t.maxSteps) return fail(ERROR_CODES.BAD_REQUEST, `step ${step} is past the end of this simulation (${t.maxSteps} steps)`);
    const target = step ?? stepAt(t, this.deps.now());
    const { keyframe, history } = await this.runner.keyframe(t, target);
    return ok({ revision: t.revision, keyframe, changes: t.changes, history });
  }
}
