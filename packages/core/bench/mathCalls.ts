/**
 * Nanoseconds per call of each deterministic function against the engine's own Math.* one,
 * measured in the same run (interleaved rounds), each in its own loop so every call site sees
 * one function only (as in the engine's loops).
 */
import { detExp, detLog, detSigmoid, detTanh, Prng } from "../src/sim/index.ts";
import { tanhFdlibm } from "../src/sim/math/tanh.ts";
import { cpuMs, interleaved, median, medianRatio } from "./timing.ts";

type Fn = (x: number) => number;

/** A fresh copy of the loop for each function, so no call site is shared (polymorphic). */
function loopFor(): (f: Fn, xs: Float64Array, reps: number) => number {
  return new Function("f", "xs", "reps", "let acc = 0; for (let r = 0; r < reps; r++) for (let i = 0; i < xs.length; i++) acc += f(xs[i]); return acc;") as never;
}

function inputs(lo: number, hi: number): Float64Array {
  const rng = new Prng(5);
  return Float64Array.from({ length: 4096 }, () => rng.uniform(lo, hi));
}

export interface MathCallRow {
  fn: string;
  /** Median ns per call of the deterministic function and of the engine's Math.* one. */
  ns: number;
  nativeNs: number;
  /** Median over rounds of deterministic ÷ native, measured side by side. */
  ratio: number;
}

export function measureMathCalls(rounds = 15): MathCallRow[] {
  const cases: { fn: string; det: Fn; native: Fn; xs: Float64Array }[] = [
    { fn: "tanh", det: detTanh, native: Math.tanh, xs: inputs(-4, 4) },
    { fn: "tanh (fdlibm port, composed)", det: tanhFdlibm, native: Math.tanh, xs: inputs(-4, 4) },
    { fn: "exp", det: detExp, native: Math.exp, xs: inputs(-20, 20) },
    { fn: "log", det: detLog, native: Math.log, xs: inputs(1e-3, 1e3) },
    { fn: "sigmoid", det: detSigmoid, native: (x) => 1 / (1 + Math.exp(-x)), xs: inputs(-10, 10) },
  ];
  let sink = 0;
  const rows = cases.map((c) => {
    const runDet = loopFor();
    const runNative = loopFor();
    const nsOf = (run: ReturnType<typeof loopFor>, f: Fn) => () => {
      const reps = 40;
      const t0 = cpuMs();
      sink += run(f, c.xs, reps);
      return ((cpuMs() - t0) * 1e6) / (reps * c.xs.length);
    };
    const r = interleaved({ det: nsOf(runDet, c.det), native: nsOf(runNative, c.native) }, rounds + 2);
    const det = r.det.slice(2);
    const native = r.native.slice(2); // the first rounds warm up and optimize
    return { fn: c.fn, ns: median(det), nativeNs: median(native), ratio: medianRatio(det, native) };
  });
  if (sink === 42) console.log(""); // keep the results alive
  return rows;
}
