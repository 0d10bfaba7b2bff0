/**
 * `npm run image:check [-- --dockerfile PATH] [--keep]`: replay the Dockerfile without Docker
 * (see replay.ts), print each step's time, then start the image's CMD on PGlite and check
 * /healthz, the landing page and a student joining. Exit code 0 when all of that works.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { removeReplay, replayDockerfile } from "./replay.ts";
import { checkRunningImage, startImage } from "./smoke.ts";

const context = fileURLToPath(new URL("../../../..", import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--dockerfile");
const dockerfile = at >= 0 ? resolve(args[at + 1]) : join(context, "Dockerfile");
const dir = mkdtempSync(join(tmpdir(), "livelab-image-"));
const t0 = Date.now();
try {
  const image = await replayDockerfile({ context, dockerfile, dir, log: (l) => console.log(`image: ${l}`) });
  for (const t of image.timings) if (t.ms > 500) console.log(`image: ${(t.ms / 1000).toFixed(1)} s  ${t.step}`);
  const running = await startImage(image, {});
  try {
    console.log(await checkRunningImage(running.url, image));
  } finally {
    await running.stop();
  }
  console.log(`image: replayed and checked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`image: FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s\n${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  if (!args.includes("--keep")) removeReplay(dir);
  else console.log(`image: kept ${dir}`);
}
