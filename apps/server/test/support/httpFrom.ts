import { request } from "node:http";

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
  /** The Set-Cookie pairs, as a Cookie header. */
  cookie(): string;
}

/**
 * An HTTP request from a chosen loopback address (127.0.0.2, 127.0.0.3 …: Linux routes all of
 * 127/8 to loopback), so tests can be several clients on the network, as the server sees them.
 * fetch cannot choose its source address.
 */
export function httpFrom(localAddress: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const setCookie = res.headers["set-cookie"] ?? [];
        resolve({
          status: res.statusCode ?? 0, headers: res.headers, body,
          json: <T,>() => JSON.parse(body) as T,
          cookie: () => setCookie.map((c) => c.split(";")[0]).join("; "),
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
