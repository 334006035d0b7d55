#!/usr/bin/env node
// Entry point for `npx costbot` and `npm start`: runs the compiled build in dist/ (no TypeScript at run
// time). The packed package ships dist/; in a clone, `npm ci` or `npm run build` makes it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/adapters/cli/run.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("costbot: no compiled build in dist/: run `npm run build` (or `npm run dev` to run the sources)\n");
  process.exit(2);
}
await import(entry.href);
