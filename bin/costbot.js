#!/usr/bin/env node
// Entry point for `npx costbot` and `npm start`. `costbot ask` runs from the compiled dist/ when
// that build is newer than every file in src/ (it saves the TypeScript loader's ~1.5 s of CPU per
// question); anything else, or a stale or missing build, runs the sources through tsx.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  const stamp = join(root, "dist", ".built");
  return existsSync(stamp) && newestIn(join(root, "src")) <= statSync(stamp).mtimeMs;
}

let main;
if (args[0] === "ask" && buildIsFresh()) {
  ({ main } = await import("../dist/adapters/cli/main.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/adapters/cli/main.ts"));
}
process.exitCode = await main(args);
