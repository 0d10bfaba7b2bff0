import { PRESETS } from "@livelab/core/sim";
import type { Io } from "../options.ts";

/** `livelab presets [--json]`: every simulation preset with its parameters. */
export function presetsCommand(args: string[], io: Io): number {
  if (args.includes("--json")) {
    io.out(JSON.stringify(PRESETS.map((p) => ({ id: p.id, title: p.title, summary: p.summary, params: p.params, lanes: p.lanes.map((l) => l.id), playback: p.playback, linear: p.linear }))));
    return 0;
  }
  for (const p of PRESETS) {
    io.out(`${p.id} — ${p.title}${p.lanes.length > 1 ? ` (lanes: ${p.lanes.map((l) => l.id).join(", ")})` : ""}`);
    for (const [name, def] of Object.entries(p.params)) {
      const range = def.type === "enum" ? def.values.join("|") : `${def.min}…${def.max}`;
      io.out(`    ${name.padEnd(12)} ${String(def.default).padEnd(12)} ${range.padEnd(22)} ${def.live ? "live" : "    "}  ${def.label}`);
    }
  }
  return 0;
}
