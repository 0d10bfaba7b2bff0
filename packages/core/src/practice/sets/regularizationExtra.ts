import type { LessonInput } from "../../lesson/schema.ts";

const t = String.raw;

/**
 * Practice questions for the Regularization node that the live lesson has too few of: a skill
 * needs at least MASTERY_RULE.streak different variants to be mastered on fresh variants
 * (course.test.ts checks it). Practice only: not a lesson a class runs.
 */
export const regularizationExtraPractice: LessonInput = {
  format: "livelab-lesson",
  version: 1,
  id: "regularization-practice",
  title: "Regularization: more practice",
  summary: "Extra practice questions for the regularization skills.",
  skills: [{ id: "adam-weight-decay", title: "Adam + L2 against AdamW", description: "Tell apart L2 in Adam's gradient from AdamW's decoupled weight decay." }],
  activities: [
    {
      id: "adamw",
      kind: "question",
      title: "Decoupled weight decay",
      questions: [
        {
          id: "adamw-decay-factor",
          kind: "numeric",
          skills: ["adam-weight-decay"],
          params: { eta: { values: [0.05, 0.1, 0.2], label: "η" }, lambda: { values: [0.1, 0.25, 0.5], label: "λ" } },
          prompt: t`AdamW applies the penalty $\lambda\|w\|_2^2$ as decoupled weight decay: $w \leftarrow w - \eta \cdot 2\lambda w$ besides the Adam step. With $\eta = {{eta}}$ and $\lambda = {{lambda}}$, by what factor does the decay multiply each weight per step? (4 significant figures are enough.)`,
          answer: "1 - 2*eta*lambda",
          tolerance: { type: "sigfigs", value: 4 },
          hint: t`Factor out $w$: $w - 2\eta\lambda w = (1 - 2\eta\lambda)\,w$.`,
          mistakes: [
            { key: "dropped-factor-2", label: "Used 1 − ηλ (dropped the 2)", answer: "1 - eta*lambda", feedback: t`The penalty $\lambda w^2$ has gradient $2\lambda w$: the factor is $1 - 2\eta\lambda$.` },
            { key: "decay-amount", label: "Gave the amount removed, 2ηλ", answer: "2*eta*lambda", feedback: t`$2\eta\lambda$ is the share taken away; the weight is multiplied by what is left, $1 - 2\eta\lambda$.` },
          ],
          solution: t`$w - \eta \cdot 2\lambda w = (1 - 2\eta\lambda)\,w$, and $1 - 2 \cdot {{eta}} \cdot {{lambda}} = {{= 1 - 2*eta*lambda}}$. The same factor for every weight, whatever its gradient history: that is what decoupled means.`,
        },
        {
          id: "which-decay-uniform",
          kind: "single",
          skills: ["adam-weight-decay"],
          prompt: t`Which optimizer shrinks **every** weight by the same factor $1 - 2\eta\lambda$ per step, whatever that weight's gradient history?`,
          options: [
            { id: "adamw", text: "AdamW (decoupled weight decay)", feedback: "Right: AdamW applies the decay outside Adam's rescaling, so it is the same factor for every weight." },
            { id: "adam-l2", text: "Adam with λ‖w‖² added to the loss", feedback: "Adam divides the penalty's gradient 2λw by √v̂, a different amount for each weight depending on its gradient history." },
            { id: "both", text: "Both: the penalty is the same", feedback: "Same penalty, different update: Adam rescales its gradient weight by weight, AdamW does not." },
            { id: "neither", text: "Neither: adaptive optimizers never decay uniformly", feedback: "AdamW does: its decay step is outside the adaptive rescaling." },
          ],
          correct: "adamw",
          solution: t`AdamW: $w \leftarrow w - \eta\,\hat m/(\sqrt{\hat v} + \epsilon) - 2\eta\lambda w$; the last term is the same factor for every weight. Adam + L2 puts $2\lambda w$ inside $\hat m$ and $\hat v$, so its effect depends on each weight's gradients.`,
        },
      ],
    },
  ],
};
