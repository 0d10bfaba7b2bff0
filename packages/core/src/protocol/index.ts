/** The Socket.IO protocol shared by server and web: event names, payload schemas, error codes, views. */
export * from "./errors.ts";
export * from "./schemas.ts";
export * from "./views.ts";
