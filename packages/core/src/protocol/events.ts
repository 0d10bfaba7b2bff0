import type { z } from "zod";
import type { Ack, ProtocolError } from "../errors.ts";
import type { Keyframe } from "../sim/keyframe.ts";
import type { ExperimentPoints, ExperimentResult } from "../session/experiments.ts";
import type { PersonalSummary } from "../session/score.ts";
import type { ClassProgress, TeacherState, TeacherUpdate } from "../session/teacherViews.ts";
import type { Timeline } from "../session/timeline.ts";
import type { PublicState, RevealedResult, StudentQuestionState, StudentSnapshot } from "../session/views.ts";
import type { ReviewItem } from "../session/review.ts";
import type { StageView } from "../session/stageView.ts";
import { COMMON_EVENTS, SCREEN_EVENTS, STUDENT_EVENTS, TEACHER_EVENTS } from "./schemas.ts";

/**
 * The Socket.IO protocol, typed both ways. Payloads of client → server events are the zod
 * schemas in schemas.ts; what each one acknowledges with, and every server → client message,
 * are declared here. The server, the web app and the tests all take their types from this
 * file (as Socket.IO's typed `Server<ClientEvents, ServerEvents>` / `Socket<ServerEvents,
 * ClientEvents>`), so a change to a message is a compile error wherever it is used.
 */

export const CLIENT_EVENTS = { ...STUDENT_EVENTS, ...TEACHER_EVENTS, ...SCREEN_EVENTS, ...COMMON_EVENTS } as const;
export type ClientEventName = keyof typeof CLIENT_EVENTS;

/** What a client sends with event E (before parsing: defaults may be left out). */
export type ClientPayload<E extends ClientEventName> = z.input<(typeof CLIENT_EVENTS)[E]>;
/** The same payload after the server's validation. */
export type ParsedPayload<E extends ClientEventName> = z.output<(typeof CLIENT_EVENTS)[E]>;

/** The code names a live class that admits students now (the code as the server spells it). */
export interface CodeCheckAck { code: string }
export interface JoinAck { participantId: string; resumeToken: string; sessionId: string; snapshot: StudentSnapshot }
/**
 * A roster student in a live class run for their class: the same seat from every device (the
 * student cookie says who they are), so no resume token is needed — a reconnect joins again.
 */
export interface JoinRosterAck { participantId: string; sessionId: string; nickname: string; snapshot: StudentSnapshot; summary: PersonalSummary | null }
export interface ResumeAck { participantId: string; sessionId: string; snapshot: StudentSnapshot; summary: PersonalSummary | null }
export interface AnswerAck { questionId: string; attempt: number; saved: true; duplicate: boolean }
export type ExperimentAck = Omit<ExperimentResult, "activityId">;
export interface HostAttachAck { state: TeacherState; progress: ClassProgress; joinUrl: string }
/** A projector screen attached: what it shows, where students join, and whether it is its owner's or a paired view-only screen. */
export interface StageAttachAck { stage: StageView; joinUrl: string; role: "owner" | "viewer" }
/** A new view-only pairing: the code (shown once, only its hash is kept) and the address a classroom PC opens. */
export interface PairAck { code: string; pairUrl: string }
export interface ReviewAck { items: ReviewItem[] }
/** A teacher command was carried out (or was already in effect). */
export type CommandAck = { done: true };
/** Losses and ‖w‖² per lane at sampled steps (about 300 per run), rounded to 5 significant digits. */
export interface LossHistory { steps: number[]; lanes: { train: number[]; val: number[]; l2: number[] }[] }
/** A keyframe, with the loss history up to it so a late or reloaded screen draws the whole chart. */
export interface KeyframeAck { revision: number; keyframe: Keyframe; changes: Timeline["changes"]; history: LossHistory }
export interface PingAck { t0: number; serverTime: number }

/** The `data` of `{ ok: true, data }` for each client → server event. */
export interface AckData {
  "session:check": CodeCheckAck;
  "session:join": JoinAck;
  "session:resume": ResumeAck;
  "session:joinRoster": JoinRosterAck;
  "answer:submit": AnswerAck;
  "experiment:submit": ExperimentAck;
  "host:attach": HostAttachAck;
  "activity:goto": CommandAck;
  "session:lock": CommandAck;
  "session:pause": CommandAck;
  "question:open": CommandAck;
  "question:close": CommandAck;
  "question:reveal": CommandAck;
  "participant:remove": CommandAck;
  "session:end": CommandAck;
  "sim:control": CommandAck;
  "projector:show": CommandAck;
  "stage:set": CommandAck;
  "question:extend": CommandAck;
  "text:moderate": CommandAck;
  "viewer:pair": PairAck;
  "viewer:revoke": CommandAck;
  "stage:attach": StageAttachAck;
  "review:get": ReviewAck;
  "sim:keyframe": KeyframeAck;
  "time:ping": PingAck;
}

/** Client → server events as Socket.IO types them: a payload and an acknowledgement callback. */
export type ClientEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: Ack<AckData[E]>) => void) => void;
};

/** A simulation checkpoint: everyone at `step` of timeline `revision` must have weights hashing to `hash`. */
export interface Checkpoint { revision: number; step: number; hash: string }

/** Server → client messages (broadcasts in the past tense or nouns). */
export interface ServerEvents {
  /** To students: the class's public state changed. */
  "session:state": (state: PublicState) => void;
  /** To teacher screens: the state changed (outline and roster left out; see TeacherUpdate). */
  "host:state": (state: TeacherUpdate) => void;
  /** To projector screens: what the room sees changed (on every change; answer counts coalesced). */
  "stage:state": (stage: StageView) => void;
  /** To each student: their own copy of a question that just opened. */
  "question:opened": (question: StudentQuestionState) => void;
  /** To each student: their own result, at the reveal. */
  "question:revealed": (result: RevealedResult) => void;
  "sim:checkpoint": (checkpoint: Checkpoint) => void;
  /** To teacher screens, coalesced: answers and joins. */
  "class:progress": (progress: ClassProgress) => void;
  /** To a student whose rank changed. */
  "experiment:result": (result: ExperimentResult) => void;
  /**
   * To all students, coalesced: how many have run the experiment now. One broadcast instead of
   * a message per student (whose rank did not change) each time the class grows.
   */
  "experiment:counted": (count: { activityId: string; of: number }) => void;
  /** To teacher screens, coalesced: the class's runs. */
  "experiment:points": (points: ExperimentPoints) => void;
  "participant:removed": (notice: { reason: string }) => void;
  /** To each student: their own summary. */
  "session:ended": (summary: PersonalSummary) => void;
  /** A refusal for a client that sent no acknowledgement callback. */
  "protocol:error": (error: ProtocolError & { event: string }) => void;
}

export type ServerEventName = keyof ServerEvents;
export type ServerPayload<E extends ServerEventName> = Parameters<ServerEvents[E]>[0];
