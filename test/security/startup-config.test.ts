// Configuration errors at start (issue 11, point 10): `costbot serve` with a Slack token that Slack
// refuses (auth.test: invalid_auth) exits 2 with one line naming SLACK_BOT_TOKEN, no stack trace.
// Runs the CLI entry (src/adapters/cli/run.ts, what bin/costbot.js runs compiled) as a child process
// against the fake Slack Web API.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const RUN = fileURLToPath(new URL("../../src/adapters/cli/run.ts", import.meta.url));
let slack: FakeSlack;
beforeEach(async () => {
  slack = await startFakeSlack({ botToken: "xoxb-the-right-one" });
});
afterEach(() => slack.close());

function serve(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", RUN, "serve"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", DATABASE_URL: ":memory:", COSTBOT_PLAYGROUND: "off", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("error", reject);
    // A server that started would never exit by itself: stop it so the test fails instead of hanging.
    child.stdout.on("data", () => {
      if (/costbot is running/.test(out)) child.kill("SIGTERM");
    });
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("costbot serve with a Slack token Slack refuses", () => {
  it("exits 2 with one line naming SLACK_BOT_TOKEN and no stack trace", async () => {
    const { code, out } = await serve({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-wrong", SLACK_API_URL: slack.apiUrl });
    expect(slack.callsTo("auth.test")).toHaveLength(1);
    expect(code).toBe(2);
    const lines = out.split("\n").filter((l) => l.trim());
    expect(lines.filter((l) => /SLACK_BOT_TOKEN/.test(l))).toHaveLength(1);
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain("xoxb-wrong");
  });

  it("starts with the right token (the same command, so the check above is about the token)", async () => {
    const { out } = await serve({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-the-right-one", SLACK_API_URL: slack.apiUrl });
    expect(out).toMatch(/costbot is running/);
    expect(out).toMatch(/Slack at POST \/slack\/events/);
  });
});
