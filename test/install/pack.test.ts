// The package as a user installs it: `npm pack`, then `npm install --omit=dev` of the tarball into an
// empty folder, `NODE_ENV=production npx costbot serve` answers /healthz and `npx costbot ask` answers,
// with no TypeScript toolchain installed. Slow (a build and an install): minutes on a busy machine.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainEnv, REPO, run, startServer, stop } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "costbot-pack-"));
const app = join(dir, "app");
const installed = join(app, "node_modules");

beforeAll(async () => {
  // `npm pack` runs `prepare`, which builds dist/ from the sources first.
  const packed = await run("npm", ["pack", "--pack-destination", dir, "--silent"], { cwd: REPO });
  expect(packed.code, packed.err).toBe(0);
  const tarball = readdirSync(dir).find((f) => /^costbot-.*\.tgz$/.test(f));
  expect(tarball).toBeDefined();
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "costbot-install-check", private: true }));
  // Offline from npm's cache (filled by the repository's `npm ci`). Install scripts are skipped: the
  // only one of the production tree is better-sqlite3's compile (minutes here), so its binary is copied
  // from the repository's own build of the same version instead.
  const install = await run(
    "npm",
    ["install", "--omit=dev", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", join(dir, tarball!)],
    { cwd: app },
  );
  expect(install.code, install.err).toBe(0);
  const version = (p: string) => JSON.parse(readFileSync(join(p, "better-sqlite3", "package.json"), "utf8")).version;
  expect(version(installed)).toBe(version(join(REPO, "node_modules")));
  cpSync(join(REPO, "node_modules", "better-sqlite3", "build"), join(installed, "better-sqlite3", "build"), { recursive: true });
}, 600_000);

// Deleting an installed tree takes minutes on a busy machine.
afterAll(() => rm(dir, { recursive: true, force: true }), 600_000);

describe("npm pack, installed with --omit=dev", () => {
  it("holds compiled JavaScript and no TypeScript toolchain", () => {
    const pkg = join(installed, "costbot");
    expect(existsSync(join(pkg, "dist", "adapters", "cli", "run.js"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "adapters", "web", "static", "index.html"))).toBe(true);
    expect(existsSync(join(pkg, "src"))).toBe(false);
    for (const tool of ["tsx", "typescript", "esbuild"]) expect(existsSync(join(installed, tool)), tool).toBe(false);
  });

  it("serves /healthz under NODE_ENV=production", async () => {
    const env = plainEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" });
    const { base, child } = await startServer("npx", ["--offline", "costbot", "serve"], { cwd: app, env });
    try {
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.ok).toBe(true);
      expect(JSON.stringify(body)).toContain("demo data");
    } finally {
      await stop(child);
    }
  });

  it('answers `npx costbot ask "this week"`', async () => {
    const r = await run("npx", ["--offline", "costbot", "ask", "this week"], { cwd: app, env: plainEnv() });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^AI model spend · This week/);
    expect(r.out).toMatch(/Marketplace/);
  });
});
