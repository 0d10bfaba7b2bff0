import type { Request, RequestHandler } from "express";

/**
 * Whether a request reached LiveLab over https: a TLS connection, or a trusted proxy's
 * X-Forwarded-Proto (Express's req.secure honours TRUST_PROXY), or a request for the host of
 * an https PUBLIC_URL, port included (the proxy that serves that name terminates TLS, even when TRUST_PROXY
 * is not set). A teacher on http://<LAN address>:3000 is not on https.
 */
export function servedOverHttps(publicUrl: string | undefined): (req: Request) => boolean {
  // host with its port: http://<same name>:3000 straight to LiveLab is still plain http.
  const httpsHost = publicUrl?.startsWith("https:") ? new URL(publicUrl).host.toLowerCase() : null;
  return (req) => req.secure || (httpsHost !== null && req.host?.toLowerCase() === httpsHost);
}

/**
 * Sign-in cookies are `Secure` exactly when the page is served over https: browsers drop a
 * Secure cookie set over plain http (sign-in then silently fails on a LAN address), and over
 * https it must never travel in clear. Better Auth decides once for the whole server
 * (useSecureCookies), so it is told "no" and this adds the attribute per request.
 */
export function secureCookiesOverHttps(isHttps: (req: Request) => boolean): RequestHandler {
  return (req, res, next) => {
    if (!isHttps(req)) return next();
    const add = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(add);
      return typeof value === "string" && !/;\s*secure\b/i.test(value) ? `${value}; Secure` : value;
    };
    const setHeader = res.setHeader.bind(res);
    res.setHeader = ((name: string, value: unknown) => setHeader(name, (name.toLowerCase() === "set-cookie" ? add(value) : value) as string)) as typeof res.setHeader;
    const appendHeader = res.appendHeader.bind(res);
    res.appendHeader = ((name: string, value: unknown) => appendHeader(name, (name.toLowerCase() === "set-cookie" ? add(value) : value) as string)) as typeof res.appendHeader;
    next();
  };
}
