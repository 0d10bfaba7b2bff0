import type { LessonInput } from "@livelab/core/lesson";
import type { TeacherClient } from "../teacherClient.ts";

/**
 * A small lesson of every kind the editor makes: a numeric question with per-student parameters
 * and a named mistake, an expression, a choice, a text question and a simulation with a cue.
 */
export function fiveActivityLesson(title = "Weight decay in five steps"): LessonInput {
  return {
    format: "livelab-lesson", version: 1, id: "weight-decay-five", title, summary: "A teacher's own lesson.",
    activities: [
      {
        id: "decay", kind: "question", title: "The decay factor",
        questions: [{
          id: "decay-factor", kind: "numeric",
          params: { eta: { values: [0.1, 0.2], label: "η" }, lambda: { values: [0.01, 0.05], label: "λ" } },
          prompt: "With $\\eta = {{eta}}$ and $\\lambda = {{lambda}}$, by what factor does one SGD step multiply each weight?",
          answer: "1 - 2*eta*lambda", tolerance: { type: "abs", value: 1e-6 },
          mistakes: [{ key: "dropped-2", label: "Dropped the 2", answer: "1 - eta*lambda", feedback: "The derivative of $w^2$ is $2w$." }],
          solution: "The factor is $1 - 2\\eta\\lambda = {{= 1 - 2*eta*lambda}}$.",
        }],
      },
      {
        id: "gradient", kind: "question", title: "The penalty's gradient",
        questions: [{ id: "l2-gradient", kind: "expression", prompt: "The gradient of $\\lambda w^2$ with respect to $w$?", answer: "2*lambda*w", variables: [{ name: "w" }, { name: "lambda" }] }],
      },
      {
        id: "zeros", kind: "question", title: "Exact zeros",
        questions: [{ id: "which-zeros", kind: "single", prompt: "Which penalty gives exact zeros?", options: [{ id: "l1", text: "L1" }, { id: "l2", text: "L2", feedback: "L2's pull fades near zero." }], correct: "l1" }],
      },
      {
        id: "why", kind: "question", title: "Why regularize?",
        questions: [{ id: "why-regularize", kind: "text", prompt: "In one sentence: why regularize?" }],
      },
      {
        id: "watch", kind: "simulation", title: "Watch it overfit",
        simulation: { presetId: "overfit-poly", seed: 7, steps: 400, cues: [{ atStep: 200, say: "Raise λ now.", change: { l2: 0.01 } }] },
      },
    ],
  };
}

/** A JSON request as the signed-in teacher; the parsed body and status. */
export async function api<T = unknown>(t: TeacherClient, path: string, method = "GET", body?: unknown): Promise<{ status: number; body: { ok: boolean; data: T; error?: { code: string; message: string }; errors?: { path: string; message: string }[] } }> {
  const res = await t.fetch(path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never };
}

export { kahootSheet } from "./kahootSheet.ts";
