import type { ClientEventName, ClientPayload } from "@livelab/core/protocol";

/** Send a teacher command; the console shows a refusal (its message), never a raw code. */
export type Send = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => void;
