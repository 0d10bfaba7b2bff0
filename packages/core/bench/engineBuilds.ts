/**
 * Two builds of the same engine for a same-run comparison: as shipped (deterministic tanh), and
 * with `detTanh` replaced by the JavaScript engine's own `Math.tanh` — the price of bit-identical
 * results is the difference. Bundled by esbuild into a temporary folder and imported.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

import type * as EngineModule from "../src/sim/index.ts";

type Engine = typeof EngineModule;

const entry = fileURLToPath(new URL("../src/sim/index.ts", import.meta.url));

/** Rewrites math/tanh.ts so `detTanh` calls Math.tanh (everything else untouched). */
const nativeTanh: Plugin = {
  name: "native-tanh",
  setup(b) {
    b.onLoad({ filter: /[\\/]math[\\/]tanh\.ts$/ }, (args) => {
      const src = readFileSync(args.path, "utf8");
      if (!src.includes("export function detTanh(")) throw new Error("bench: detTanh not found in math/tanh.ts");
      return {
        contents: src.replace("export function detTanh(", "function detTanhDeterministic(") +
          "\nexport function detTanh(x: number): number { return Math.tanh(x); }\nvoid detTanhDeterministic;\n",
        loader: "ts",
      };
    });
  },
};

export async function buildEngines(): Promise<{ deterministic: Engine; nativeTanh: Engine; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "livelab-bench-"));
  const bundle = async (name: string, plugins: Plugin[]) => {
    const r = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", write: false, plugins, logLevel: "warning" });
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, r.outputFiles[0].text);
    return (await import(pathToFileURL(file).href)) as Engine;
  };
  return {
    deterministic: await bundle("deterministic", []),
    nativeTanh: await bundle("native-tanh", [nativeTanh]),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
