import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { ERROR_CODES, fail } from "@livelab/core/protocol";

/**
 * The origins a page of this server can have: the host the browser asked for (LiveLab runs on
 * a laptop reached as localhost, a LAN address or a name, so it is read per request), over
 * http or https, and the configured PUBLIC_URL. Better Auth's trustedOrigins and the check
 * below use the same list.
 */
export function ownOrigins(host: string | null | undefined, publicUrl?: string): string[] {
  const out: string[] = [];
  if (publicUrl) out.push(new URL(publicUrl).origin);
  const h = plainHost(host);
  if (h) out.push(`http://${h}`, `https://${h}`);
  return out;
}

/** A Host header that is a plain name or address with an optional port (lower-cased), or null. */
export function plainHost(host: string | null | undefined): string | null {
  return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? host.toLowerCase() : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a request that changes something must be refused as cross-site, or null. */
export function crossSiteRefusal(req: IncomingMessage, publicUrl?: string): string | null {
  if (SAFE_METHODS.has(req.method ?? "GET")) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    return ownOrigins(req.headers.host, publicUrl).includes(origin.toLowerCase()) ? null : `requests from ${origin.slice(0, 100)} are not accepted`;
  }
  // Browsers send Origin with every POST and DELETE; a request without one is not from a web
  // page, unless a very old browser sent it — and then it must not carry the teacher's cookie.
  return req.headers.cookie ? "a request that changes something must say where it comes from (Origin)" : null;
}

/**
 * A cross-site request forgery guard for the API routes outside the auth library (POST and
 * DELETE /api/sessions …): a request that changes something must come from a page of this
 * server or of PUBLIC_URL (issue 12 (9): another site's `text/plain` form, sent with the
 * teacher's cookie, created a session). 403 FORBIDDEN otherwise, before anything is done.
 */
export function sameOriginOnly(publicUrl?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const refusal = crossSiteRefusal(req, publicUrl);
    if (refusal) return void res.status(403).json(fail(ERROR_CODES.FORBIDDEN, refusal));
    next();
  };
}
