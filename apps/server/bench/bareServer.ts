/** The baseline: a bare Socket.IO server broadcasting a payload of the same size to everyone. */
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { serveClient: false });
http.listen(0, "127.0.0.1", () => process.send?.({ cmd: "port", port: (http.address() as { port: number }).port }));
process.on("message", (m: { cmd: string; bytes: number }) => {
  if (m.cmd === "broadcast") io.emit("bare:state", { serverTime: Date.now(), padding: "x".repeat(m.bytes) });
  if (m.cmd === "close") io.close(() => process.exit(0));
});
