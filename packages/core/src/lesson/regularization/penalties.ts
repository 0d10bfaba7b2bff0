import type { LessonInput } from "../schema.ts";

/**
 * Activities 7–12: L1 against L2 on sparse data, the geometry, exact zeros, one L1 step,
 * penalty values and the L2 gradient. Numbers in notes come from `npx livelab sim l1-vs-l2
 * --steps 600 --json`, `npx livelab sim sparse-linear --set l1Mode=subgradient --steps 600
 * --json` and `npx livelab solve sparse-linear --set l1=0 --set l2=<λ> --json` for λ from
 * 0.0001 to 10.
 */
const t = String.raw;

export const penaltyActivities: LessonInput["activities"] = [
  {
    id: "l1-vs-l2",
    kind: "simulation",
    title: "L1 vs L2 on sparse data",
    body: t`20 features, only 4 matter, and neighbouring features are correlated. Both models are trained by plain gradient descent at the same $\lambda = 0.1$. Left: $\lambda\|w\|_1$ with proximal updates (shrink each weight by $\eta\lambda$, stopping at $0$). Right: $\lambda\|w\|_2^2$. Count the weights that are **exactly** zero.`,
    teacherNotes: "Play until both settle (about 300 steps; numbers here are at step 600). L1 ends with 10 of 20 weights exactly 0, L2 with none, and L1 has the better validation loss (0.50 against 1.08). Where exact zeros come from: the proximal step (soft-thresholding) sets a weight to 0 whenever the step would carry it across zero. Plain subgradient steps at the same λ give 0 exact zeros: the weights jitter around 0 instead (switch the L1 update to subgradient to show it). The condition to teach, from convex optimization: at the lasso optimum wⱼ is exactly 0 when the data's pull on it is weak, the training loss's gradient for it is at most λ in size, because the subgradient of |w| at 0 is anything in [−1, 1]. Do not oversell feature selection: 10 weights stay nonzero although only 4 features matter, so at least 6 irrelevant features are kept at this λ, and with correlated features lasso may keep one of a group and drop its neighbour arbitrarily. Then show the regularization paths: lasso weights reach zero one by one as λ grows. A common belief is that ridge shrinks every weight; it shrinks the norm ‖w‖² (8.5 at λ = 0.0001, 0.06 at λ = 10), but individual weights need not follow: on this data 14 of the 20 ridge weights grow over some range of λ and 5 change sign.",
    simulation: {
      presetId: "l1-vs-l2",
      seed: 42,
      steps: 600,
      cues: [{ atStep: 300, say: "Count the exact zeros: L1 has several, L2 none." }],
    },
  },
  {
    id: "geometry",
    kind: "simulation",
    title: "Why L1 finds corners",
    body: t`Two weights. The ellipses are the training loss. The L1 penalty's level sets are diamonds $|w_1| + |w_2| = c$, the L2 penalty's circles $w_1^2 + w_2^2 = c$. The penalized optimum is where the smallest loss ellipse touches the constraint set.`,
    teacherNotes: "The true weights here are (1.5, 0.1): one strong, one weak, and the two features are correlated. The picture should show the lasso solution on a corner of the diamond (the weak weight exactly 0) and the ridge solution on the circle with both weights nonzero. Common belief: the diamond wins because it is smaller. It is the corners: a smooth ellipse usually meets a shape with corners at a corner, and the corners sit on the axes, where one weight is 0. Say that this picture is the constrained form (‖w‖₁ ≤ c); each c corresponds to some λ in the penalized form we train.",
    simulation: { presetId: "constraint-geometry", seed: 42, steps: 300 },
  },
  {
    id: "which-penalty-zeros",
    kind: "question",
    title: "Exact zeros",
    body: "",
    teacherNotes: "Ask the choice first, then the written question, and show the written answers on the projector for discussion. Good answers mention one of: the corners of the diamond; the constant-size pull of L1 against the fading pull 2λw of L2; the optimality condition (a weight stays at 0 when the data's pull |∂J_train/∂wⱼ| is at most λ). The third question states that condition: it is the precise reason, and it explains why an irrelevant but correlated feature can still get a nonzero weight (its data pull exceeds λ).",
    questions: [
      {
        id: "which-penalty-zeros",
        kind: "single",
        skills: ["l1-soft-threshold"],
        prompt: "Which penalty tends to set some weights to **exactly** zero?",
        options: [
          { id: "l1", text: "L1, λ‖w‖₁", feedback: "Right: its pull toward zero has the same size however small the weight is, so small weights reach zero and stay there (with proximal or coordinate updates)." },
          { id: "l2", text: "L2, λ‖w‖₂²", feedback: "L2's pull is 2λw: it weakens as w shrinks, so weights get small but almost never exactly zero." },
          { id: "both", text: "Both, equally", feedback: "Only one of them has a corner at zero." },
          { id: "neither", text: "Neither: zeros only happen by chance", feedback: "Look back at the L1 run: several weights sat at exactly 0." },
        ],
        correct: "l1",
      },
      {
        id: "why-l1-zeros",
        kind: "text",
        skills: ["l1-soft-threshold"],
        prompt: "In one or two sentences: why does L1 give exact zeros when L2 does not? (Think of the diamond and the circle, or of the size of the pull toward zero.)",
        maxLength: 400,
        solution: t`Geometrically, the diamond $\|w\|_1 \le c$ has corners on the axes, and a loss ellipse usually touches it first at a corner, where one coordinate is 0; the circle has no corners. Algebraically, L1 pulls with constant strength $\lambda$ until the weight reaches 0, while L2's pull $2\lambda w$ fades as $w \to 0$.`,
      },
      {
        id: "lasso-zero-condition",
        kind: "single",
        skills: ["l1-soft-threshold"],
        prompt: t`At the minimum of $J_{train}(w) + \lambda\|w\|_1$, when is a weight $w_j$ **exactly** zero?`,
        options: [
          { id: "weak-pull", text: "When the data's pull on it is weak: the training loss's gradient for that weight is at most λ in size", feedback: "Right: at 0 the subgradient of λ|wⱼ| can be anything in [−λ, λ], so it can cancel any data gradient of that size." },
          { id: "irrelevant", text: "Exactly when the feature is irrelevant to the target", feedback: "Not quite: a correlated irrelevant feature can pull harder than λ and keep a nonzero weight, and a weak relevant one can be set to 0. In the L1 run, 10 weights stayed nonzero though only 4 features matter." },
          { id: "zero-gradient", text: "When the training loss's gradient for that weight is 0 there", feedback: "That is the condition without a penalty. With L1 a whole band of data gradients, from −λ to λ, leaves the weight at 0." },
          { id: "small-weight", text: "When the unpenalized weight is smaller than λ", feedback: "That is the soft-thresholding rule for one step (or for uncorrelated features); in general it is the data gradient at the optimum that decides." },
        ],
        correct: "weak-pull",
      },
    ],
  },
  {
    id: "l1-step",
    kind: "question",
    title: "One L1 step",
    body: t`Subgradient of $\lambda|w|$: $\lambda\,\mathrm{sign}(w)$. Soft-thresholding: shrink by $\eta\lambda$ and stop at $0$.`,
    teacherNotes: "First question: a weight far from zero just moves by ηλ toward zero; the named mistakes are the proportional pull w(1 − ηλ), which is L2's behaviour, and the wrong direction. Second question: every student's weight is smaller than ηλ, so the plain subgradient step would carry it across zero to the other side, and soft-thresholding stops it at exactly 0. That is the whole source of exact zeros; it is what the proximal L1 run did at every step.",
    questions: [
      {
        id: "l1-subgradient-step",
        kind: "numeric",
        skills: ["l1-soft-threshold"],
        params: { w: { values: [0.8, 0.5, -0.6, -0.9] }, eta: { values: [0.1, 0.2], label: "η" }, lambda: { values: [0.5, 1], label: "λ" } },
        prompt: t`A weight is $w = {{w}}$. One subgradient step on $\lambda|w|$ alone (data gradient zero) with $\eta = {{eta}}$, $\lambda = {{lambda}}$. What is the new $w$?`,
        answer: "w - eta*lambda*sign(w)",
        tolerance: { type: "abs", value: 1e-6 },
        mistakes: [
          { key: "proportional-pull", label: "Used w(1 − ηλ) (an L2-style pull)", answer: "w*(1 - eta*lambda)", feedback: t`That is a pull proportional to $w$, like L2. L1's pull has constant size $\eta\lambda$: $w - \eta\lambda\,\mathrm{sign}(w)$.` },
          { key: "wrong-direction", label: "Moved away from zero", answer: "w + eta*lambda*sign(w)", feedback: "The penalty pulls toward zero: a positive weight decreases, a negative one increases." },
        ],
        solution: t`$w - \eta\lambda\,\mathrm{sign}(w) = {{w}} - {{eta}} \cdot {{lambda}} \cdot \mathrm{sign}({{w}}) = {{= w - eta*lambda*sign(w)}}$.`,
      },
      {
        id: "l1-soft-threshold",
        kind: "numeric",
        skills: ["l1-soft-threshold"],
        params: { w: { values: [0.02, -0.03, 0.04, -0.045] }, eta: { values: [0.1, 0.2], label: "η" }, lambda: { values: [0.5, 1], label: "λ" } },
        prompt: t`Now the proximal (soft-thresholding) version: $w = {{w}}$, $\eta = {{eta}}$, $\lambda = {{lambda}}$, zero data gradient. The weight moves toward zero by $\eta\lambda$ but never past it. What is the new $w$?`,
        answer: "abs(w) <= eta*lambda ? 0 : w - eta*lambda*sign(w)",
        tolerance: { type: "abs", value: 1e-6 },
        mistakes: [
          { key: "crossed-zero", label: "Crossed zero (plain subgradient step)", answer: "w - eta*lambda*sign(w)", feedback: t`Soft-thresholding stops at exactly $0$ when $|w| \le \eta\lambda$ instead of crossing to the other side. That is where the exact zeros come from.` },
          { key: "proportional-pull", label: "Used w(1 − ηλ) (an L2-style pull)", answer: "w*(1 - eta*lambda)", feedback: t`That is an L2-style proportional pull. Soft-thresholding subtracts the constant $\eta\lambda$ (and stops at 0).` },
        ],
        solution: t`$\eta\lambda = {{= eta*lambda}}$. Since $|w| = {{= abs(w)}}$, the result is $ {{= abs(w) <= eta*lambda ? 0 : w - eta*lambda*sign(w)}}$.`,
      },
    ],
  },
  {
    id: "penalty-values",
    kind: "question",
    title: "Penalty values",
    body: "Compute each penalty for a small weight vector (biases are not included).",
    teacherNotes: "Every student's vector has a negative coordinate, so forgetting the absolute value always shows, and no entries are 0 or ±1 throughout, so the L1 and squared-L2 sums never coincide. Common slips: a square root in ‖w‖₂² (the squared norm has none), the signed sum instead of absolute values, and swapping λ₁ and λ₂ in the elastic net.",
    questions: [
      {
        id: "penalty-l2-value",
        kind: "numeric",
        skills: ["penalty-values"],
        params: { a: { values: [0.5, 1.5, 2] }, b: { values: [-1, -2, -3] }, c: { values: [0.5, -0.5] }, lambda: { values: [0.1, 0.01], label: "λ" } },
        prompt: t`$w = ({{a}}, {{b}}, {{c}})$, $\lambda = {{lambda}}$. What is the L2 penalty $\lambda\|w\|_2^2$? (3 significant figures are enough.)`,
        answer: "lambda*(a^2 + b^2 + c^2)",
        tolerance: { type: "sigfigs", value: 3 },
        mistakes: [
          { key: "took-square-root", label: "Took the square root (used ‖w‖₂, not ‖w‖₂²)", answer: "lambda*sqrt(a^2 + b^2 + c^2)", feedback: t`$\|w\|_2^2$ is the **squared** norm: just the sum of squares, no square root.` },
          { key: "used-l1", label: "Summed absolute values (the L1 penalty)", answer: "lambda*(abs(a) + abs(b) + abs(c))", feedback: "That is the L1 penalty. L2 sums the squares." },
        ],
        solution: t`$\lambda\,(w_1^2 + w_2^2 + w_3^2) = {{lambda}} \cdot {{= a^2 + b^2 + c^2}} = {{= lambda*(a^2 + b^2 + c^2)}}$.`,
      },
      {
        id: "penalty-l1-value",
        kind: "numeric",
        skills: ["penalty-values"],
        params: { a: { values: [0.5, 1.5, 2] }, b: { values: [-1, -2, -3] }, c: { values: [0.5, -0.5] }, lambda: { values: [0.1, 0.01], label: "λ" } },
        prompt: t`$w = ({{a}}, {{b}}, {{c}})$, $\lambda = {{lambda}}$. What is the L1 penalty $\lambda\|w\|_1$? (3 significant figures are enough.)`,
        answer: "lambda*(abs(a) + abs(b) + abs(c))",
        tolerance: { type: "sigfigs", value: 3 },
        mistakes: [
          { key: "signed-sum", label: "Summed the signed weights (forgot the absolute value)", answer: "lambda*(a + b + c)", feedback: t`$\|w\|_1$ sums **absolute** values: negative weights count as positive.` },
          { key: "used-l2", label: "Summed squares (the L2 penalty)", answer: "lambda*(a^2 + b^2 + c^2)", feedback: "That is the L2 penalty. L1 sums absolute values." },
        ],
        solution: t`$\lambda\,(|w_1| + |w_2| + |w_3|) = {{lambda}} \cdot {{= abs(a) + abs(b) + abs(c)}} = {{= lambda*(abs(a) + abs(b) + abs(c))}}$.`,
      },
      {
        id: "penalty-elastic-value",
        kind: "numeric",
        skills: ["penalty-values"],
        params: { a: { values: [0.5, 2] }, b: { values: [-1, -3] }, l1: { values: [0.1, 0.2], label: "λ₁" }, l2: { values: [0.05, 0.5], label: "λ₂" } },
        prompt: t`Elastic net: $\lambda_1\|w\|_1 + \lambda_2\|w\|_2^2$ with $w = ({{a}}, {{b}})$, $\lambda_1 = {{l1}}$, $\lambda_2 = {{l2}}$. What is its value? (3 significant figures are enough.)`,
        answer: "l1*(abs(a) + abs(b)) + l2*(a^2 + b^2)",
        tolerance: { type: "sigfigs", value: 3 },
        mistakes: [
          { key: "swapped-lambdas", label: "Swapped λ₁ and λ₂", answer: "l2*(abs(a) + abs(b)) + l1*(a^2 + b^2)", feedback: t`$\lambda_1$ goes with the L1 norm and $\lambda_2$ with the squared L2 norm.` },
          { key: "signed-sum", label: "Summed the signed weights in the L1 part", answer: "l1*(a + b) + l2*(a^2 + b^2)", feedback: "The L1 part sums absolute values." },
        ],
        solution: t`$ {{l1}} \cdot {{= abs(a) + abs(b)}} + {{l2}} \cdot {{= a^2 + b^2}} = {{= l1*(abs(a) + abs(b)) + l2*(a^2 + b^2)}}$.`,
      },
    ],
  },
  {
    id: "gradient",
    kind: "question",
    title: "The gradient of the L2 term",
    body: "Type a formula. Any equivalent form is accepted.",
    teacherNotes: "Any equivalent form is accepted (2λw, λ·w·2, 2*lambda*w). The three named slips: λw (dropped the 2 from the power rule), 2w (dropped λ), 2λw² (did not lower the power). Tie it back: this 2λw is why one SGD step multiplies w by 1 − 2ηλ.",
    questions: [
      {
        id: "l2-gradient",
        kind: "expression",
        skills: ["l2-decay"],
        prompt: "What is $\\dfrac{\\partial}{\\partial w_j}\\left(\\lambda\\, w_j^2\\right)$? Use `lambda` (or λ) and `w_j` (or w).",
        answer: "2*lambda*w_j",
        variables: [
          { name: "lambda", aliases: ["lam", "l", "λ"], min: 0.1, max: 3 },
          { name: "w_j", aliases: ["w", "wj", "w_i"], min: -3, max: 3 },
        ],
        mistakes: [
          { key: "dropped-factor-2", label: "Gave λw (dropped the 2)", answer: "lambda*w_j", feedback: t`The power rule brings the exponent down: $\frac{d}{dw}w^2 = 2w$.` },
          { key: "forgot-lambda", label: "Gave 2w (dropped λ)", answer: "2*w_j", feedback: t`$\lambda$ is a constant factor and stays in the derivative.` },
          { key: "kept-square", label: "Gave 2λw² (kept the square)", answer: "2*lambda*w_j^2", feedback: "Differentiating lowers the power by one: the result is linear in w." },
        ],
        solution: t`$\frac{\partial}{\partial w_j}\lambda w_j^2 = 2\lambda w_j$, which is why the SGD step becomes $w \leftarrow (1 - 2\eta\lambda)w - \eta\nabla J_{train}(w)$.`,
      },
    ],
  },
];
