import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { clientAddress, type TrustProxy } from "./proxyTrust.ts";

/** A request id from the proxy in front (X-Request-Id) when it looks like one, else a new one. */
const REQUEST_ID = /^[\w.:-]{8,128}$/;

/**
 * One JSON log line per finished request (pino-http): method, path, status, time, the client's
 * address (through trusted proxies only) and a request id, which is also sent back as
 * X-Request-Id and carried by every line logged through `req.log` while handling it. Static
 * assets, /healthz and /metrics are not logged (a scraper or the health check would drown the rest).
 */
export function requestLog(log: Logger, trust: TrustProxy) {
  return pinoHttp({
    logger: log,
    genReqId(req, res) {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customProps: (req) => ({ client: clientAddress(req, trust) }),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split("?")[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => /^\/(_next\/|favicon|healthz|metrics)/.test(req.url ?? "") },
  });
}
