import type { LessonInput } from "../../lesson/schema.ts";

const t = String.raw;

/**
 * A short diagnostic practice set standing in for the Convex Optimization lesson until it
 * exists: recognising convex functions, which is why L2 and L1 penalties keep training
 * well-behaved and why the lasso's optimality condition holds.
 */
export const convexOptimizationDiagnostic: LessonInput = {
  format: "livelab-lesson",
  version: 1,
  id: "convex-diagnostic",
  title: "Convex optimization: convexity checks",
  summary: "What regularization builds on: telling convex functions apart, and finding the minimum of a convex quadratic.",
  skills: [{ id: "convexity-check", title: "Convexity checks", description: "Tell whether a function is convex, and find the minimum of a convex quadratic." }],
  activities: [
    {
      id: "convexity",
      kind: "question",
      title: "Convex or not",
      questions: [
        {
          id: "quadratic-curvature",
          kind: "numeric",
          skills: ["convexity-check"],
          params: { a: { values: [1.5, -2, 0.5, 3, -0.5] }, b: { values: [1, -3] } },
          prompt: t`$f(w) = a w^2 + b w + 1$ with $a = {{a}}$ and $b = {{b}}$. What is $f''(w)$? (The function is convex exactly when it is at least 0.)`,
          answer: "2*a",
          tolerance: { type: "rel", value: 1e-3 },
          hint: t`Differentiate twice: $f'(w) = 2aw + b$.`,
          mistakes: [
            { key: "dropped-factor-2", label: "Dropped the 2 of the square", answer: "a", feedback: t`The derivative of $w^2$ is $2w$, so $f'(w) = 2aw + b$ and $f''(w) = 2a$.` },
          ],
          solution: t`$f'(w) = 2aw + b$, so $f''(w) = 2a = {{= 2*a}}$. A quadratic is convex exactly when $a \ge 0$: one with $a < 0$ bends downward.`,
        },
        {
          id: "quadratic-minimum",
          kind: "numeric",
          skills: ["convexity-check"],
          params: { a: { values: [0.5, 1, 2] }, b: { values: [1, -3, 4, -2] } },
          prompt: t`$f(w) = a w^2 + b w$ with $a = {{a}}$ and $b = {{b}}$ is convex ($a > 0$), so its minimum is where $f'(w) = 0$. At which $w$?`,
          answer: "-b/(2*a)",
          tolerance: { type: "rel", value: 1e-3 },
          hint: t`Solve $2aw + b = 0$ for $w$.`,
          mistakes: [
            { key: "dropped-factor-2", label: "Dropped the 2 of the square", answer: "-b/a", feedback: t`$f'(w) = 2aw + b$: the 2 stays, so $w = -b/(2a)$.` },
            { key: "lost-minus-sign", label: "Lost the minus sign", answer: "b/(2*a)", feedback: t`From $2aw + b = 0$: $w = -b/(2a)$.` },
          ],
          solution: t`$f'(w) = 2aw + b = 0$ gives $w = -b/(2a) = -({{b}})/(2 \cdot {{a}}) = {{= -b/(2*a)}}$.`,
        },
        {
          id: "which-convex",
          kind: "multiple",
          skills: ["convexity-check"],
          prompt: "Which of these functions of $w$ are convex? Choose all that are.",
          options: [
            { id: "square", text: "$w^2$" },
            { id: "abs", text: "$|w|$" },
            { id: "relu", text: "$\\max(0, w)$" },
            { id: "lasso", text: "$(w - 3)^2 + 0.5\\,|w|$" },
            { id: "neg-square", text: "$-w^2$", feedback: "−w² curves downward: its second derivative is −2, so it is concave, not convex." },
            { id: "cube", text: "$w^3$", feedback: "w³ has second derivative 6w, negative for w < 0: it is not convex." },
          ],
          correct: ["square", "abs", "relu", "lasso"],
          hint: "Convex: every chord lies on or above the graph. Sums of convex functions are convex; a corner does not spoil it.",
          solution: t`Convex: $w^2$, $|w|$, $\max(0, w)$ (both pieces are linear and it bends upward at 0) and their sum with a square. Not convex: $-w^2$ (bends down) and $w^3$ (bends down for $w < 0$).`,
        },
        {
          id: "lasso-convex",
          kind: "single",
          skills: ["convexity-check"],
          prompt: t`The mean squared error of a linear model is convex in $w$, and so is $\lambda\|w\|_1$ for $\lambda \ge 0$. Their sum, the lasso objective, is …`,
          options: [
            { id: "convex", text: "convex, for every λ ≥ 0", feedback: "Right: a sum of convex functions is convex, so gradient-type methods cannot get stuck in a worse local minimum." },
            { id: "small-lambda", text: "convex only while λ is small", feedback: "Convexity does not depend on the size of λ ≥ 0: each term is convex, and so is their sum." },
            { id: "corner", text: "not convex: |w| has a corner at 0", feedback: "A corner is not a lack of convexity: |w| is convex, just not differentiable at 0." },
            { id: "concave", text: "concave", feedback: "Both terms bend upward (or are linear piece by piece): the sum is convex." },
          ],
          correct: "convex",
          solution: t`A sum of convex functions is convex, whatever $\lambda \ge 0$: the lasso objective is convex (not differentiable at $w_j = 0$, which is why it uses subgradients).`,
        },
      ],
    },
  ],
};
