/**
 * `npm run bench:phone [-- --json] [-- --seconds 12] [-- --rates 1,6] [-- --speeds 1,4]` — does a
 * slow phone keep up with the class? A real server, the teacher's console, the projector
 * (1920×1080) and one phone (390×844) whose CPU Chromium slows down (DevTools'
 * Emulation.setCPUThrottlingRate; 6 ≈ a low-end phone against this machine). For the two network
 * presets (dropout-moons, adam-vs-adamw: decision boundaries drawn), played at each speed (1x is
 * what a class watches; 4x the stress case), every 200 ms it reads on both screens the step the
 * page computed and the step the class's clock asked for (window.__livelabLockstep), and reports
 * how far each fell behind, and the phone's frame intervals. Goal: the phone within 5 steps of the projector.
 *
 * A benchmark, not a test: on a shared 2-core machine where the server, three pages and the
 * generator all compete, its numbers move with the load (see docs/BENCHMARKS.md).
 */
import { spawnSync } from "node:child_process";
import { argv, execPath } from "node:process";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { joinOnPhone, launchChromium, shotOf, signUpTeacher, startLiveLab } from "../e2e/support.ts";

const json = argv.includes("--json");
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const seconds = Number(arg("--seconds", "12"));
const rates = arg("--rates", "1,6").split(",").map(Number);
const speeds = arg("--speeds", "1,4").split(",").map(Number) as (1 | 4 | 0.25)[];
const ACTIVITIES = [
  { preset: "dropout-moons", title: /^13\. Dropout/ },
  { preset: "adam-vs-adamw", title: /^16\. Adam/ },
];

const log = (...a: unknown[]) => {
  if (!json) console.log(...a);
};

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function probe(page: Page): Promise<{ step: number; target: number } | null> {
  return page.evaluate(() => window.__livelabLockstep ?? null);
}

// Build the web app when its sources changed (the same helper `npm start` and the web tests use).
const ensureBuild = fileURLToPath(new URL("../../../scripts/ensure-web-build.mjs", import.meta.url));
const built = spawnSync(execPath, ["--input-type=module", "-e", `import { ensureWebBuild } from ${JSON.stringify(ensureBuild)}; process.exit(ensureWebBuild());`], { stdio: "inherit" });
if (built.status !== 0) throw new Error("the web app did not build");
const server = await startLiveLab();
const browser = await launchChromium();
const results: Record<string, unknown>[] = [];
try {
  const teacherCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const teacher = await teacherCtx.newPage();
  await signUpTeacher(teacher, server.url);
  await teacher.getByRole("button", { name: "Start a session" }).click();
  await teacher.waitForURL(/\/teach\/[\w-]+$/);
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();
  const projectorCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, storageState: await teacherCtx.storageState() });
  const projector = await projectorCtx.newPage();
  await projector.goto(teacher.url().replace("/teach/", "/projector/"));
  await projector.getByTestId("projector-code").waitFor();
  const phone = await joinOnPhone(browser, server.url, code, "Slow phone");
  const cdp = await phone.ctx.newCDPSession(phone.page);
  const nav = teacher.getByRole("navigation", { name: "activities" });

  for (const rate of rates) for (const speed of speeds) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    for (const a of ACTIVITIES) {
      await nav.getByRole("button", { name: a.title }).click();
      await phone.page.locator("section.sim canvas.square").first().waitFor();
      await teacher.getByRole("button", { name: `${speed}×`, exact: true }).click();
      await teacher.getByRole("button", { name: "⟲ Reset" }).click();
      await teacher.getByRole("button", { name: "▶ Play" }).click();
      await new Promise((r) => setTimeout(r, 2000)); // the first frames build the simulation
      // The phone's frame times over the measured seconds: intervals between animation frames.
      // (A string: tsx would wrap a named inner function in a helper the page does not have.)
      await phone.page.evaluate(`(() => {
        window.__frames = [];
        window.__frameStop = false;
        let last = performance.now();
        const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__frameStop) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      })()`);
      const phoneBehind: number[] = [];
      const projectorBehind: number[] = [];
      const gap: number[] = [];
      const until = Date.now() + seconds * 1000;
      while (Date.now() < until) {
        const [pr, ph] = await Promise.all([probe(projector), probe(phone.page)]);
        if (pr && ph) {
          projectorBehind.push(pr.target - pr.step);
          phoneBehind.push(ph.target - ph.step);
          gap.push(ph.target - ph.step - (pr.target - pr.step));
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      const frames = await phone.page.evaluate(() => {
        const w = window as unknown as { __frames: number[]; __frameStop: boolean };
        w.__frameStop = true;
        return w.__frames.slice(1);
      });
      await teacher.getByRole("button", { name: "❚❚ Pause" }).click();
      if (rate === Math.max(...rates)) await shotOf(phone.page.locator("section.sim"), `phone-throttled-${a.preset}-${speed}x`);
      const row = {
        preset: a.preset,
        speed,
        cpuThrottle: rate,
        samples: gap.length,
        phoneBehind: { median: percentile(phoneBehind, 50), p95: percentile(phoneBehind, 95), max: Math.max(...phoneBehind) },
        projectorBehind: { median: percentile(projectorBehind, 50), p95: percentile(projectorBehind, 95), max: Math.max(...projectorBehind) },
        phoneMinusProjector: { median: percentile(gap, 50), p95: percentile(gap, 95), max: Math.max(...gap) },
        phoneFrameMs: { median: Math.round(percentile(frames, 50)), p95: Math.round(percentile(frames, 95)), max: Math.round(Math.max(...frames)), frames: frames.length },
      };
      results.push(argv.includes("--series") ? { ...row, phoneSeries: phoneBehind } : row);
      log(`${a.preset} at ${speed}x, phone CPU ÷${rate}: phone behind the clock median ${row.phoneBehind.median} / p95 ${row.phoneBehind.p95} / max ${row.phoneBehind.max} steps; projector ${row.projectorBehind.median} / ${row.projectorBehind.p95} / ${row.projectorBehind.max}; phone − projector p95 ${row.phoneMinusProjector.p95}, max ${row.phoneMinusProjector.max} (goal ≤ 5); phone frames ${row.phoneFrameMs.median} / ${row.phoneFrameMs.p95} / ${row.phoneFrameMs.max} ms`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
if (json) console.log(JSON.stringify({ seconds, results }));
