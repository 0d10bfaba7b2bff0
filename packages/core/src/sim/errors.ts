/** Error codes of the engine, shared by the CLI (exit code 2) and the server (typed acks). */
export const SIM_ERROR_CODES = ["UNKNOWN_PRESET", "UNKNOWN_PARAM", "INVALID_PARAM", "NOT_LIVE", "BAD_KEYFRAME", "BAD_STEP", "NOT_SUPPORTED"] as const;
export type SimErrorCode = (typeof SIM_ERROR_CODES)[number];

export class SimError extends Error {
  readonly code: SimErrorCode;
  constructor(code: SimErrorCode, message: string) {
    super(message);
    this.name = "SimError";
    this.code = code;
  }
}
