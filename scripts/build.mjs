// `npm run build`: compiles src/ to dist/ with tsc and copies the playground's static files beside
// the compiled code. With --if-typescript (npm's `prepare`), skips with one line when TypeScript is
// absent, as in `npm ci --omit=dev` in a clone, instead of failing the install.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// An installed package ships dist/ and no sources: nothing to build.
if (!existsSync(new URL("../src", import.meta.url))) process.exit(0);
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  if (process.argv.includes("--if-typescript")) {
    console.log(
      "costbot: TypeScript is not installed (dev dependencies omitted), so dist/ was not built; run `npm ci` then `npm run build` to build it",
    );
    process.exit(0);
  }
  console.error("costbot: TypeScript is not installed: run `npm ci` (with dev dependencies) first");
  process.exit(1);
}
// A clean dist/, so files of deleted sources are never packed.
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);
cpSync(new URL("../src/adapters/web/static", import.meta.url), new URL("../dist/adapters/web/static", import.meta.url), { recursive: true });
