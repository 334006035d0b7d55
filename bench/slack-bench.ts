// Slack under load: signed `/cost` slash commands at N concurrent connections for D seconds (autocannon)
// against a server in a child process (demo data, warm cache); we measure the ack (HTTP 200) latency
// and the time until each answer reaches its response_url.
// Run: npx tsx bench/slack-bench.ts [--connections 50] [--seconds 20] [--rate <req/s>] [--cpu-prof]
// (--rate caps the offered load; --cpu-prof writes the server's CPU profile to bench/out/).
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createBot } from "../src/bot/bot.js";
import { loadConfig } from "../src/config.js";
import { createCostSource } from "../src/cost/sources/index.js";
import { silentLogger } from "../src/log.js";
import { mountSlack } from "../src/adapters/slack/mount.js";
import { signedHeaders } from "../src/adapters/slack/verify.js";
import { startApp } from "../src/server/app.js";
import { slashCommandBody, startFakeSlack } from "../test/fakes/slack-api.js";

// autocannon ships no types; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-bench-token";
const QUESTIONS = ["this week", "last month by model", "yesterday by channel", "this month by day", "last 7 days gpt-4o"];
const USERS = 20;

async function server(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: "0", SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN });
  // Built as the server builds it (createServices): the one cache in front of the source.
  const bot = createBot({ costSource: await createCostSource("demo"), tz: "UTC" });
  const app = await startApp({ config, bot, logger: silentLogger, sourceName: "demo data" }, [mountSlack], 0);
  process.send!({ port: app.port });
  // CPU used so far, on request: the parent diffs it around the measured window.
  process.on("message", (m) => {
    if ((m as { cmd?: string }).cmd === "cpu") process.send!({ cpu: process.cpuUsage() });
  });
  // A clean exit (not a kill) so --cpu-prof and friends can write their output.
  process.once("disconnect", () => void app.close().then(() => process.exit(0)));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** `rate` > 0 caps the offered load (requests/s over all connections); 0 = as fast as acks return. */
async function load(connections: number, seconds: number, rate: number): Promise<void> {
  const slack = await startFakeSlack({ botToken: TOKEN });
  const child = fork(fileURLToPath(import.meta.url), ["--server"], {
    execArgv: ["--import", "tsx", ...(process.argv.includes("--cpu-prof") ? ["--cpu-prof", "--cpu-prof-dir=bench/out"] : [])],
    env: { ...process.env, SLACK_API_URL: slack.apiUrl, HOST: "127.0.0.1" },
  });
  const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve((m as { port: number }).port)));
  const serverCpuMs = () =>
    new Promise<number>((resolve) => {
      child.once("message", (m) => {
        const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
        resolve((user + system) / 1000);
      });
      child.send({ cmd: "cpu" });
    });
  const url = `http://127.0.0.1:${port}/slack/events`;

  // Each request names its own response_url, so every answer is matched to the command that asked.
  const sentAt = new Map<string, number>();
  const replyMs: number[] = [];
  slack.onHook = (hook) => {
    const t0 = sentAt.get(hook.id);
    if (t0 !== undefined) replyMs.push(performance.now() - t0);
    sentAt.delete(hook.id);
    slack.hooks.length = 0; // keep memory flat over a long run
  };
  let seq = 0;
  const command = () => {
    const n = seq++;
    const id = `r${n}`;
    const body = slashCommandBody({
      text: QUESTIONS[n % QUESTIONS.length],
      userId: `U0BENCH${n % USERS}`,
      responseUrl: slack.responseUrl(id),
    });
    return { id, body, headers: { "content-type": "application/x-www-form-urlencoded", ...signedHeaders(SECRET, body) } };
  };

  // Warm-up: each question and user once, so the demo data, caches and zone lookups are warm.
  for (let i = 0; i < Math.max(QUESTIONS.length, USERS); i++) {
    const c = command();
    sentAt.set(c.id, performance.now());
    await fetch(url, { method: "POST", headers: c.headers, body: c.body });
  }
  await slack.waitFor(() => sentAt.size === 0, 20_000);
  replyMs.length = 0;

  const cpuBefore = await serverCpuMs();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(rate > 0 ? { overallRate: rate } : {}),
    requests: [
      {
        method: "POST",
        setupRequest: (req: Record<string, unknown>) => {
          const c = command();
          sentAt.set(c.id, performance.now());
          return { ...req, body: c.body, headers: c.headers };
        },
      },
    ],
  });
  // Answers still in flight when the clock stopped.
  await slack.waitFor(() => sentAt.size === 0, 10_000).catch(() => undefined);
  const cpuPerRequest = ((await serverCpuMs()) - cpuBefore) / Math.max(1, result.requests.total);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.disconnect();
  await exited;
  await slack.close();

  const summary = {
    connections,
    seconds,
    offeredRate: rate > 0 ? rate : "unlimited",
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ackMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    responseUrlMs: { count: replyMs.length, p50: pct(replyMs, 50), p99: pct(replyMs, 99), max: Math.max(...replyMs) },
    unanswered: sentAt.size,
    // Depends far less on what else the machine runs than the latencies do.
    serverCpuMsPerRequest: Number(cpuPerRequest.toFixed(2)),
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `\nack p50 ${ms(summary.ackMs.p50)}, p99 ${ms(summary.ackMs.p99)} (target ≤ 50 ms); ` +
      `response_url p50 ${ms(summary.responseUrlMs.p50)}, p99 ${ms(summary.responseUrlMs.p99)} (target ≤ 200 ms); ` +
      `${summary.requests} requests, ${summary.requestsPerSecond}/s, non-2xx ${summary.non2xx}, unanswered ${summary.unanswered}; ` +
      `server CPU ${summary.serverCpuMsPerRequest} ms/request; load average ${loadavg()[0].toFixed(1)}`,
  );
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
if (process.argv.includes("--server")) await server();
else await load(arg("connections", 50), arg("seconds", 20), arg("rate", 0));
