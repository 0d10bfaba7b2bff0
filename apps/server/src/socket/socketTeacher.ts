import type { IncomingHttpHeaders } from "node:http";
import { fromNodeHeaders } from "better-auth/node";
import type { Auth } from "../auth/auth.ts";

/**
 * The signed-in teacher of a Socket.IO connection: browsers send the page's cookies with the
 * handshake (same origin), and Better Auth checks the sign-in cookie exactly as it does for an
 * HTTP request (signature, expiry, a live session row). Asked only when a connection attaches
 * as a console or a projector, never per message.
 */
export function socketTeacher(auth: Auth): (headers: IncomingHttpHeaders) => Promise<string | null> {
  return async (headers) => {
    if (!headers.cookie) return null;
    const session = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
    return session?.user.id ?? null;
  };
}
