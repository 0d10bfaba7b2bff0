import type { LessonInput } from "../schema.ts";

/**
 * Activities 13–15: dropout on a small network, inverted dropout by hand, test time.
 * Numbers in notes and cues come from `npx livelab sim dropout-moons --set keepProb=1
 * --steps 2000 --every 100 --json` and the same with `--set keepProb=0.5`.
 */
const t = String.raw;

export const dropoutActivities: LessonInput["activities"] = [
  {
    id: "dropout",
    kind: "simulation",
    title: "Dropout on a small network",
    body: t`An MLP (two hidden layers of 32 units, trained with Adam) on 60 noisy points. With keep probability $p$, each hidden unit survives a training step with probability $p$ and is scaled by $1/p$ when it does. Compare $p = 1$ with $p = 0.5$ at about step 800.`,
    teacherNotes: "Run with p = 1 to step 800: the boundary wraps around single noisy points. Reset, set p = 0.5 and run to step 800 again: the boundary is visibly smoother, and the greyed-out units show a different thinned network every step. Compare at about step 800, not at the end: by step 2000 the p = 0.5 boundary has also started to bend toward single points and the difference in the picture has faded. What to watch is validation loss: at step 800 it is 0.37 without dropout and 0.30 with it; at step 2000, 0.48 against 0.28, because without dropout the network grows ever more confident on its mistakes. Validation accuracy is not better with dropout here: dropout mainly stops the network from being overconfident, so say that loss and accuracy can disagree. Also worth saying: without dropout the best validation loss came early (0.20 at step 200), so early stopping would have helped too. In libraries the argument is the drop probability: PyTorch's nn.Dropout(p=0.5) and Keras's Dropout(rate=0.5) drop half the units; with keep probability p in our notation that is rate 1 − p. Start small in dense layers (a drop rate of 0.1 to 0.3).",
    simulation: {
      presetId: "dropout-moons",
      seed: 42,
      steps: 2000,
      cues: [
        { atStep: 0, say: "First run: p = 1 (no dropout). Stop at step 800." },
        { atStep: 800, say: "Compare here: without dropout validation loss is 0.37, with p = 0.5 it is 0.30. Look at how the boundary treats single noisy points." },
      ],
    },
  },
  {
    id: "inverted-dropout",
    kind: "question",
    title: "Inverted dropout",
    body: t`$m \sim \mathrm{Bernoulli}(p)$, $\tilde h = m\,h/p$.`,
    teacherNotes: "The source's example: h = 3, p = 0.6 gives 5 when kept and an expected value of 3. Common beliefs: that the kept value is h·p (the old, non-inverted rule, which scales at test time instead), that nothing is rescaled, or that you divide by 1 − p. The last one comes from libraries: their dropout argument is the drop probability (PyTorch's nn.Dropout(p), Keras's rate), while p here is the keep probability. Three significant figures are accepted.",
    questions: [
      {
        id: "dropout-kept-value",
        kind: "numeric",
        skills: ["dropout-scaling"],
        params: { h: { values: [1, 2, 3, 4, 6] }, p: { values: [0.6, 0.75, 0.8, 0.9] } },
        prompt: t`A hidden unit outputs $h = {{h}}$. Inverted dropout with keep probability $p = {{p}}$. If the unit is **kept**, what value $\tilde h$ is passed on? (3 significant figures are enough.)`,
        answer: "h/p",
        tolerance: { type: "sigfigs", value: 3 },
        mistakes: [
          { key: "multiplied-by-p", label: "Gave h·p (multiplied by p)", answer: "h*p", feedback: t`Inverted dropout divides by $p$ during training, so that the average output stays $h$. Multiplying by $p$ is the old rule applied at test time.` },
          { key: "no-rescale", label: "Gave h (no rescaling)", answer: "h", feedback: t`A kept unit is scaled up by $1/p$ to make up for the units that were dropped.` },
          { key: "divided-by-drop-rate", label: "Gave h/(1 − p) (divided by the drop rate)", answer: "h/(1 - p)", feedback: t`$1 - p$ is the probability of being **dropped**, which is the number libraries take (PyTorch's nn.Dropout(p), Keras's rate). Here $p$ is the keep probability, and a kept unit is divided by it: $h/p$.` },
        ],
        solution: t`$\tilde h = h/p = {{h}}/{{p}} = {{= h/p}}$.`,
      },
      {
        id: "dropout-expected-value",
        kind: "numeric",
        skills: ["dropout-scaling"],
        params: { h: { values: [1, 2, 3, 4, 6] }, p: { values: [0.6, 0.75, 0.8, 0.9] } },
        prompt: t`A unit outputs $h = {{h}}$, inverted dropout with keep probability $p = {{p}}$. What is the expected value $E[\tilde h]$ over the random mask?`,
        answer: "h",
        tolerance: { type: "rel", value: 2e-3 },
        mistakes: [
          { key: "kept-value", label: "Gave h/p (the kept value)", answer: "h/p", feedback: t`That is the value when the unit is kept, which happens only with probability $p$: $E[\tilde h] = p\cdot\frac{h}{p} + (1-p)\cdot 0 = h$.` },
          { key: "multiplied-by-p", label: "Gave h·p", answer: "h*p", feedback: t`The $1/p$ scaling cancels the keep probability: $E[\tilde h] = p \cdot h/p = h$.` },
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
    teacherNotes: "The answer is: nothing special, turn dropout off. Students who learned the original dropout paper's rule pick \"multiply by p\"; that rule belongs to non-inverted dropout, which does not rescale during training. Monte Carlo dropout (keep dropping, average many runs) is a real technique for uncertainty estimates, but it is not needed to get the right average.",
    questions: [
      {
        id: "dropout-test-time",
        kind: "single",
        skills: ["dropout-scaling"],
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
];
