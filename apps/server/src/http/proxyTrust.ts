import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/** Whether the peer at `address`, `hop` steps from this server, is a proxy whose forwarded headers are believed. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY, compiled the way Express compiles its "trust proxy" setting (the same
 * function is given to Express, so `req.ip`, `req.protocol` and sockets agree): unset or
 * "false" trusts nobody; a number trusts that many hops; "true" trusts everyone (only for a
 * server no client can reach except through the proxy); anything else is a comma-separated
 * list of addresses, subnets or proxy-addr's names (loopback, linklocal, uniquelocal).
 */
export function compileTrustProxy(setting: string | undefined): TrustProxy {
  const s = setting?.trim() ?? "";
  if (s === "" || s === "false") return () => false;
  if (s === "true") return () => true;
  if (/^\d+$/.test(s)) {
    const hops = Number(s);
    return (_a, i) => i < hops;
  }
  return proxyaddr.compile(s.split(",").map((v) => v.trim()).filter(Boolean));
}

/**
 * The client's address for rate limits and logs: the connecting peer's, or, through trusted
 * proxies only, the address they forwarded (X-Forwarded-For read from the right). Used for
 * HTTP requests (as Express's req.ip) and Socket.IO handshakes (socket.request).
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const address = proxyaddr(req as Parameters<typeof proxyaddr>[0], trust);
  // "::ffff:127.0.0.1" and "127.0.0.1" are one client.
  return address?.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : (address ?? "unknown");
}
