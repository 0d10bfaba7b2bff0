import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";
import { plainHost } from "./origin.ts";

type Res = ServerResponse & { locals?: { cspNonce?: string } };

/**
 * Security headers on every page and API response, through helmet (issue 12 (10): the console
 * could be framed by another site, and no page had a Content-Security-Policy).
 *
 * - Scripts: Next.js's App Router writes inline bootstrap scripts into every page, so the policy
 *   is Next's documented nonce policy: a fresh random nonce per response,
 *   `script-src 'self' 'nonce-…' 'strict-dynamic'`. Next reads the nonce from the
 *   Content-Security-Policy *request* header (its docs set it in proxy.ts; LiveLab's Express
 *   server is that proxy, see nextCsp below) and puts it on its own scripts; the pages are
 *   rendered per request (app/layout.tsx awaits connection()) so every page gets its nonce.
 *   `'unsafe-eval'` only for `npm run dev` (React's dev build needs it).
 * - Styles: `'self' 'unsafe-inline'`. KaTeX lays out formulas with inline style attributes
 *   and React renders `style={…}` as attributes; attributes cannot carry a nonce.
 * - connect-src: this origin and its WebSocket (Socket.IO on the same host).
 * - No framing at all: `frame-ancestors 'none'` and `X-Frame-Options: DENY` (older browsers).
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin` (join codes and session ids
 *   in URLs never leave the site; `no-referrer` would make browsers send `Origin: null` on the
 *   app's own POSTs, which the origin checks refuse).
 * - No HSTS and no upgrade-insecure-requests: `npm start` serves plain http on a classroom LAN,
 *   and https is a deployment's choice (DEPLOY.md / TRUST_PROXY).
 */
export function securityHeaders(opts: { dev?: boolean } = {}): RequestHandler[] {
  const nonce = (_req: IncomingMessage, res: Res) => `'nonce-${res.locals?.cspNonce ?? ""}'`;
  const socketOrigins = (req: IncomingMessage) => {
    const host = plainHost(req.headers.host);
    return host ? `ws://${host} wss://${host}` : "";
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonce, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'", socketOrigins],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  const makeNonce = (_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
  return [makeNonce, headers, nextCsp];
}

/** Hand the response's policy to Next.js as a request header: Next takes its nonce from there. */
function nextCsp(req: Request, res: Response, next: NextFunction): void {
  const policy = res.getHeader("content-security-policy");
  if (typeof policy === "string") req.headers["content-security-policy"] = policy;
  next();
}
