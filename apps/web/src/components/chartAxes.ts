import type uPlot from "uplot";

/**
 * Axes a room can read: ticks at 1, 2 or 5 times a power of ten (uPlot's own list also has
 * 2.5, which its rounding then showed as "0.738, 0.735, 0.733"), labels printed with exactly
 * the decimals the step needs, and a y axis as wide as its longest label so the axis title
 * never sits on the numbers.
 */

/** 1, 2, 5 × 10^k from 10^-6 to 5·10^9. */
export const NICE_INCRS: number[] = Array.from({ length: 16 }, (_, i) => i - 6).flatMap((k) => [1, 2, 5].map((m) => Number(`${m}e${k}`)));

/** Decimals that show a tick step exactly: 0.005 → 3, 0.5 → 1, 20 → 0. */
export function decimalsFor(incr: number): number {
  if (!(incr > 0) || !Number.isFinite(incr)) return 0;
  let d = 0;
  while (d < 10 && Math.abs(Math.round(incr * 10 ** d) - incr * 10 ** d) > 1e-9 * 10 ** d) d++;
  return d;
}

/** The smallest nice step that covers 0…max in at most `count` steps (a hand-drawn axis). */
export function niceStep(max: number, count: number): number {
  return NICE_INCRS.find((incr) => incr * count >= max) ?? NICE_INCRS[NICE_INCRS.length - 1];
}

/** Tick labels, one per split, with the step's decimals ("0.730, 0.735, 0.740"; never "-0"). */
export function tickLabels(splits: number[], incr: number): string[] {
  const d = decimalsFor(incr);
  return splits.map((v) => (v == null ? "" : (Math.abs(v) < incr / 2 ? 0 : v).toFixed(d)));
}

/** A vertical axis's width: tick, gap, the longest label as drawn, so its title fits beside it. */
export function yAxisSize(fontPx: number): uPlot.Axis.Size {
  return (u, values, axisIdx, cycleNum) => {
    const axis = u.axes[axisIdx] as uPlot.Axis & { _size?: number; font?: [string, number, number] | string };
    if (cycleNum > 1 && axis._size) return axis._size;
    const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), "");
    u.ctx.save();
    u.ctx.font = `${fontPx}px system-ui, sans-serif`;
    const width = u.ctx.measureText(longest).width;
    u.ctx.restore();
    // uPlot's tick (10 px) and gap (5 px), the label's width, and air before the axis title.
    return Math.ceil(15 + width + fontPx * 0.5);
  };
}
