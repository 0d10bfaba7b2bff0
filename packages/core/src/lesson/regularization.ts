import type { LessonInput } from "./schema.ts";

/**
 * The built-in lesson: Regularization (L1, L2 / weight decay, elastic net, dropout, early
 * stopping), in class order. Facts and formulas follow the source study page; the wording is
 * LiveLab's own. Prompts are TeX-flavoured ($…$); {{name}} inserts a student's parameter and
 * {{= formula}} a value computed on the server.
 */
const t = String.raw;

export const regularizationLesson: LessonInput = {
  format: "livelab-lesson",
  version: 1,
  id: "regularization",
  title: "Regularization: L1, L2, dropout and early stopping",
  summary: "Why a model that fits its training data perfectly can still be a bad model, and the standard tools that prevent it: penalties on the weights (L2 / weight decay, L1, elastic net), dropout, and early stopping.",
  activities: [
    {
      id: "warm-up",
      kind: "poll",
      title: "Warm-up: a suspicious pair of curves",
      body: "Before any math: what do you think is going on?",
      questions: [
        {
          id: "warmup-overfitting",
          kind: "single",
          points: 0,
          prompt: "While a model trains, its **training** loss keeps going down, but from some point on its **validation** loss goes up. What is the most likely explanation?",
          options: [
            { id: "overfitting", text: "The model is overfitting: it is learning quirks of the training set that do not carry over", feedback: "Yes. The optimizer is doing its job on the training set, but what it learns no longer helps on new data." },
            { id: "underfitting", text: "The model is underfitting: it is too simple for the data", feedback: "An underfitting model does badly on both sets. Here the training loss keeps improving." },
            { id: "lr-too-small", text: "The learning rate is too small", feedback: "A small learning rate slows training down, but it does not make the validation loss rise while the training loss falls." },
            { id: "validation-bug", text: "The validation set must be broken", feedback: "It is worth checking, but this pattern is the textbook sign of overfitting, even with a perfectly good validation set." },
          ],
          correct: "overfitting",
        },
      ],
    },
    {
      id: "overfit-poly",
      kind: "simulation",
      title: "Overfitting a polynomial",
      body: t`A degree-9 polynomial, fitted by gradient descent to 12 noisy points of a smooth curve. Watch both losses. Then we will add a penalty: minimize $J_{train}(w) + \lambda\,\|w\|_2^2$.`,
      teacherNotes: "Play at 1x. Around step 100 validation loss is at its lowest; by step 600 the curve wiggles through every point. Pause, ask the prediction question, then raise λ (L2) to 0.01 and play on.",
      simulation: {
        presetId: "overfit-poly",
        seed: 42,
        steps: 1500,
        cues: [
          { atStep: 100, say: "Validation loss is near its lowest here. Keep watching it." },
          { atStep: 600, say: "Pause: ask the class to predict what raising λ will do." },
        ],
      },
    },
    {
      id: "predict-lambda",
      kind: "question",
      title: "Predict: what will raising λ do?",
      body: "Commit to an answer before we change anything.",
      questions: [
        {
          id: "predict-raise-lambda",
          kind: "single",
          prompt: t`The polynomial has been overfitting for a while. We now raise $\lambda$ (L2) from $0$ to $0.01$ and keep training. What happens next?`,
          options: [
            { id: "train-up-val-down", text: "Training loss goes up a little, validation loss goes down", feedback: "The penalty gives up some training fit for a smoother curve, which generalizes better." },
            { id: "both-down", text: "Both losses go down", feedback: "The penalty is a second term competing with the training loss, so the training loss cannot improve once we add it." },
            { id: "train-down-val-up", text: "Training loss goes down, validation loss goes up", feedback: "That is what was already happening without a penalty: the penalty pushes the other way." },
            { id: "no-change", text: "Nothing visible changes", feedback: "With this much overfitting, λ = 0.01 is a large change: the coefficients shrink a lot." },
          ],
          prediction: {
            presetId: "overfit-poly",
            seed: 42,
            changeAt: 600,
            change: { l2: 0.01 },
            horizon: 300,
            outcomes: {
              "train-up-val-down": { trainLoss: "up", valLoss: "down" },
              "both-down": { trainLoss: "down", valLoss: "down" },
              "train-down-val-up": { trainLoss: "down", valLoss: "up" },
              "no-change": { trainLoss: "same", valLoss: "same" },
            },
          },
        },
      ],
    },
    {
      id: "decay-factor",
      kind: "question",
      title: "Weight decay, one step",
      body: t`With $J(w) = J_{train}(w) + \lambda\|w\|_2^2$ the penalty's gradient is $2\lambda w$.`,
      questions: [
        {
          id: "l2-decay-factor",
          kind: "numeric",
          params: { eta: { values: [0.05, 0.1, 0.2], label: "η" }, lambda: { values: [0.001, 0.01, 0.05], label: "λ" } },
          prompt: t`Plain SGD (no momentum) with learning rate $\eta = {{eta}}$ minimizes $J_{train}(w) + \lambda\|w\|_2^2$ with $\lambda = {{lambda}}$. For one step the data gradient happens to be zero. By what **factor** is each weight multiplied in that step?`,
          hint: t`Write the update $w \leftarrow w - \eta\,\nabla J(w)$ and factor out $w$.`,
          answer: "1 - 2*eta*lambda",
          tolerance: { type: "abs", value: 1e-6 },
          mistakes: [
            { key: "dropped-factor-2", answer: "1 - eta*lambda", feedback: t`Close, but the derivative of $w^2$ is $2w$: the penalty adds $2\lambda w$ to the gradient, so the factor is $1 - 2\eta\lambda$.` },
            { key: "gave-shrink-not-factor", answer: "2*eta*lambda", feedback: t`That is the fraction the weight loses, $2\eta\lambda$. The question asks for the factor it is multiplied by: $1 - 2\eta\lambda$.` },
            { key: "wrong-sign", answer: "1 + 2*eta*lambda", feedback: t`The penalty pulls weights toward zero, so the factor must be below 1: $1 - 2\eta\lambda$.` },
          ],
          solution: t`The step is $w \leftarrow w - \eta(\nabla J_{train}(w) + 2\lambda w)$. With a zero data gradient that is $w \leftarrow (1 - 2\eta\lambda)\,w$. Here $2\eta\lambda = 2 \cdot {{eta}} \cdot {{lambda}} = {{= 2*eta*lambda}}$, so the factor is $ {{= 1 - 2*eta*lambda}}$.`,
        },
      ],
    },
    {
      id: "decay-many-steps",
      kind: "question",
      title: "Weight decay, many steps",
      body: "The same factor applies at every step.",
      questions: [
        {
          id: "l2-decay-k-steps",
          kind: "numeric",
          params: {
            eta: { values: [0.1, 0.2], label: "η" },
            lambda: { values: [0.01, 0.05], label: "λ" },
            k: { values: [10, 50, 100] },
            w0: { values: [1, 2, 5], label: "w_0" },
          },
          prompt: t`SGD with $\eta = {{eta}}$ and L2 penalty $\lambda\|w\|_2^2$, $\lambda = {{lambda}}$. A weight starts at $w_0 = {{w0}}$ and its data gradient stays zero. What is the weight after $k = {{k}}$ steps? (3 significant figures are enough.)`,
          hint: "Each step multiplies by the same factor.",
          answer: "(1 - 2*eta*lambda)^k * w0",
          tolerance: { type: "rel", value: 5e-3 },
          mistakes: [
            { key: "linear-not-compound", answer: "w0 * (1 - 2*k*eta*lambda)", feedback: t`Decay compounds: each step multiplies by $(1-2\eta\lambda)$ again, so after $k$ steps the factor is $(1-2\eta\lambda)^k$, not $1 - 2k\eta\lambda$.` },
            { key: "dropped-factor-2", answer: "(1 - eta*lambda)^k * w0", feedback: t`The per-step factor is $1 - 2\eta\lambda$ (the derivative of $w^2$ is $2w$).` },
          ],
          solution: t`After $k$ steps $w_k = (1-2\eta\lambda)^k\,w_0 = ({{= 1 - 2*eta*lambda}})^{ {{k}} } \cdot {{w0}} \approx {{= (1 - 2*eta*lambda)^k * w0}}$.`,
        },
      ],
    },
    {
      id: "lambda-experiment",
      kind: "experiment",
      title: "Class experiment: find the best λ",
      body: "Everyone trains the same degree-9 polynomial with a λ of their own choosing. Together we draw validation loss against λ.",
      teacherNotes: "Ask students to spread out over the slider (some at 0, some tiny, some huge). The U-shape appears once ~15 answers are in. Discuss both ends: underfitting on the right, overfitting on the left.",
      experiment: { presetId: "lambda-experiment", seed: 42 },
    },
    {
      id: "l1-vs-l2",
      kind: "simulation",
      title: "L1 vs L2 on sparse data",
      body: t`20 features, only 4 matter. Left: $\lambda\|w\|_1$ (proximal updates). Right: $\lambda\|w\|_2^2$. Count the weights that are **exactly** zero.`,
      teacherNotes: "Play until both settle (~300 steps). Then show the regularization paths: lasso weights hit zero one by one as λ grows; ridge weights only shrink.",
      simulation: { presetId: "l1-vs-l2", seed: 42, steps: 600 },
    },
    {
      id: "geometry",
      kind: "simulation",
      title: "Why L1 finds corners",
      body: t`Two weights. The ellipses are the training loss. The L1 penalty's level sets are diamonds $|w_1| + |w_2| = c$, the L2 penalty's circles $w_1^2 + w_2^2 = c$. The penalized optimum is where the smallest loss ellipse touches the constraint set.`,
      simulation: { presetId: "constraint-geometry", seed: 42, steps: 300 },
    },
    {
      id: "which-penalty-zeros",
      kind: "question",
      title: "Exact zeros",
      body: "",
      questions: [
        {
          id: "which-penalty-zeros",
          kind: "single",
          prompt: "Which penalty tends to set some weights to **exactly** zero?",
          options: [
            { id: "l1", text: t`L1, $\lambda\|w\|_1$`, feedback: "Right: its pull toward zero has the same size however small the weight is, so small weights reach zero and stay there." },
            { id: "l2", text: t`L2, $\lambda\|w\|_2^2$`, feedback: t`L2's pull is $2\lambda w$: it weakens as $w$ shrinks, so weights get small but almost never exactly zero.` },
            { id: "both", text: "Both, equally", feedback: "Only one of them has a corner at zero." },
            { id: "neither", text: "Neither: zeros only happen by chance", feedback: "Look back at the L1 run: several weights sat at exactly 0." },
          ],
          correct: "l1",
        },
        {
          id: "why-l1-zeros",
          kind: "text",
          prompt: "In one or two sentences: why does L1 give exact zeros when L2 does not? (Think of the diamond and the circle, or of the size of the pull toward zero.)",
          maxLength: 400,
          solution: t`Geometrically, the diamond $\|w\|_1 \le c$ has corners on the axes, and a loss ellipse usually touches it first at a corner, where one coordinate is 0; the circle has no corners. Algebraically, L1 pulls with constant strength $\lambda$ until the weight reaches 0, while L2's pull $2\lambda w$ fades as $w \to 0$.`,
        },
      ],
    },
    {
      id: "l1-step",
      kind: "question",
      title: "One L1 step",
      body: t`Subgradient of $\lambda|w|$: $\lambda\,\mathrm{sign}(w)$. Soft-thresholding: shrink by $\eta\lambda$ and stop at $0$.`,
      questions: [
        {
          id: "l1-subgradient-step",
          kind: "numeric",
          params: { w: { values: [0.8, 0.5, -0.6, -0.9] }, eta: { values: [0.1, 0.2], label: "η" }, lambda: { values: [0.5, 1], label: "λ" } },
          prompt: t`A weight is $w = {{w}}$. One subgradient step on $\lambda|w|$ alone (data gradient zero) with $\eta = {{eta}}$, $\lambda = {{lambda}}$. What is the new $w$?`,
          answer: "w - eta*lambda*sign(w)",
          tolerance: { type: "abs", value: 1e-6 },
          mistakes: [
            { key: "proportional-pull", answer: "w*(1 - eta*lambda)", feedback: t`That is a pull proportional to $w$, like L2. L1's pull has constant size $\eta\lambda$: $w - \eta\lambda\,\mathrm{sign}(w)$.` },
            { key: "wrong-direction", answer: "w + eta*lambda*sign(w)", feedback: "The penalty pulls toward zero: a positive weight decreases, a negative one increases." },
          ],
          solution: t`$w - \eta\lambda\,\mathrm{sign}(w) = {{w}} - {{eta}} \cdot {{lambda}} \cdot \mathrm{sign}({{w}}) = {{= w - eta*lambda*sign(w)}}$.`,
        },
        {
          id: "l1-soft-threshold",
          kind: "numeric",
          params: { w: { values: [0.05, -0.03, 0.3, -0.4] }, eta: { values: [0.1], label: "η" }, lambda: { values: [0.5, 1], label: "λ" } },
          prompt: t`Now the proximal (soft-thresholding) version: $w = {{w}}$, $\eta = {{eta}}$, $\lambda = {{lambda}}$, zero data gradient. The weight moves toward zero by $\eta\lambda$ but never past it. What is the new $w$?`,
          answer: "abs(w) <= eta*lambda ? 0 : w - eta*lambda*sign(w)",
          tolerance: { type: "abs", value: 1e-6 },
          mistakes: [
            { key: "crossed-zero", answer: "w - eta*lambda*sign(w)", feedback: t`Soft-thresholding stops at exactly $0$ when $|w| \le \eta\lambda$ instead of crossing to the other side. That is where the exact zeros come from.` },
            { key: "proportional-pull", answer: "w*(1 - eta*lambda)", feedback: t`That is an L2-style proportional pull. Soft-thresholding subtracts the constant $\eta\lambda$ (and stops at 0).` },
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
      questions: [
        {
          id: "penalty-l2-value",
          kind: "numeric",
          params: { a: { values: [0.5, 1, 2] }, b: { values: [-1, -2, 3] }, c: { values: [0, 0.5] }, lambda: { values: [0.1, 0.01], label: "λ" } },
          prompt: t`$w = ({{a}}, {{b}}, {{c}})$, $\lambda = {{lambda}}$. What is the L2 penalty $\lambda\|w\|_2^2$?`,
          answer: "lambda*(a^2 + b^2 + c^2)",
          tolerance: { type: "rel", value: 1e-3 },
          mistakes: [
            { key: "took-square-root", answer: "lambda*sqrt(a^2 + b^2 + c^2)", feedback: t`$\|w\|_2^2$ is the **squared** norm: just the sum of squares, no square root.` },
            { key: "used-l1", answer: "lambda*(abs(a) + abs(b) + abs(c))", feedback: "That is the L1 penalty. L2 sums the squares." },
          ],
          solution: t`$\lambda\,(w_1^2 + w_2^2 + w_3^2) = {{lambda}} \cdot {{= a^2 + b^2 + c^2}} = {{= lambda*(a^2 + b^2 + c^2)}}$.`,
        },
        {
          id: "penalty-l1-value",
          kind: "numeric",
          params: { a: { values: [0.5, 1, 2] }, b: { values: [-1, -2, 3] }, c: { values: [0, -0.5] }, lambda: { values: [0.1, 0.01], label: "λ" } },
          prompt: t`$w = ({{a}}, {{b}}, {{c}})$, $\lambda = {{lambda}}$. What is the L1 penalty $\lambda\|w\|_1$?`,
          answer: "lambda*(abs(a) + abs(b) + abs(c))",
          tolerance: { type: "rel", value: 1e-3 },
          mistakes: [
            { key: "signed-sum", answer: "lambda*(a + b + c)", feedback: t`$\|w\|_1$ sums **absolute** values: negative weights count as positive.` },
            { key: "used-l2", answer: "lambda*(a^2 + b^2 + c^2)", feedback: "That is the L2 penalty. L1 sums absolute values." },
          ],
          solution: t`$\lambda\,(|w_1| + |w_2| + |w_3|) = {{lambda}} \cdot {{= abs(a) + abs(b) + abs(c)}} = {{= lambda*(abs(a) + abs(b) + abs(c))}}$.`,
        },
        {
          id: "penalty-elastic-value",
          kind: "numeric",
          params: { a: { values: [1, 2] }, b: { values: [-1, -3] }, l1: { values: [0.1, 0.2], label: "λ₁" }, l2: { values: [0.05, 0.5], label: "λ₂" } },
          prompt: t`Elastic net: $\lambda_1\|w\|_1 + \lambda_2\|w\|_2^2$ with $w = ({{a}}, {{b}})$, $\lambda_1 = {{l1}}$, $\lambda_2 = {{l2}}$. What is its value?`,
          answer: "l1*(abs(a) + abs(b)) + l2*(a^2 + b^2)",
          tolerance: { type: "rel", value: 1e-3 },
          mistakes: [
            { key: "swapped-lambdas", answer: "l2*(abs(a) + abs(b)) + l1*(a^2 + b^2)", feedback: t`$\lambda_1$ goes with the L1 norm and $\lambda_2$ with the squared L2 norm.` },
            { key: "signed-sum", answer: "l1*(a + b) + l2*(a^2 + b^2)", feedback: "The L1 part sums absolute values." },
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
      questions: [
        {
          id: "l2-gradient",
          kind: "expression",
          prompt: t`What is $\dfrac{\partial}{\partial w_j}\left(\lambda\, w_j^2\right)$? Use \`lambda\` (or λ) and \`w_j\` (or w).`,
          answer: "2*lambda*w_j",
          variables: [
            { name: "lambda", aliases: ["lam", "l", "λ"], min: 0.1, max: 3 },
            { name: "w_j", aliases: ["w", "wj", "w_i"], min: -3, max: 3 },
          ],
          mistakes: [
            { key: "dropped-factor-2", answer: "lambda*w_j", feedback: t`The power rule brings the exponent down: $\frac{d}{dw}w^2 = 2w$.` },
            { key: "forgot-lambda", answer: "2*w_j", feedback: t`$\lambda$ is a constant factor and stays in the derivative.` },
            { key: "kept-square", answer: "2*lambda*w_j^2", feedback: "Differentiating lowers the power by one: the result is linear in w." },
          ],
          solution: t`$\frac{\partial}{\partial w_j}\lambda w_j^2 = 2\lambda w_j$, which is why the SGD step becomes $w \leftarrow (1 - 2\eta\lambda)w - \eta\nabla J_{train}(w)$.`,
        },
      ],
    },
    {
      id: "dropout",
      kind: "simulation",
      title: "Dropout on a small network",
      body: t`An MLP on a few noisy points. With keep probability $p$, each hidden unit survives a training step with probability $p$ and is scaled by $1/p$ when it does. Compare $p = 1$ with $p = 0.5$.`,
      teacherNotes: "Run with p = 1 until the boundary wraps around single noisy points (~800 steps). Reset, set p = 0.5, run again. Point at the greyed-out units: a different thinned network every step.",
      simulation: { presetId: "dropout-moons", seed: 42, steps: 2000, cues: [{ atStep: 0, say: "First run: p = 1 (no dropout)." }] },
    },
    {
      id: "inverted-dropout",
      kind: "question",
      title: "Inverted dropout",
      body: t`$m \sim \mathrm{Bernoulli}(p)$, $\tilde h = m\,h/p$.`,
      questions: [
        {
          id: "dropout-kept-value",
          kind: "numeric",
          params: { h: { values: [1, 2, 3, 4, 6] }, p: { values: [0.5, 0.6, 0.75, 0.8] } },
          prompt: t`A hidden unit outputs $h = {{h}}$. Inverted dropout with keep probability $p = {{p}}$. If the unit is **kept**, what value $\tilde h$ is passed on?`,
          answer: "h/p",
          tolerance: { type: "rel", value: 2e-3 },
          mistakes: [
            { key: "multiplied-by-p", answer: "h*p", feedback: t`Inverted dropout divides by $p$ during training, so that the average output stays $h$. Multiplying by $p$ is the old rule applied at test time.` },
            { key: "no-rescale", answer: "h", feedback: t`A kept unit is scaled up by $1/p$ to make up for the units that were dropped.` },
          ],
          solution: t`$\tilde h = h/p = {{h}}/{{p}} = {{= h/p}}$.`,
        },
        {
          id: "dropout-expected-value",
          kind: "numeric",
          params: { h: { values: [1, 2, 3, 4, 6] }, p: { values: [0.5, 0.6, 0.75, 0.8] } },
          prompt: t`Same unit: $h = {{h}}$, $p = {{p}}$. What is the expected value $E[\tilde h]$ over the random mask?`,
          answer: "h",
          tolerance: { type: "rel", value: 2e-3 },
          mistakes: [
            { key: "kept-value", answer: "h/p", feedback: t`That is the value when the unit is kept, which happens only with probability $p$: $E[\tilde h] = p\cdot\frac{h}{p} + (1-p)\cdot 0 = h$.` },
            { key: "multiplied-by-p", answer: "h*p", feedback: t`The $1/p$ scaling cancels the keep probability: $E[\tilde h] = p \cdot h/p = h$.` },
          ],
          solution: t`$E[\tilde h] = p \cdot \frac{h}{p} + (1-p)\cdot 0 = h = {{h}}$. The mean is unchanged, which is why nothing special is needed at test time.`,
        },
      ],
    },
    {
      id: "dropout-test-time",
      kind: "question",
      title: "Dropout at test time",
      body: "",
      questions: [
        {
          id: "dropout-test-time",
          kind: "single",
          prompt: "A network was trained with **inverted** dropout. What do you do with dropout when you evaluate it on test data?",
          options: [
            { id: "nothing", text: "Nothing special: turn dropout off and use the full network as is", feedback: "Right: the 1/p scaling during training already keeps each unit's expected output equal to its test-time output." },
            { id: "multiply-p", text: "Multiply every activation by p", feedback: "That is the rule for the original (non-inverted) dropout. Inverted dropout already rescaled during training." },
            { id: "divide-p", text: "Divide every activation by p", feedback: "That would make every activation too large by 1/p." },
            { id: "keep-dropping", text: "Keep dropping units at random and average many runs", feedback: "That works (it is called Monte Carlo dropout), but it is not needed: the full network already approximates the average." },
          ],
          correct: "nothing",
        },
      ],
    },
    {
      id: "adam-vs-adamw",
      kind: "simulation",
      title: "Adam + L2 vs AdamW",
      body: t`Same network, same data, same $\lambda$. Left: the L2 gradient $2\lambda w$ goes through Adam's per-weight scaling. Right: AdamW shrinks every weight by $1 - 2\eta\lambda$ outside of Adam. Watch $\|w\|_2^2$.`,
      simulation: { presetId: "adam-vs-adamw", seed: 42, steps: 2000 },
    },
    {
      id: "which-tool",
      kind: "question",
      title: "Which tool for which problem?",
      body: "",
      questions: [
        {
          id: "choose-many-irrelevant",
          kind: "single",
          prompt: "A linear model with 500 features, most of which you suspect are irrelevant. You want a model that uses only a few. Which regularizer?",
          options: [
            { id: "l1", text: "L1 (lasso)", feedback: "Yes: L1 sets the weights of irrelevant features to exactly zero — feature selection for free." },
            { id: "l2", text: "L2 (ridge)", feedback: "L2 shrinks every weight but keeps almost all of them nonzero, so the model still uses all 500 features." },
            { id: "dropout", text: "Dropout", feedback: "Dropout is for hidden units of neural networks; it does not select input features of a linear model." },
            { id: "none", text: "No regularization", feedback: "With 500 features and irrelevant ones among them, an unregularized fit will happily use the noise." },
          ],
          correct: "l1",
        },
        {
          id: "choose-both-high",
          kind: "single",
          prompt: "Training loss and validation loss are **both** high, and close to each other. What do you change first?",
          options: [
            { id: "less-reg", text: "Reduce regularization (lower λ) or give the model more capacity", feedback: "Right: both high means underfitting; the model is too constrained." },
            { id: "more-reg", text: "Increase λ", feedback: "More regularization makes an underfitting model even simpler." },
            { id: "more-dropout", text: "Add more dropout", feedback: "Dropout is another constraint; it fights overfitting, not underfitting." },
            { id: "early-stop", text: "Stop training earlier", feedback: "Stopping earlier limits the model further; this one needs more freedom, not less." },
          ],
          correct: "less-reg",
        },
      ],
    },
    {
      id: "mean-vs-sum",
      kind: "question",
      title: "Mean or sum?",
      body: "The same λ means different things depending on how the data loss is scaled.",
      questions: [
        {
          id: "lambda-mean-vs-sum",
          kind: "numeric",
          params: { B: { values: [32, 64, 128] }, lambda: { values: [0.001, 0.01] , label: "λ" } },
          prompt: t`Your reference code averages the squared errors over a batch of $B = {{B}}$ examples and uses $\lambda = {{lambda}}$. A colleague's code **sums** them instead. Which $\lambda$ must the colleague use for exactly the same updates (up to the learning rate, which they also scale)?`,
          hint: "The summed loss is B times the mean loss. Scale the whole objective.",
          answer: "lambda*B",
          tolerance: { type: "rel", value: 1e-3 },
          mistakes: [
            { key: "divided-by-b", answer: "lambda/B", feedback: t`The summed loss is $B$ times larger, so the penalty has to grow by the same factor to keep the balance: $\lambda B$.` },
            { key: "unchanged", answer: "lambda", feedback: t`With a summed loss, the data term is $B$ times larger, so the same $\lambda$ would regularize $B$ times less.` },
          ],
          solution: t`$\sum_i \ell_i + \lambda' \Omega = B\left(\frac1B\sum_i \ell_i + \frac{\lambda'}{B}\Omega\right)$, so we need $\lambda'/B = \lambda$, i.e. $\lambda' = \lambda B = {{= lambda*B}}$.`,
        },
      ],
    },
    {
      id: "early-stopping",
      kind: "simulation",
      title: "Early stopping",
      body: "The overfitting run once more. The marker tracks the step with the lowest validation loss so far; at the end we restore the weights from that step.",
      simulation: { presetId: "early-stopping", seed: 42, steps: 1500 },
    },
    {
      id: "exit-ticket",
      kind: "exit-ticket",
      title: "Exit ticket",
      body: "Three quick questions. You will see a personal summary at the end.",
      questions: [
        {
          id: "exit-decay-factor",
          kind: "numeric",
          params: { eta: { values: [0.01, 0.02], label: "η" }, lambda: { values: [0.1, 0.5], label: "λ" } },
          prompt: t`SGD, $\eta = {{eta}}$, penalty $\lambda\|w\|_2^2$ with $\lambda = {{lambda}}$, zero data gradient. Factor applied to $w$ in one step?`,
          answer: "1 - 2*eta*lambda",
          tolerance: { type: "abs", value: 1e-6 },
          mistakes: [
            { key: "dropped-factor-2", answer: "1 - eta*lambda", feedback: t`The L2 gradient is $2\lambda w$: the factor is $1 - 2\eta\lambda$.` },
          ],
          solution: t`$1 - 2\eta\lambda = {{= 1 - 2*eta*lambda}}$.`,
        },
        {
          id: "exit-sparsity",
          kind: "single",
          prompt: "You want a sparse model (many weights exactly 0). Which penalty?",
          options: [
            { id: "l1", text: "L1" },
            { id: "l2", text: "L2", feedback: "L2 shrinks weights but rarely makes them exactly zero." },
            { id: "none", text: "Neither: use a smaller learning rate", feedback: "The learning rate does not create exact zeros." },
          ],
          correct: "l1",
        },
        {
          id: "exit-dropout",
          kind: "numeric",
          params: { h: { values: [2, 5] }, p: { values: [0.5, 0.8] } },
          prompt: t`Inverted dropout, $h = {{h}}$, keep probability $p = {{p}}$. Value passed on when the unit is kept?`,
          answer: "h/p",
          tolerance: { type: "rel", value: 2e-3 },
          mistakes: [
            { key: "multiplied-by-p", answer: "h*p", feedback: t`Inverted dropout divides by $p$.` },
          ],
          solution: t`$h/p = {{= h/p}}$.`,
        },
      ],
    },
  ],
};
