import { createServer } from "node:net";

/**
 * A loopback port nothing listens on right now (the OS picks it). Random ports collided with
 * the ephemeral ports of the thousands of client connections earlier tests open.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
