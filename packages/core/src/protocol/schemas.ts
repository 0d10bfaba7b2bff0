import { z } from "zod";
import { SPEEDS } from "../session/timeline.ts";

/**
 * The Socket.IO protocol, one zod schema per client → server event (events.ts types the
 * acknowledgements and the server → client messages). Server and web import these;
 * docs/PROTOCOL.md describes them. Bump PROTOCOL_VERSION on any incompatible change.
 */
export const PROTOCOL_VERSION = 1;

/** Largest accepted payload of any event, in bytes of JSON (Socket.IO's maxHttpBufferSize is set from it). */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

const code = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/, "a join code is 4–8 letters and digits");
const token = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/, "malformed token");
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "malformed id");
const idempotencyKey = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "malformed idempotency key");

/** "Is this a class I can join?" — asked before the student types a nickname. */
export const CodeCheckSchema = z.object({ v: z.literal(PROTOCOL_VERSION).optional(), code }).strict();
export const JoinSchema = z.object({ v: z.literal(PROTOCOL_VERSION).optional(), code, nickname: z.string().max(200) }).strict();
export const ResumeSchema = z.object({ v: z.literal(PROTOCOL_VERSION).optional(), resumeToken: token }).strict();
/** A roster student joins a live class run for their class as themselves: who they are comes from the handshake's student cookie. */
export const JoinRosterSchema = z.object({ v: z.literal(PROTOCOL_VERSION).optional(), code }).strict();
export const AnswerSubmitSchema = z.object({
  questionId: id,
  answer: z.union([z.string().max(4000), z.array(z.string().max(64)).max(12)]),
  idempotencyKey,
}).strict();
export const ExperimentSubmitSchema = z.object({ activityId: id, value: z.number().finite(), idempotencyKey }).strict();
export const KeyframeRequestSchema = z.object({ step: z.number().int().min(0).max(1_000_000).optional() }).strict();
export const PingSchema = z.object({ t0: z.number().finite() }).strict();

/** A console attaches with the session's host secret, or (no secret) as the signed-in teacher who owns it (the sign-in cookie). */
export const HostAttachSchema = z.object({ v: z.literal(PROTOCOL_VERSION).optional(), sessionId: id, hostSecret: token.optional() }).strict();
const pairCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6,12}$/, "a pairing code is 6–12 letters and digits");
/** A projector screen: its owner's (host secret or sign-in cookie), or a view-only screen paired by code. */
export const StageAttachSchema = z.union([
  z.object({ v: z.literal(PROTOCOL_VERSION).optional(), sessionId: id, hostSecret: token.optional() }).strict(),
  z.object({ v: z.literal(PROTOCOL_VERSION).optional(), pairCode }).strict(),
]);
export const StageSetSchema = z.object({ blank: z.boolean().optional(), joinCard: z.boolean().optional(), namesShown: z.boolean().optional(), podium: z.boolean().optional() })
  .strict().refine((o) => Object.keys(o).length > 0, "set at least one of blank, joinCard, namesShown, podium");
export const QuestionExtendSchema = z.object({ questionId: id, seconds: z.number().int().min(5).max(600) }).strict();
export const TextModerateSchema = z.object({ questionId: id, participantId: id, hidden: z.boolean() }).strict();
export const GoToSchema = z.object({ index: z.number().int().min(0).max(1000) }).strict();
export const LockSchema = z.object({ locked: z.boolean() }).strict();
export const PauseSchema = z.object({ paused: z.boolean() }).strict();
export const QuestionOpenSchema = z.object({ questionId: id, durationSec: z.number().min(5).max(3600).nullable().optional() }).strict();
export const QuestionRefSchema = z.object({ questionId: id }).strict();
export const ProjectorShowSchema = z.object({ questionId: id.nullable() }).strict();
export const ParticipantRefSchema = z.object({ participantId: id }).strict();
export const EmptySchema = z.object({}).strict();

const paramValue = z.union([z.number().finite(), z.string().max(40)]);
export const SimControlSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("play") }).strict(),
  z.object({ op: z.literal("pause") }).strict(),
  z.object({ op: z.literal("step"), steps: z.number().int().min(-10_000).max(10_000) }).strict(),
  z.object({ op: z.literal("seek"), step: z.number().int().min(0).max(1_000_000) }).strict(),
  z.object({ op: z.literal("speed"), speed: z.union(SPEEDS.map((s) => z.literal(s)) as [z.ZodLiteral<0.25>, z.ZodLiteral<1>, z.ZodLiteral<4>]) }).strict(),
  z.object({ op: z.literal("set"), params: z.record(z.string().max(40), paramValue).refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= 10, "1–10 parameters") }).strict(),
  z.object({ op: z.literal("reset") }).strict(),
]);

export const CreateSessionSchema = z.object({ lessonId: z.string().max(64).optional() }).strict();

/** Client → server events with the schema of their payload. Anything else is UNKNOWN_EVENT. */
export const STUDENT_EVENTS = {
  "session:check": CodeCheckSchema,
  "session:join": JoinSchema,
  "session:resume": ResumeSchema,
  "session:joinRoster": JoinRosterSchema,
  "answer:submit": AnswerSubmitSchema,
  "experiment:submit": ExperimentSubmitSchema,
  "review:get": EmptySchema,
} as const;

export const TEACHER_EVENTS = {
  "host:attach": HostAttachSchema,
  "activity:goto": GoToSchema,
  "session:lock": LockSchema,
  "session:pause": PauseSchema,
  "question:open": QuestionOpenSchema,
  "question:close": QuestionRefSchema,
  "question:reveal": QuestionRefSchema,
  "participant:remove": ParticipantRefSchema,
  "session:end": EmptySchema,
  "sim:control": SimControlSchema,
  "projector:show": ProjectorShowSchema,
  "stage:set": StageSetSchema,
  "question:extend": QuestionExtendSchema,
  "text:moderate": TextModerateSchema,
  "viewer:pair": EmptySchema,
  "viewer:revoke": EmptySchema,
} as const;

/** Projector screens (the teacher's own or paired view-only ones): they receive the stage and send no command. */
export const SCREEN_EVENTS = {
  "stage:attach": StageAttachSchema,
} as const;

export const COMMON_EVENTS = {
  "sim:keyframe": KeyframeRequestSchema,
  "time:ping": PingSchema,
} as const;

export type StudentEventName = keyof typeof STUDENT_EVENTS;
export type TeacherEventName = keyof typeof TEACHER_EVENTS;
export type CommonEventName = keyof typeof COMMON_EVENTS;
export type ScreenEventName = keyof typeof SCREEN_EVENTS;
