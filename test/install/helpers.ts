// Shared by the slow install tests: run a command to completion, and start `costbot serve` until
// its start-up line names the port. Processes only; nothing here knows costbot's internals.
import { spawn, type ChildProcess } from "node:child_process";

export const REPO = new URL("../../", import.meta.url).pathname;

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a command (no shell) and resolves when it exits; never rejects on a non-zero exit. */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Starts `cmd args` (a `costbot serve`) and resolves with its base URL once the start-up line is out. */
export function startServer(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ base: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // Its own process group: npx does not pass SIGTERM on to the server it starts, so stop() signals the group.
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /costbot is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ base: m[1], child });
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`costbot serve exited (${code}) before listening:\n${out}\n${err}`)));
  });
}

/** Stops a started server (its whole process group) and waits for it to exit. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("close");
    child.once("close", () => resolve());
    process.kill(-child.pid!, "SIGTERM");
  });
}

/** The environment of a fresh shell: no test or platform variables leak into the child. */
export function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "npm_config_cache"];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k];
  return { ...env, ...extra };
}
