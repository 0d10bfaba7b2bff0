/** What the load harness's coordinators share: talking to generator processes, percentiles, CPU time. */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

export function waitFor<T>(child: ChildProcess, cmd: string, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${cmd}`)), timeoutMs);
    const on = (m: { cmd: string }) => { if (m.cmd === cmd) { clearTimeout(timer); child.off("message", on); resolve(m as T); } };
    child.on("message", on);
  });
}

/** Send every generator its message and wait for all their replies. */
export async function all<T>(workers: ChildProcess[], msg: (i: number) => object, reply: string): Promise<T[]> {
  const waits = workers.map((w) => waitFor<T>(w, reply));
  workers.forEach((w, i) => w.send(msg(i)));
  return Promise.all(waits);
}

/** CPU time (user + system, seconds) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
