import { io as ioClient } from "socket.io-client";
import { freePort } from "../freePort.ts";
import { signUpTeacher } from "../teacherClient.ts";
import { startInImage, type ImageRun } from "./replay.ts";

/**
 * Start a replayed image's CMD on a free loopback port (with `env` on top of the image's ENV:
 * DATABASE_URL for PostgreSQL, nothing for PGlite in the image's data folder) and wait for
 * /healthz. Its output is kept for the error when it does not come up.
 */
export async function startImage(image: ImageRun, env: Record<string, string>): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startInImage(image, image.cmd, { PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: url, LOG_LEVEL: "warn", ...env });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the image's CMD exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the image's CMD did not answer /healthz within 90 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * What a school sees first: /healthz, the landing page, the image's own HEALTHCHECK, a teacher
 * starting a session and a student joining it with the code. Throws on the first failure.
 */
export async function checkRunningImage(url: string, image: ImageRun): Promise<string> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; database: string };
  if (!health.ok) throw new Error(`/healthz: ${JSON.stringify(health)}`);
  const landing = await fetch(url);
  const html = await landing.text();
  if (landing.status !== 200 || !html.includes("LiveLab")) throw new Error(`landing page: ${landing.status} ${html.slice(0, 300)}`);
  if (image.healthcheck) {
    const port = new URL(url).port;
    const hc = startInImage(image, image.healthcheck, { PORT: port });
    const code = await new Promise<number | null>((resolve) => hc.once("exit", resolve));
    if (code !== 0) throw new Error(`the image's HEALTHCHECK exited with ${code}`);
  }
  const teacher = await signUpTeacher(url);
  const session = await teacher.createSession();
  const socket = ioClient(url, { transports: ["websocket"], reconnection: false, forceNew: true });
  try {
    const ack = await new Promise<{ ok: boolean; data?: { participantId: string }; error?: unknown }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no ack for session:join within 10 s")), 10_000);
      socket.emit("session:join", { code: session.code, nickname: "Ada" }, (r: never) => { clearTimeout(timer); resolve(r); });
    });
    if (!ack.ok || !ack.data?.participantId) throw new Error(`a student could not join: ${JSON.stringify(ack)}`);
  } finally {
    socket.disconnect();
  }
  return `image: /healthz ok (${health.database}), landing page ok, HEALTHCHECK ${image.healthcheck ? "ok" : "absent"}, a student joined ${session.code}`;
}
