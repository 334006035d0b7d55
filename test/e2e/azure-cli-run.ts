// Runs `costbot ask --source azure` as a child process against a fake ARM, clock pinned to
// 2025-11-27 09:00 UTC; returns the exit code and both streams instead of throwing.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function askAzure(armUrl: string, scopes: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const env = { ...process.env, COSTBOT_SCOPES: scopes, AZURE_RESOURCE_MANAGER_URL: armUrl, COSTBOT_AZURE_TOKEN: "test-token", ...extraEnv };
  const argv = ["--import", "tsx", "src/adapters/cli/run.ts", "ask", "--source", "azure", "--now", "2025-11-27T09:00:00Z", ...args];
  try {
    const r = await run(process.execPath, argv, { env });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}
