/**
 * Type tests of the protocol's event maps (checked by `npm run typecheck`, not run): every
 * client event has exactly one acknowledgement type, and a client cannot send or receive a
 * message shaped otherwise than the map says. A `@ts-expect-error` that stops erroring fails
 * the type check — so do these lines if the map loosens.
 */
import type { Ack } from "../errors.ts";
import type { AckData, ClientEventName, ClientEvents, ClientPayload, ServerEvents, ServerPayload } from "./events.ts";

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Every event with a schema has an acknowledgement type, and nothing else does.
export const ackKeysMatchSchemas: Exact<keyof AckData, ClientEventName> = true;
export const clientEventsCoverAll: Exact<keyof ClientEvents, ClientEventName> = true;

// Payloads follow the schemas.
export const join: ClientPayload<"session:join"> = { code: "ABC123", nickname: "Ann" };
// @ts-expect-error a join needs a nickname
export const joinWithoutNickname: ClientPayload<"session:join"> = { code: "ABC123" };
// @ts-expect-error an answer's idempotency key is a string
export const badAnswer: ClientPayload<"answer:submit"> = { questionId: "q", answer: "1", idempotencyKey: 12345678 };
// @ts-expect-error no such simulation operation
export const badOp: ClientPayload<"sim:control"> = { op: "rewind" };

// Acknowledgements carry the declared data.
declare const joined: Parameters<Parameters<ClientEvents["session:join"]>[1]>[0];
export const token: string | undefined = joined.ok ? joined.data.resumeToken : undefined;
// @ts-expect-error an answer's ack has no resume token
export const wrongAck: Ack<AckData["answer:submit"]> = { ok: true, data: { resumeToken: "x" } };

// Server messages: a student's question is their view, never the template.
declare const opened: ServerPayload<"question:opened">;
export const prompt: string = opened.view.prompt;
// @ts-expect-error the student's copy has no answer formula
export const leaked = opened.view.answer;
// Teacher-only fields travel on host:state; the students' session:state has none of them.
declare const studentState: ServerPayload<"session:state">;
declare const teacherUpdate: ServerPayload<"host:state">;
export const locked: boolean = teacherUpdate.joinLocked;
// @ts-expect-error students are not told whether joining is locked, nor the projector's question
export const notForStudents = studentState.joinLocked;
// @ts-expect-error no such server event
export const unknownEvent: ServerEvents["answers:leaked"] = () => {};

// The projector's stage: what the room sees, and nothing only the teacher should.
declare const stage: ServerPayload<"stage:state">;
export const stagePrompt: string | undefined = stage.question?.prompt;
// @ts-expect-error the stage carries no teacher notes
export const stageNotes = stage.activity.teacherNotes;
// @ts-expect-error nor the roster with participant ids
export const stageRoster = stage.participants;
// A paired screen attaches by code alone; an owner's by session (secret or sign-in cookie).
export const paired: ClientPayload<"stage:attach"> = { pairCode: "ABCD2345" };
export const owned: ClientPayload<"stage:attach"> = { sessionId: "s1" };
// @ts-expect-error a screen names a session or a pairing code, nothing else
export const mixed: ClientPayload<"stage:attach"> = { pairCode: "ABCD2345", extra: 1 };
