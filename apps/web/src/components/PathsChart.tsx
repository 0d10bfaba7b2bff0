"use client";
import { useMemo } from "react";
import { paths, type Simulation } from "@livelab/core/sim";
import { LossChart } from "./LossChart";

const PALETTE = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#0891b2", "#be123c", "#4d7c0f", "#a16207"];

/**
 * Regularization paths: every weight of the exact solution against log₁₀ λ, for lasso and for
 * ridge, on this simulation's training data. Lasso weights reach exactly 0 one by one; ridge
 * weights only shrink. Computed once per dataset (exact solvers, ~1 ms). `only` draws one of
 * the two without its caption (the projector's companion).
 */
export function PathsChart({ sim, only, fontPx = 12, fill = false }: { sim: Simulation; only?: "l1" | "l2"; fontPx?: number; fill?: boolean }) {
  const data = sim.dataset;
  const p = useMemo(() => paths(sim, -3, 1, 40), [data]); // the dataset fixes the paths
  const x = p.l1.lambdas.map((l) => Math.log10(l));
  const series = (which: "l1" | "l2") => {
    const d = which === "l1" ? p.l1 : p.l2;
    const n = d.weights[0].length;
    return Array.from({ length: n }, (_, j) => ({ label: `w${j + 1}`, values: d.weights.map((w) => w[j]), color: PALETTE[j % PALETTE.length] }));
  };
  if (only) return <LossChart title="" steps={x} series={series(only)} fill={fill} height={220} xLabel="log₁₀ λ" yLabel="weight" legend={false} fontPx={fontPx} />;
  return (
    <>
      <figure><figcaption>Lasso path: weights against log₁₀ λ (exact zeros as λ grows)</figcaption><LossChart title="L1 path" steps={x} series={series("l1")} height={220} xLabel="log₁₀ λ" yLabel="weight" legend={false} /></figure>
      <figure><figcaption>Ridge path: weights against log₁₀ λ (shrink, never exactly 0)</figcaption><LossChart title="L2 path" steps={x} series={series("l2")} height={220} xLabel="log₁₀ λ" yLabel="weight" legend={false} /></figure>
    </>
  );
}
