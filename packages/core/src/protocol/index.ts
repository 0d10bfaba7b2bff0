/** The Socket.IO protocol shared by server and web: event maps, payload schemas, error codes, views. */
export * from "../errors.ts";
export * from "./schemas.ts";
export * from "./events.ts";
export * from "./views.ts";
export * from "./practice.ts";
