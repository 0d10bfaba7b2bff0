#!/usr/bin/env node
// The `livelab` command. Core is TypeScript source (no build step), so load it through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
