/** Timing helpers for the benchmarks: CPU time of this process, medians, interleaved rounds. */
import { cpuUsage } from "node:process";

/**
 * Milliseconds of CPU this process has used (user + system). The machines are shared: wall-clock
 * time counts whatever else ran meanwhile, CPU time mostly does not (single-threaded work here).
 */
export function cpuMs(): number {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Calls of `work` per second over one round of about `ms` milliseconds of CPU. */
export function ratePerSecond(work: () => void, ms: number, batch = 50): number {
  let n = 0;
  const t0 = cpuMs();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < batch; i++) work();
    n += batch;
    t = cpuMs();
  }
  return (n * 1000) / (t - t0);
}

/** Milliseconds per call of `work`, the median of `rounds` single calls after `warm` unmeasured ones. */
export function msPerCall(work: () => void, rounds: number, warm = 3): number {
  for (let i = 0; i < warm; i++) work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = cpuMs();
    work();
    times.push(cpuMs() - t0);
  }
  return median(times);
}

/**
 * Run the named contenders in interleaved rounds (A B C A B C …) so a change in the machine's
 * load hits all of them alike; returns each one's per-round results.
 */
export function interleaved<K extends string>(contenders: Record<K, () => number>, rounds: number): Record<K, number[]> {
  const keys = Object.keys(contenders) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as unknown as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) for (const k of keys) out[k].push(contenders[k]());
  return out;
}

/** The median over rounds of a/b, each round's pair measured side by side. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / b[i]));
}
