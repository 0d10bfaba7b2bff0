import type { LessonInput } from "../schema.ts";

/**
 * Activities 1–6: overfitting, the penalty, weight decay by hand, and the class's U-curve.
 * Numbers in notes and cues come from `npx livelab sim overfit-poly --steps 1500 --every 10
 * --json` and `npx livelab sim lambda-experiment --set l2=<λ> --steps 1500 --json`.
 */
const t = String.raw;

export const overfittingActivities: LessonInput["activities"] = [
  {
    id: "warm-up",
    kind: "poll",
    title: "Warm-up: a suspicious pair of curves",
    body: "Before any math: what do you think is going on?",
    teacherNotes: "A poll for no points, so students can guess freely. Enter opens it; when most have answered, Enter again closes it and puts the bars on the projector. Many pick underfitting or a broken validation set: they read any rising loss as \"the model is too weak\" or \"something broke\". Before you reveal, ask the room what gives it away: training loss still falls, so the model is not too weak, and a bug would rarely pull the two curves apart this smoothly. Then reveal (Enter: the right option is marked, with one line of why) and move on: the next simulation shows it happen.",
    questions: [
      {
        id: "warmup-overfitting",
        kind: "single",
        skills: ["choosing-regularization"],
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
    body: t`A degree-9 polynomial fitted to 12 noisy points of a smooth curve, trained with the Adam optimizer. Watch both losses. Then we add a penalty: minimize $J_{train}(w) + \lambda\,\|w\|_2^2$.`,
    teacherNotes: "Play at 1x. Validation loss is lowest at step 60 (0.198) and already rising by step 100 (0.238), while training loss keeps falling. By step 600 the curve wiggles through every point: training loss 0.0046, validation loss 1.05. What students commonly believe: a lower training loss means a better model; point at the gap between the curves. The picture should show the fitted curve bending to reach each noisy point and the coefficient bars growing. This run uses Adam, so raising λ later is \"Adam + L2\" (the penalty's gradient goes through Adam's per-weight scaling), the variant we compare with AdamW in activity 16; with plain SGD the story is the same, only slower. Pause at step 600 and ask the prediction question before you touch λ.",
    simulation: {
      presetId: "overfit-poly",
      seed: 42,
      steps: 1500,
      cues: [
        { atStep: 60, say: "Validation loss is at its lowest here (0.198 at step 60). Keep watching it." },
        { atStep: 100, say: "Validation loss is already rising (0.238) while training loss keeps falling." },
        { atStep: 600, say: "Pause: ask the class to predict what raising λ will do." },
      ],
    },
  },
  {
    id: "predict-lambda",
    kind: "question",
    title: "Predict: what will raising λ do?",
    body: "Commit to an answer before we change anything.",
    teacherNotes: "Ask it while the paused run from activity 2 is fresh: everyone commits before anything changes. You do not run anything to grade it: at the reveal LiveLab continues that same run from step 600 with λ = 0.01 for 300 steps and marks the option it shows (training loss up a little, validation loss down). To let the class watch it happen, go back to activity 2 after the reveal (← or its name in the list): its run starts again at step 0, so drag the step slider to 600, press 0.01 beside λ and play. The common belief behind \"both down\" is that a penalty simply makes training better; a penalty trades training fit for simpler weights. Training loss rises here because at step 600 the unpenalized fit is nearly finished (training loss 0.0046), so any move away from it costs training loss. Early in training, while the model is still far from fitting the data, training loss can keep falling with a penalty on.",
    questions: [
      {
        id: "predict-raise-lambda",
        kind: "single",
        skills: ["choosing-regularization"],
        prompt: t`The polynomial has been overfitting for a while. We now raise $\lambda$ (L2) from $0$ to $0.01$ and keep training. What happens next?`,
        options: [
          { id: "train-up-val-down", text: "Training loss goes up a little, validation loss goes down", feedback: "The penalty gives up some training fit for a smoother curve, which generalizes better." },
          { id: "both-down", text: "Both losses go down", feedback: "Not here. At step 600 the unpenalized fit is nearly finished (training loss about 0.005), so the penalty's pull toward smaller weights can only cost training fit. Earlier in training, far from that fit, training loss could still have fallen with the penalty on." },
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
    teacherNotes: "The source's example: η = 0.1, λ = 0.01 gives 0.998. Common slips, each named in the results: 1 − ηλ (forgot that the derivative of w² is 2w), 2ηλ (the amount lost, not the factor), 1 + 2ηλ (sign), 1 − 2λ (forgot the learning rate). After the reveal, say why it is called weight decay: with plain SGD the penalty is exactly a shrink by the same factor every step. Convention check for students who use libraries: with the penalty λ‖w‖², PyTorch's SGD weight_decay (which adds weight_decay·w to the gradient) equals 2λ.",
    questions: [
      {
        id: "l2-decay-factor",
        kind: "numeric",
        skills: ["l2-decay"],
        params: { eta: { values: [0.05, 0.1, 0.2], label: "η" }, lambda: { values: [0.001, 0.01, 0.05], label: "λ" } },
        prompt: t`Plain SGD (no momentum) with learning rate $\eta = {{eta}}$ minimizes $J_{train}(w) + \lambda\|w\|_2^2$ with $\lambda = {{lambda}}$. For one step the data gradient happens to be zero. By what **factor** is each weight multiplied in that step? (Give the exact value; 4 decimal places are enough.)`,
        hint: t`Write the update $w \leftarrow w - \eta\,\nabla J(w)$ and factor out $w$.`,
        answer: "1 - 2*eta*lambda",
        tolerance: { type: "abs", value: 1e-6 },
        mistakes: [
          { key: "dropped-factor-2", label: "Used 1 − ηλ (dropped the 2)", answer: "1 - eta*lambda", feedback: t`Close, but the derivative of $w^2$ is $2w$: the penalty adds $2\lambda w$ to the gradient, so the factor is $1 - 2\eta\lambda$.` },
          { key: "gave-shrink-not-factor", label: "Gave the shrink 2ηλ, not the factor", answer: "2*eta*lambda", feedback: t`That is the fraction the weight loses, $2\eta\lambda$. The question asks for the factor it is multiplied by: $1 - 2\eta\lambda$.` },
          { key: "wrong-sign", label: "Used 1 + 2ηλ (wrong sign)", answer: "1 + 2*eta*lambda", feedback: t`The penalty pulls weights toward zero, so the factor must be below 1: $1 - 2\eta\lambda$.` },
          { key: "forgot-eta", label: "Used 1 − 2λ (forgot the learning rate)", answer: "1 - 2*lambda", feedback: t`The step is the gradient times the learning rate: $w - \eta \cdot 2\lambda w = (1 - 2\eta\lambda)\,w$. Without $\eta$ the step size would not depend on the learning rate.` },
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
    teacherNotes: "The answer is (1 − 2ηλ)^k · w₀. The common mistake is the linear 1 − 2kηλ: it is the first-order approximation, close only while 2kηλ is small, so every student's numbers here make 2kηλ between 0.2 and 1.2, where compounding clearly differs (for some students the linear rule even gives a negative weight, which decay can never do). Link back to the simulation: with a zero data gradient a weight decays geometrically, never exactly to zero.",
    questions: [
      {
        id: "l2-decay-k-steps",
        kind: "numeric",
        skills: ["l2-decay"],
        params: {
          eta: { values: [0.1, 0.2], label: "η" },
          lambda: { values: [0.05, 0.1], label: "λ" },
          k: { values: [20, 30] },
          w0: { values: [1, 2, 5], label: "w₀" },
        },
        prompt: t`SGD with $\eta = {{eta}}$ and L2 penalty $\lambda\|w\|_2^2$, $\lambda = {{lambda}}$. A weight starts at $w_0 = {{w0}}$ and its data gradient stays zero. What is the weight after $k = {{k}}$ steps? (Give 3 significant figures.)`,
        hint: "Each step multiplies by the same factor.",
        answer: "(1 - 2*eta*lambda)^k * w0",
        tolerance: { type: "sigfigs", value: 3 },
        mistakes: [
          { key: "linear-not-compound", label: "Used 1 − 2kηλ (linear, not compound)", answer: "w0 * (1 - 2*k*eta*lambda)", feedback: t`Decay compounds: each step multiplies by $(1-2\eta\lambda)$ again, so after $k$ steps the factor is $(1-2\eta\lambda)^k$, not $1 - 2k\eta\lambda$.` },
          { key: "dropped-factor-2", label: "Used (1 − ηλ)^k (dropped the 2)", answer: "(1 - eta*lambda)^k * w0", feedback: t`The per-step factor is $1 - 2\eta\lambda$ (the derivative of $w^2$ is $2w$).` },
        ],
        solution: t`After $k$ steps $w_k = (1-2\eta\lambda)^k\,w_0 = ({{= 1 - 2*eta*lambda}})^{ {{k}} } \cdot {{w0}} \approx {{= (1 - 2*eta*lambda)^k * w0}}$.`,
      },
    ],
  },
  {
    id: "lambda-experiment",
    kind: "experiment",
    title: "Class experiment: find the best λ",
    body: "Everyone trains the same degree-9 polynomial (Adam, 1500 steps) with a λ of their own choosing. Together we draw validation loss against λ.",
    teacherNotes: "Ask students to spread out over the slider (some at 0, some tiny, some huge). The U-shape appears once about 15 answers are in. What the curve should show (validation loss after 1500 steps): λ = 0 gives 2.57, 0.0001 gives 2.02, 0.001 gives 0.82, 0.01 gives 0.264, 0.1 gives 0.268, 1 gives 0.48, 10 gives 0.59. Left end: overfitting (training loss 0.005, validation high). Right end: underfitting, both losses high (λ = 10: training 0.34, validation 0.59). The bottom is flat between 0.01 and 0.1: many λ are about as good. Common belief: the best validation loss is how well the model will do on new data. It is not: we picked λ because its validation loss was lowest, so that number is optimistic. Once λ (or a stopping step) is chosen on validation data, judge the final model on a test set used for nothing else.",
    experiment: { presetId: "lambda-experiment", seed: 42 },
  },
];
