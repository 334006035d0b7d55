// Teams under load: N concurrent users post message activities to /api/messages of a server running
// in a child process (local mode, demo data) for D seconds; we time each reply's arrival at the fake
// Bot Connector. Run: npx tsx bench/teams-bench.ts [--users 50] [--seconds 20]
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createBot } from "../src/bot/bot.js";
import { loadConfig } from "../src/config.js";
import { createCostSource } from "../src/cost/sources/index.js";
import { silentLogger } from "../src/log.js";
import { mountTeams } from "../src/adapters/teams/mount.js";
import { startApp } from "../src/server/app.js";
import { personalMessage, startFakeBotConnector, type ConnectorCall } from "../test/fakes/bot-connector.js";

const QUESTIONS = ["this week", "last month by model", "yesterday by channel", "this month by day", "last 7 days gpt-4o"];

async function server(): Promise<void> {
  const config = { ...loadConfig({}), host: "127.0.0.1" };
  // Built as the server builds it (createServices): the one cache in front of the source.
  const bot = createBot({ costSource: await createCostSource("demo"), tz: "UTC" });
  const app = await startApp({ config, bot, logger: silentLogger, sourceName: "demo data" }, [mountTeams], 0);
  process.once("SIGINT", () => void app.close().then(() => process.exit(0)));
  // BENCH_PROF=file.cpuprofile: profile the measured window only (after warm-up), not start-up.
  const session = process.env.BENCH_PROF ? new (await import("node:inspector")).Session() : null;
  session?.connect();
  let cpuAtStart = process.cpuUsage();
  process.on("message", (m) => {
    if (m === "window-start") {
      cpuAtStart = process.cpuUsage();
      session?.post("Profiler.enable", () => session.post("Profiler.start"));
    }
    if (m === "window-stop") {
      const used = process.cpuUsage(cpuAtStart);
      const cpuMs = (used.user + used.system) / 1000;
      if (!session) return void process.send!({ cpuMs });
      session.post("Profiler.stop", (_err, { profile }) => {
        writeFileSync(process.env.BENCH_PROF!, JSON.stringify(profile));
        process.send!({ cpuMs });
      });
    }
  });
  process.send!({ port: app.port });
}

async function load(users: number, seconds: number): Promise<void> {
  const connector = await startFakeBotConnector();
  const child = fork(fileURLToPath(import.meta.url), ["--server"], { execArgv: ["--import", "tsx"] });
  const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve((m as { port: number }).port)));
  const url = `http://127.0.0.1:${port}/api/messages`;

  // Each user has its own conversation, so a reply is matched to the request that caused it.
  const pending = new Map<string, (call: ConnectorCall) => void>();
  connector.onCall = (call) => pending.get(call.conversationId)?.(call);
  connector.calls.length = 0;

  const ask = async (user: number, i: number): Promise<{ reply: number; http: number; t0: number }> => {
    const conversationId = `a:bench-user-${user}`;
    const activity = personalMessage(connector.url, QUESTIONS[(user + i) % QUESTIONS.length], conversationId);
    const arrived = new Promise<ConnectorCall>((resolve) => pending.set(conversationId, resolve));
    const t0 = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    await res.arrayBuffer();
    const http = performance.now() - t0;
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    const call = await arrived;
    connector.calls.length = 0; // the bench does not need the history; keep memory flat
    return { reply: call.at - t0, http, t0 };
  };

  // Warm-up: the first answer per question builds the demo data and caches; then one concurrent
  // round per user opens the connections and warms the JIT, so the window measures steady state.
  for (let q = 0; q < QUESTIONS.length; q++) await ask(q, 0);
  for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: users }, (_, u) => ask(u, round)));
  child.send("window-start");

  const replies: number[] = [];
  const https: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let i = 0; performance.now() < until; i++) {
        try {
          const r = await ask(user, i);
          replies.push(r.reply);
          https.push(r.http);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  child.send("window-stop");
  const { cpuMs } = await new Promise<{ cpuMs: number }>((resolve) => child.once("message", (m) => resolve(m as { cpuMs: number })));
  child.kill("SIGINT");
  await connector.close();

  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  };
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`teams-bench: ${users} concurrent users, ${elapsed.toFixed(1)} s, local mode, demo data`);
  console.log(`  replies: ${replies.length} (${(replies.length / elapsed).toFixed(0)}/s), errors: ${errors}`);
  console.log(
    `  reply at connector  p50 ${ms(pct(replies, 50))}  p90 ${ms(pct(replies, 90))}  p99 ${ms(pct(replies, 99))}  max ${ms(pct(replies, 100))}`,
  );
  console.log(`  HTTP 200 to channel p50 ${ms(pct(https, 50))}  p99 ${ms(pct(https, 99))}`);
  console.log(
    `  server CPU per reply ${ms(cpuMs / replies.length)} (server process used ${((cpuMs / 1000 / elapsed) * 100).toFixed(0)}% of one core)`,
  );
  const p99 = pct(replies, 99);
  console.log(`  target p99 <= 200 ms: ${p99 <= 200 ? "met" : "NOT met"}`);
}

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
if (argv.includes("--server")) await server();
else await load(opt("--users", 50), opt("--seconds", 20));
