#!/usr/bin/env node
// The `livelab` command. Core is TypeScript source (no build step), so load it through tsx.
import { register } from "tsx/esm/api";

register();
// A closed pipe (`livelab sim … | head`) is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
