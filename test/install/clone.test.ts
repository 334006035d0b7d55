// A fresh clone, alone in a temporary folder (no sibling folders beside it): it builds, `npx costbot ask`
// answers from dist/, and a smoke subset of the suite passes there. node_modules is a symlink to this
// checkout's (same lockfile), to spare a multi-minute `npm ci`; everything else comes from git.
// Slow (a clone, a build and a vitest run): minutes on a busy machine.
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainEnv, REPO, run } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "costbot-clone-"));
const clone = join(dir, "costbot");

beforeAll(async () => {
  const cloned = await run("git", ["clone", "--quiet", "--no-hardlinks", REPO, clone], { cwd: dir });
  expect(cloned.code, cloned.err).toBe(0);
  symlinkSync(join(REPO, "node_modules"), join(clone, "node_modules"), "dir");
  // What `npm ci` runs after installing: the `prepare` script, which builds dist/.
  const built = await run("npm", ["run", "prepare", "--silent"], { cwd: clone });
  expect(built.code, built.out + built.err).toBe(0);
}, 600_000);

// Deleting an installed tree takes minutes on a busy machine.
afterAll(() => rm(dir, { recursive: true, force: true }), 600_000);

describe("a fresh clone", () => {
  it("has nothing beside it", () => {
    expect(existsSync(join(dir, "shared"))).toBe(false);
    expect(existsSync(join(clone, "dist", "adapters", "cli", "run.js"))).toBe(true);
  });

  it("answers `npx costbot ask` from the compiled build", async () => {
    const r = await run("npx", ["--offline", "costbot", "ask", "--source", "examples/focus-1.2-2025-11.csv", "2025-11 by channel"], {
      cwd: clone,
      env: plainEnv(),
    });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\$45\.14/);
  });

  it("passes a smoke subset of the suite: fixtures, README commands, architecture, store", async () => {
    const files = ["test/architecture.test.ts", "test/e2e/readme.test.ts", "test/cost/classify.test.ts", "test/store/open.test.ts"];
    const args = ["vitest", "run", "--reporter=dot", "--testTimeout=120000", ...files];
    const r = await run("npx", args, { cwd: clone, env: plainEnv({ CI: "" }) });
    expect(r.code, r.out.slice(-3000) + r.err.slice(-3000)).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes vitest prints
    const plain = r.out.replace(/\x1b\[[0-9;]*m/g, "");
    expect(plain).toMatch(/Test Files\s+4 passed \(4\)/);
  }, 600_000);
});
