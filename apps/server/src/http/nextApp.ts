import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("../../../web", import.meta.url));

/**
 * The Next.js app (apps/web) served by this same server (Next's custom-server mode), so
 * phones need one URL for pages, /api and /socket.io. Production mode needs `next build`
 * output (the root `npm start` builds it when missing or stale); dev mode compiles on demand.
 */
export async function createNextHandler(opts: { dev: boolean }): Promise<{
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
}> {
  if (!opts.dev && !existsSync(`${WEB_DIR}/.next/BUILD_ID`)) {
    throw new Error(`the web app is not built: run \`npx next build\` in ${WEB_DIR} (npm start does this for you)`);
  }
  const { default: next } = await import("next");
  const app = next({ dev: opts.dev, dir: WEB_DIR, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = opts.dev ? app.getUpgradeHandler() : undefined;
  return { handle: (req, res) => handle(req, res), upgrade };
}
