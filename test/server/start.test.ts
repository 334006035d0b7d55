// `costbot serve` as a process: the start-up log lists every platform, mounted or off, exactly as
// the README shows it; a busy port or a bad variable is one line on stderr naming it, exit code 2.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "costbot-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Only what a newcomer has: no platform variables at all. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "silent", COSTBOT_PRICES_URL: "off" };
  return { ...env, DATABASE_URL: join(dir, `db-${Math.random().toString(36).slice(2)}.db`), ...extra };
}

/** Runs `costbot serve` from the sources; resolves with the first `lines` stdout lines, then stops it. */
function serveUntil(env: NodeJS.ProcessEnv, lines: number): Promise<{ out: string[]; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/adapters/cli/run.ts", "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.split("\n").length > lines) child.kill("SIGTERM");
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ out: out.split("\n").slice(0, lines), err, code }));
  });
}

describe("costbot serve", () => {
  it("lists every platform in the start-up log, as the README's example shows", async () => {
    const r = await serveUntil(cleanEnv({ PORT: "0" }), 7);
    expect(r.err).toBe("");
    const port = /127\.0\.0\.1:(\d+)/.exec(r.out[0])?.[1];
    expect(port).toBeDefined();
    const shown = r.out.map((line) => line.replaceAll(`:${port}`, ":3978").replace(/store: SQLite .*/, "store: SQLite ./data/costbot.db"));
    expect(shown.map((l) => l.trim().split(":")[0])).toEqual([
      "costbot is running at http",
      "cost source",
      "store",
      "Slack",
      "Teams",
      "Azure budget alerts",
      "Playground",
    ]);
    const readme = readFileSync("README.md", "utf8");
    const example = /The start-up log lists[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1].trimEnd().split("\n");
    // When a mount's wording changes, paste the new lines into the README's example.
    expect(example).toEqual(shown);
  });

  it("says in one line that the port is busy, naming PORT, and exits 2", async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await serveUntil(cleanEnv({ PORT: String(port) }), 1);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`costbot: port ${port} is already in use (PORT=${port}): stop the other process or set PORT to a free port\n`);
      expect(r.out.join("")).toBe("");
    } finally {
      busy.close();
    }
  });

  it.each([
    [{ PORT: "http" }, /^costbot: PORT must be a port number .*"http"\n$/],
    [{ COSTBOT_COST_TYPE: "list" }, /^costbot: COSTBOT_COST_TYPE must be actual or amortized.*\n$/],
    [{ LOG_LEVEL: "loud" }, /^costbot: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"\n$/],
    [
      { DATABASE_URL: "postgres://postgres@127.0.0.1:1/test" },
      /^costbot: cannot open the database postgres:\/\/postgres@127\.0\.0\.1:1\/test \(DATABASE_URL\): .*\n$/,
    ],
    // A folder that cannot be made (Node's recursive mkdir never returns under /proc).
    [
      { DATABASE_URL: "/proc/nope/x.db" },
      /^costbot: cannot open the database \/proc\/nope\/x\.db \(DATABASE_URL\): ENOENT: no such file or directory, mkdir '\/proc\/nope'\n$/,
    ],
  ])("refuses %o in one line naming the variable, exit 2", async (vars, line) => {
    const r = await serveUntil(cleanEnv({ PORT: "0", ...vars }), 1);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(line);
    expect(r.err.split("\n")).toHaveLength(2);
  });
});
