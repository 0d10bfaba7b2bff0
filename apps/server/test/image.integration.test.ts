/**
 * The Docker image, without Docker: the Dockerfile is replayed step by step in a temporary
 * folder (test/image/replay.ts), then its CMD runs against a fresh PostgreSQL database
 * (PGlite in the image's data folder when TEST_DATABASE_URL is not set) and must serve
 * /healthz, the landing page, its own HEALTHCHECK and a student joining a class.
 * The first release's Dockerfile (fixtures/) failed exactly here: `next build` could not
 * resolve katex, qrcode, socket.io-client and uplot, because apps/web's manifest was not
 * copied before `npm ci`. `npm run image:check -- --dockerfile <file>` replays any Dockerfile.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { manifestsMissingBeforeInstall, readDockerfile } from "./image/dockerfile.ts";
import { removeReplay, replayDockerfile, type ImageRun } from "./image/replay.ts";
import { checkRunningImage, startImage } from "./image/smoke.ts";
import { testDatabase, type TestDatabase } from "./helpers.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./image/fixtures/${name}`, import.meta.url)), "utf8");

/** Every workspace's package.json, from the root manifest's workspace folders. */
function workspaceManifests(): string[] {
  const globs = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
  return globs.flatMap((g) => {
    const parent = g.replace(/\/\*$/, "");
    return readdirSync(join(root, parent)).map((d) => `${parent}/${d}/package.json`).filter((m) => existsSync(join(root, m)));
  }).sort();
}

describe("Dockerfile", () => {
  it("copies every workspace manifest before the first npm ci (the first release's did not)", () => {
    expect(workspaceManifests()).toContain("apps/web/package.json");
    expect(manifestsMissingBeforeInstall(readDockerfile(fixture("Dockerfile.first-release")), workspaceManifests())).toEqual(["apps/web/package.json"]);
    expect(manifestsMissingBeforeInstall(readDockerfile(readFileSync(join(root, "Dockerfile"), "utf8")), workspaceManifests())).toEqual([]);
  });

  it("runs the server as a non-root user, with a CMD that does not build", () => {
    const steps = readDockerfile(readFileSync(join(root, "Dockerfile"), "utf8"));
    const lastFrom = steps.map((s) => s.kind).lastIndexOf("from");
    const runtime = steps.slice(lastFrom);
    const user = runtime.filter((s) => s.kind === "user").at(-1);
    expect(user && user.kind === "user" && !["root", "0"].includes(user.user)).toBe(true);
    const cmd = runtime.find((s) => s.kind === "cmd");
    expect(cmd?.kind === "cmd" && cmd.argv.join(" ")).not.toMatch(/build|npm start/);
  });

  describe("replayed without Docker", () => {
    const dir = mkdtempSync(join(tmpdir(), "livelab-image-"));
    const firstRelease = mkdtempSync(join(tmpdir(), "livelab-image-first-"));
    let tdb: TestDatabase | null = null;
    afterAll(async () => {
      removeReplay(dir);
      removeReplay(firstRelease);
      await tdb?.drop();
    });

    it("fails on the first release's Dockerfile, where the web app's dependencies were never installed", async () => {
      const dockerfile = fileURLToPath(new URL("./image/fixtures/Dockerfile.first-release", import.meta.url));
      const error = await replayDockerfile({ context: root, dockerfile, dir: firstRelease }).then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(/Dockerfile line 16 RUN failed/);
      expect(error?.message).toMatch(/Can't resolve '(katex|qrcode|socket\.io-client|uplot)/);
    }, 600_000);

    it("builds, and its CMD serves /healthz, the landing page and a student joining", async () => {
      const t0 = Date.now();
      const image: ImageRun = await replayDockerfile({ context: root, dir });
      const built = Date.now() - t0;
      const env: Record<string, string> = {};
      if (process.env.TEST_DATABASE_URL) {
        tdb = await testDatabase("postgres");
        env.DATABASE_URL = (tdb.location as { url: string }).url;
      }
      const running = await startImage(image, env);
      try {
        const summary = await checkRunningImage(running.url, image);
        expect(summary).toContain(process.env.TEST_DATABASE_URL ? "(postgres)" : "(pglite)");
        console.log(`${summary}; replay ${(built / 1000).toFixed(1)} s (${image.timings.filter((t) => t.ms > 1000).map((t) => `${t.step.trim()}: ${(t.ms / 1000).toFixed(1)} s`).join("; ")})`);
      } finally {
        await running.stop();
      }
    }, 600_000);
  });
});
