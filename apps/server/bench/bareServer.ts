/** The baseline: a bare Socket.IO server broadcasting a payload of the same size to everyone. */
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { serveClient: false });
// How long this bare server's own event loop stalls while thousands connect at once.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
http.listen(0, "127.0.0.1", () => process.send?.({ cmd: "port", port: (http.address() as { port: number }).port }));
process.on("message", (m: { cmd: string; bytes: number }) => {
  if (m.cmd === "broadcast") io.emit("bare:state", { serverTime: Date.now(), padding: "x".repeat(m.bytes) });
  if (m.cmd === "loopMax") {
    process.send?.({ cmd: "loopMax", ms: loop.max / 1e6 });
    loop.reset();
  }
  if (m.cmd === "close") io.close(() => process.exit(0));
});
