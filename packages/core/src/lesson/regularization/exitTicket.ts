import type { LessonInput } from "../schema.ts";

const t = String.raw;

/** Activity 22: five quick questions over the whole lesson; each student sees a personal summary. */
export const exitTicket: LessonInput["activities"][number] = {
  id: "exit-ticket",
  kind: "exit-ticket",
  title: "Exit ticket",
  body: "Five quick questions. You will see a personal summary at the end.",
  teacherNotes: "Five questions, one each on weight decay, AdamW, early stopping, choosing λ and dropout. Enter takes them one at a time: open, close and show the results, reveal, then the next one; about a minute each (press T until the timer reads 1 min before opening, if the room needs pace). To let everyone work through all five at their own speed instead, press O five times: each press opens the next question, all five stay open on the phones, and Enter then closes and reveals them one by one. Each student's personal summary comes up on their phone when you end the class. After class, the report's per-question results show which named mistake many students still make: that is the one to revisit next lesson.",
  questions: [
    {
      id: "exit-decay-factor",
      kind: "numeric",
      skills: ["l2-decay"],
      params: { eta: { values: [0.01, 0.02], label: "η" }, lambda: { values: [0.1, 0.5], label: "λ" } },
      prompt: t`SGD, $\eta = {{eta}}$, penalty $\lambda\|w\|_2^2$ with $\lambda = {{lambda}}$, zero data gradient. Factor applied to $w$ in one step?`,
      answer: "1 - 2*eta*lambda",
      tolerance: { type: "abs", value: 1e-6 },
      mistakes: [
        { key: "dropped-factor-2", label: "Used 1 − ηλ (dropped the 2)", answer: "1 - eta*lambda", feedback: t`The L2 gradient is $2\lambda w$: the factor is $1 - 2\eta\lambda$.` },
        { key: "forgot-eta", label: "Used 1 − 2λ (forgot the learning rate)", answer: "1 - 2*lambda", feedback: t`The step is scaled by the learning rate: $1 - 2\eta\lambda$.` },
      ],
      solution: t`$1 - 2\eta\lambda = {{= 1 - 2*eta*lambda}}$.`,
    },
    {
      id: "exit-adamw",
      kind: "single",
      skills: ["adam-weight-decay"],
      prompt: "You train with Adam and want weight decay that shrinks every weight by the same factor each step, set by λ alone. What do you use?",
      options: [
        { id: "adamw", text: "AdamW: decoupled weight decay" },
        { id: "adam-l2", text: "Adam with λ‖w‖² added to the loss", feedback: "Adam rescales the penalty's gradient weight by weight, so the decay depends on each weight's gradient history, not on λ alone." },
        { id: "either", text: "Either: with Adam they are the same", feedback: "They coincide for plain SGD, not for Adam: Adam divides the penalty's gradient by √v̂." },
      ],
      correct: "adamw",
    },
    {
      id: "exit-early-stopping",
      kind: "numeric",
      skills: ["early-stopping"],
      params: { stop: { values: [350, 650, 900], label: "stop step" }, patience: { values: [50, 100, 200] } },
      prompt: "Early stopping with patience {{patience}} ended training at step {{stop}}. From which step do you keep the weights?",
      answer: "stop - patience",
      tolerance: { type: "abs", value: 0 },
      mistakes: [
        { key: "kept-last", label: "Kept the last weights", answer: "stop", feedback: "The last weights are the ones trained past the best point. Keep the best step's weights: the stop step minus the patience." },
        { key: "patience-as-step", label: "Gave the patience as the step", answer: "patience", feedback: "Patience counts steps after the best one: the best step is the stop step minus the patience." },
      ],
      solution: "Training stopped {{patience}} steps after the best step, so the best step is {{stop}} − {{patience}} = {{= stop - patience}}.",
    },
    {
      id: "exit-choose-lambda",
      kind: "single",
      skills: ["choosing-regularization"],
      prompt: "With your current λ, training loss is 0.01 and validation loss is 0.9. What do you try next?",
      options: [
        { id: "raise", text: "A larger λ, compared on the validation set" },
        { id: "lower", text: "A smaller λ", feedback: "Low training loss with a much higher validation loss is overfitting: the model needs more regularization, not less." },
        { id: "test", text: "Try several λ on the test set and keep the best", feedback: "Choices are made on validation data; the test set is kept for the final, one-time estimate." },
      ],
      correct: "raise",
    },
    {
      id: "exit-dropout",
      kind: "numeric",
      skills: ["dropout-scaling"],
      params: { h: { values: [2, 5] }, p: { values: [0.8, 0.9] } },
      prompt: t`Inverted dropout, $h = {{h}}$, keep probability $p = {{p}}$. Value passed on when the unit is kept? (3 significant figures are enough.)`,
      answer: "h/p",
      tolerance: { type: "sigfigs", value: 3 },
      mistakes: [
        { key: "multiplied-by-p", label: "Gave h·p (multiplied by p)", answer: "h*p", feedback: t`Inverted dropout divides by $p$.` },
        { key: "divided-by-drop-rate", label: "Gave h/(1 − p) (divided by the drop rate)", answer: "h/(1 - p)", feedback: t`$1 - p$ is the drop probability (what libraries take); a kept unit is divided by the keep probability: $h/p$.` },
      ],
      solution: t`$h/p = {{= h/p}}$.`,
    },
  ],
};
