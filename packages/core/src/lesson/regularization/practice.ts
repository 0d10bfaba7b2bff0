import type { LessonInput } from "../schema.ts";

/**
 * Activities 16–21: Adam + L2 against AdamW, elastic net, choosing a tool, mean against sum,
 * early stopping, the exit ticket. Numbers in notes and cues come from `npx livelab sim
 * adam-vs-adamw --set l2=<λ> --steps 2000 --json` (λ = 0.0001, 0.001, 0.01, 0.1), `npx livelab
 * sim sparse-linear --set l1=0.1 [--set l2=0.1] --steps 600 --json` and `npx livelab sim
 * early-stopping [--set patience=100] --steps 1500 --every 10 --json`.
 */
const t = String.raw;

export const practiceActivities: LessonInput["activities"] = [
  {
    id: "adam-vs-adamw",
    kind: "simulation",
    title: "Adam + L2 vs AdamW",
    body: t`Same network, same data, same $\lambda = 0.01$ and $\eta = 0.01$. Left: Adam + L2, where the penalty's gradient $2\lambda w$ goes through Adam's per-weight scaling. Right: AdamW, which shrinks every weight by $1 - 2\eta\lambda$ outside of Adam. Predict first, then watch $\|w\|_2^2$.`,
    teacherNotes: "Ask the prediction before you press play. After 2000 steps Adam + L2 ends with ‖w‖² = 7.2 and AdamW with 77.3, and AdamW has the far better validation loss (0.025 against 0.289; Adam + L2 underfits, its training loss is 0.27). The same happens for every λ we tried from 0.0001 to 0.1: ‖w‖² 82 against 106 at λ = 0.0001, 1.9 against 50 at λ = 0.1, with AdamW's validation loss better each time. Why: Adam divides the whole gradient, data part plus 2λw, by the square root of its running average of squared gradients, √v̂. For a weight whose data gradient is small, that ratio is about ±1, so the weight moves about η = 0.01 toward zero every step whatever λ is: strong, uneven decay that depends on the gradients' scale, not on λ. Weights with large data gradients barely feel the penalty. AdamW multiplies every weight by the same 1 − 2ηλ = 0.9998 per step (a factor 0.67 over 2000 steps), so its decay is gentle, even and set by λ alone, and the learning rate and λ can be tuned separately. The common belief is that AdamW is \"Adam with more decay\"; here it decays less, but predictably. For libraries: PyTorch's AdamW weight_decay multiplies each weight by 1 − lr·weight_decay, so in this lesson's convention (penalty λ‖w‖²) weight_decay = 2λ.",
    simulation: { presetId: "adam-vs-adamw", seed: 42, steps: 2000 },
    questions: [
      {
        id: "predict-adam-vs-adamw",
        kind: "single",
        skills: ["adam-weight-decay"],
        prompt: t`Two identical networks train for 2000 steps with $\lambda = 0.01$, $\eta = 0.01$: one with Adam and the penalty $\lambda\|w\|_2^2$ in the loss, one with AdamW (decoupled decay by $1 - 2\eta\lambda$ per step). Which one ends with the **smaller** $\|w\|_2^2$?`,
        options: [
          { id: "adam-l2", text: "Adam + L2", feedback: "Yes. Adam divides the penalty's gradient 2λw by √v̂; for weights with small data gradients that is about ±1, so they move about η per step toward zero: much stronger decay than AdamW's factor 1 − 2ηλ = 0.9998 per step." },
          { id: "adamw", text: "AdamW", feedback: "A common expectation, since AdamW is the one praised for weight decay. Here AdamW shrinks each weight by only 1 − 2ηλ = 0.9998 per step, while Adam + L2 moves weights with small data gradients by about η per step toward zero, because it divides 2λw by √v̂. AdamW's decay is gentler, but even and predictable." },
          { id: "same", text: "About the same: same λ, same penalty", feedback: "Same λ, but not the same update: Adam rescales the penalty's gradient weight by weight, AdamW does not." },
          { id: "neither", text: "Neither shrinks: λ = 0.01 is too small to matter", feedback: "It matters a lot with Adam + L2: for weights with small data gradients the rescaled penalty step is about η, whatever λ is." },
        ],
        correct: "adam-l2",
      },
    ],
  },
  {
    id: "elastic-net",
    kind: "simulation",
    title: "Elastic net: L1 and L2 together",
    body: t`The sparse data again: 20 correlated features, 4 that matter. First L1 alone, $\lambda_1 = 0.1$. At step 600 we add $\lambda_2\|w\|_2^2$ with $\lambda_2 = 0.1$: the elastic net $\lambda_1\|w\|_1 + \lambda_2\|w\|_2^2$. Watch the exact zeros.`,
    teacherNotes: "Plain gradient descent with proximal L1 updates. With L1 alone there are 10 exact zeros at step 600; after adding λ₂ = 0.1 the count drops to 4 (a fresh run with both penalties ends at the same 4, since the elastic net's optimum is unique). Why: L1 alone tends to keep one of a group of correlated features and drop its neighbours, somewhat arbitrarily; the L2 part makes sharing weight across correlated features cheaper than concentrating it, so correlated features are kept or dropped together and the selection is more stable. Be honest about the numbers: at λ₂ = 0.1 validation loss is worse (1.06 against 0.50), because the extra shrinkage also pulls the 4 real weights down; λ₂ is tuned on validation data like any λ (λ₂ = 0.01 or 0.03 still gives 10 zeros here). Common belief: elastic net is always better than L1. It is a trade: more stable, less sparse.",
    simulation: {
      presetId: "sparse-linear",
      params: { l1: 0.1, l2: 0 },
      seed: 42,
      steps: 1200,
      cues: [
        { atStep: 600, say: "L1 alone: 10 exact zeros. Now add λ₂ = 0.1 (elastic net) and keep playing.", change: { l2: 0.1 } },
        { atStep: 900, say: "Elastic net: 4 exact zeros. Correlated features now share the weight instead of one taking it all." },
      ],
    },
  },
  {
    id: "which-tool",
    kind: "question",
    title: "Which tool for which problem?",
    body: "",
    teacherNotes: "For the first question, L1 is the right tool, but keep the claim modest: L1 gives a sparse model, not a guarantee of finding the right features. On our sparse data L1 at λ = 0.1 kept 10 weights although only 4 features matter, and with correlated features it may pick one of a group arbitrarily; elastic net or checking the selection on resampled data helps. For the second: both losses high and close means underfitting, so regularize less or add capacity.",
    questions: [
      {
        id: "choose-many-irrelevant",
        kind: "single",
        skills: ["choosing-regularization"],
        prompt: "A linear model with 500 features, most of which you suspect are irrelevant. You want a model that uses only a few. Which regularizer?",
        options: [
          { id: "l1", text: "L1 (lasso)", feedback: "Yes: L1 sets many weights to exactly zero, so the model uses only some features. It does not guarantee they are the right ones: on our sparse data it kept 10 weights though only 4 features matter, and among correlated features it may keep one arbitrarily. Check the selection, or use elastic net." },
          { id: "l2", text: "L2 (ridge)", feedback: "L2 shrinks weights but keeps almost all of them nonzero, so the model still uses all 500 features." },
          { id: "dropout", text: "Dropout", feedback: "Dropout is for hidden units of neural networks; it does not select input features of a linear model." },
          { id: "none", text: "No regularization", feedback: "With 500 features and irrelevant ones among them, an unregularized fit will happily use the noise." },
        ],
        correct: "l1",
      },
      {
        id: "choose-both-high",
        kind: "single",
        skills: ["choosing-regularization"],
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
    teacherNotes: "The summed loss is B times the mean loss, so the penalty must grow by B to keep the same balance: λ·B. The named slips are λ/B (scaled the wrong way) and λ unchanged. Practical point: when you copy a λ or weight_decay from a paper or another codebase, check whether its loss is a mean or a sum, and which penalty convention it uses (λ‖w‖² or λ/2 ‖w‖²).",
    questions: [
      {
        id: "lambda-mean-vs-sum",
        kind: "numeric",
        skills: ["l2-decay"],
        params: { B: { values: [32, 64, 128] }, lambda: { values: [0.001, 0.01], label: "λ" } },
        prompt: t`Your reference code averages the squared errors over a batch of $B = {{B}}$ examples and uses $\lambda = {{lambda}}$. A colleague's code **sums** them instead. Which $\lambda$ must the colleague use for exactly the same updates (up to the learning rate, which they also scale)?`,
        hint: "The summed loss is B times the mean loss. Scale the whole objective.",
        answer: "lambda*B",
        tolerance: { type: "rel", value: 1e-3 },
        mistakes: [
          { key: "divided-by-b", label: "Gave λ/B (scaled the wrong way)", answer: "lambda/B", feedback: t`The summed loss is $B$ times larger, so the penalty has to grow by the same factor to keep the balance: $\lambda B$.` },
          { key: "unchanged", label: "Kept λ unchanged", answer: "lambda", feedback: t`With a summed loss, the data term is $B$ times larger, so the same $\lambda$ would regularize $B$ times less.` },
        ],
        solution: t`$\sum_i \ell_i + \lambda' \Omega = B\left(\frac1B\sum_i \ell_i + \frac{\lambda'}{B}\Omega\right)$, so we need $\lambda'/B = \lambda$, i.e. $\lambda' = \lambda B = {{= lambda*B}}$.`,
      },
    ],
  },
  {
    id: "early-stopping",
    kind: "simulation",
    title: "Early stopping",
    body: t`The overfitting run once more, with patience 100: training stops after 100 steps without a new best validation loss, and we keep the weights from the best step. For gradient descent on a quadratic loss, stopping after $t$ steps with learning rate $\eta$ acts roughly like an L2 penalty with $\lambda \approx \frac{1}{2\eta t}$: fewer steps, stronger regularization.`,
    teacherNotes: "Same data and optimizer (Adam) as the overfitting run. The best validation loss is at step 60 (0.198); with patience 100 training stops by itself at step 160, when validation loss has risen to 0.31. Why restore the best weights: by the time patience runs out we have trained past the best point for 100 steps, so the final weights are the overfitted ones; early stopping means keeping the step-60 weights, not the last ones. The picture shows it: the loss chart marks the best step while the run goes on, and from step 160 every screen draws the restored step-60 model (its curve, its coefficients, its losses), not the overfitted one. Patience exists because validation loss is noisy: stopping at the first uptick would often stop too early. Without patience the run goes on to step 1500, where validation loss is 1.70. The link to L2 (λ ≈ 1/(2ηt)) is exact only for gradient descent on a quadratic loss starting from w = 0; it explains why stopping early shrinks weights like a penalty does. Then the point students most often miss: we chose the stopping step (and earlier λ) because validation loss was lowest there, so the best validation loss is an optimistic estimate. Report the final model's quality on a test set that played no part in any choice.",
    simulation: {
      presetId: "early-stopping",
      params: { patience: 100 },
      seed: 42,
      steps: 1500,
      cues: [
        { atStep: 60, say: "Best validation loss so far: 0.198 at step 60. Patience starts counting." },
        { atStep: 160, say: "100 steps without a better validation loss: training stops. Keep the weights from step 60." },
      ],
    },
    questions: [
      {
        id: "early-stop-step",
        kind: "numeric",
        skills: ["early-stopping"],
        params: { best: { values: [60, 150, 240], label: "best step" }, patience: { values: [50, 100, 200] } },
        prompt: "Early stopping with patience {{patience}}: validation loss reached its lowest value at step {{best}} and never improved after it. At which step does training stop?",
        answer: "best + patience",
        tolerance: { type: "abs", value: 0 },
        mistakes: [
          { key: "stopped-at-best", label: "Gave the best step (stops when the best is reached)", answer: "best", feedback: "Training cannot know a step was the best until it has waited: it stops after `patience` steps without improvement, then restores the weights from the best step." },
          { key: "stopped-at-patience", label: "Gave the patience as the step", answer: "patience", feedback: "Patience counts steps since the best one, not from the start of training." },
        ],
        solution: "It waits {{patience}} steps after the best step {{best}} and stops at step {{= best + patience}}, then restores the weights from step {{best}}.",
      },
      {
        id: "early-stop-lambda",
        kind: "numeric",
        skills: ["early-stopping"],
        params: { eta: { values: [0.01, 0.02, 0.05], label: "η" }, steps: { values: [200, 400, 500] } },
        prompt: t`Gradient descent on a quadratic loss with $\eta = {{eta}}$, stopped after $t = {{steps}}$ steps. Roughly which L2 strength $\lambda$ (penalty $\lambda\|w\|_2^2$) does that act like? (3 significant figures are enough.)`,
        answer: "1/(2*eta*steps)",
        tolerance: { type: "sigfigs", value: 3 },
        mistakes: [
          { key: "dropped-factor-2", label: "Gave 1/(ηt) (dropped the 2)", answer: "1/(eta*steps)", feedback: t`With the penalty $\lambda\|w\|^2$ the decay per step is $2\eta\lambda$, so $t$ steps match $2\eta\lambda t \approx 1$: $\lambda \approx \frac{1}{2\eta t}$.` },
          { key: "not-inverted", label: "Gave ηt (more steps as more regularization)", answer: "eta*steps", feedback: t`More steps means **less** regularization: the weights get further from 0. The strength falls as $\frac{1}{2\eta t}$.` },
        ],
        solution: t`$\lambda \approx \frac{1}{2\eta t} = \frac{1}{2 \cdot {{eta}} \cdot {{steps}}} \approx {{= 1/(2*eta*steps)}}$.`,
      },
      {
        id: "early-stop-test-set",
        kind: "single",
        skills: ["early-stopping"],
        prompt: "You chose λ and the stopping step because validation loss was lowest there. How do you tell how well the final model will do on new data?",
        options: [
          { id: "test-set", text: "Evaluate it once on a test set that played no part in any choice", feedback: "Right: validation data helped choose, so its score is optimistic; only untouched data gives a fair estimate." },
          { id: "best-val", text: "Report the best validation loss: that is what the validation set is for", feedback: "The validation set was used to choose λ and the step: we picked them because that number was lowest, so it is optimistic." },
          { id: "train-loss", text: "Report the training loss at the chosen step", feedback: "Training loss measures fit to the data the model learned from; it says least about new data." },
          { id: "more-val", text: "Try more λ values on the validation set until its loss stops improving", feedback: "Every extra choice made on the validation set makes its score more optimistic, not less." },
        ],
        correct: "test-set",
      },
    ],
  },
];
