/**
 * Type tests (checked by `npm run typecheck`, not run): the server's handler table and a room's
 * transport must agree with the protocol's maps. Each `@ts-expect-error` marks a mismatch the
 * compiler has to catch; if one compiles cleanly, the type check fails.
 */
import { ok } from "@livelab/core/protocol";
import { HANDLERS, type Handlers } from "../src/socket/handlerTable.ts";
import type { RoomTransport } from "../src/live/roomTransport.ts";

// The real table type-checks against the map (this line would not compile otherwise).
export const table: Handlers = HANDLERS;

// A handler that acknowledges with another event's data does not fit.
// @ts-expect-error answer:submit acknowledges { questionId, attempt, saved, duplicate }
export const wrongAck: Handlers = { ...HANDLERS, "answer:submit": () => ok({ participantId: "p", resumeToken: "t" }) };

// A handler that expects another event's payload does not fit.
// @ts-expect-error activity:goto's payload has an index, not a questionId
export const wrongPayload: Handlers = { ...HANDLERS, "activity:goto": async (_ctx, data: { questionId: string }) => ok({ done: true as const, q: data.questionId }) };

// A table missing an event does not fit.
const { "time:ping": _dropped, ...withoutPing } = HANDLERS;
// @ts-expect-error every client event needs a handler
export const incomplete: Handlers = withoutPing;

// A room cannot send a message the map does not know, or with the wrong payload.
declare const t: RoomTransport;
// @ts-expect-error no such server event
t.toStudents("answers:leaked", {});
// @ts-expect-error session:ended carries the student's summary
t.toParticipant("p", "session:ended", { reason: "bye" });
t.toTeachers("experiment:points", { activityId: "a", points: [] });
