import type { LessonInput } from "../../lesson/schema.ts";

const t = String.raw;

/**
 * A short diagnostic practice set standing in for the Neural Networks lesson until it exists:
 * the gradient step that weight decay and every penalty modify. One skill, three question
 * templates with per-student numbers and named mistakes (so misconceptions show).
 */
export const neuralNetworksDiagnostic: LessonInput = {
  format: "livelab-lesson",
  version: 1,
  id: "nn-diagnostic",
  title: "Neural networks: a gradient step",
  summary: "What regularization builds on: one step of gradient descent, and the gradient of a squared loss by the chain rule.",
  skills: [{ id: "gradient-step", title: "One gradient-descent step", description: "Compute a loss gradient with the chain rule and take one step against it." }],
  activities: [
    {
      id: "gradient-step",
      kind: "question",
      title: "A gradient step",
      questions: [
        {
          id: "gd-update",
          kind: "numeric",
          skills: ["gradient-step"],
          params: { w: { values: [0.5, 1.2, -0.8, 2] }, eta: { values: [0.05, 0.1, 0.2], label: "η" }, g: { values: [0.4, -1.5, 2.5, -0.6], label: "g" } },
          prompt: t`A weight is $w = {{w}}$ and the gradient of the loss there is $\partial L / \partial w = {{g}}$. Take one gradient-descent step with learning rate $\eta = {{eta}}$. What is the new $w$? (3 significant figures are enough.)`,
          answer: "w - eta*g",
          tolerance: { type: "sigfigs", value: 3 },
          hint: t`Gradient descent moves against the gradient: $w \leftarrow w - \eta \cdot \partial L/\partial w$.`,
          mistakes: [
            { key: "added-gradient", label: "Added η·g (moved uphill)", answer: "w + eta*g", feedback: "That step goes up the loss. Descent subtracts the gradient: the loss decreases in the direction of −g." },
            { key: "forgot-learning-rate", label: "Subtracted g without η", answer: "w - g", feedback: t`The step is the gradient times the learning rate: $w - \eta g$, not $w - g$.` },
          ],
          solution: t`$w - \eta\, g = {{w}} - {{eta}} \cdot ({{g}}) = {{= w - eta*g}}$.`,
        },
        {
          id: "squared-loss-gradient",
          kind: "numeric",
          skills: ["gradient-step"],
          params: { w: { values: [0.5, 1.5, 2] }, x: { values: [3, -1, 0.5] }, y: { values: [5, -3, 0.5] } },
          prompt: t`For one example the loss is $L(w) = (w x - y)^2$. With $w = {{w}}$, $x = {{x}}$ and $y = {{y}}$, what is $\partial L / \partial w$?`,
          answer: "2*(w*x - y)*x",
          tolerance: { type: "rel", value: 1e-3 },
          hint: t`Chain rule: the outer square gives $2(wx - y)$, the inner $wx - y$ gives a factor $x$.`,
          mistakes: [
            { key: "dropped-factor-2", label: "Dropped the 2 of the square", answer: "(w*x - y)*x", feedback: t`The derivative of $u^2$ is $2u$: keep the 2.` },
            { key: "forgot-inner-derivative", label: "Forgot the chain rule's factor x", answer: "2*(w*x - y)", feedback: t`The inside, $wx - y$, depends on $w$ too: multiply by its derivative $x$.` },
          ],
          solution: t`$\partial L/\partial w = 2(wx - y)\,x = 2 \cdot ({{= w*x}} - ({{y}})) \cdot {{x}} = {{= 2*(w*x - y)*x}}$.`,
        },
        {
          id: "gd-step-squared-loss",
          kind: "numeric",
          skills: ["gradient-step"],
          params: { w: { values: [0.5, 1.5] }, x: { values: [2, -1] }, y: { values: [4, -2] }, eta: { values: [0.05, 0.1], label: "η" } },
          prompt: t`The loss is $L(w) = (w x - y)^2$ with $x = {{x}}$ and $y = {{y}}$. From $w = {{w}}$, take one gradient-descent step with $\eta = {{eta}}$. What is the new $w$?`,
          answer: "w - eta*2*(w*x - y)*x",
          tolerance: { type: "rel", value: 1e-3 },
          hint: t`First the gradient $2(wx - y)x$, then $w - \eta$ times it.`,
          mistakes: [
            { key: "added-gradient", label: "Added η·g (moved uphill)", answer: "w + eta*2*(w*x - y)*x", feedback: "That step goes up the loss. Descent subtracts the gradient." },
            { key: "dropped-factor-2", label: "Dropped the 2 of the square", answer: "w - eta*(w*x - y)*x", feedback: t`The derivative of $u^2$ is $2u$: the gradient is $2(wx - y)x$.` },
          ],
          solution: t`The gradient is $2(wx - y)x = {{= 2*(w*x - y)*x}}$, so $w - \eta \cdot {{= 2*(w*x - y)*x}} = {{= w - eta*2*(w*x - y)*x}}$.`,
        },
      ],
    },
  ],
};
