// Benchmark of the Azure usage-metrics source: 100 AI accounts × 20 deployments against the fake
// ARM + Azure Monitor (test/fakes/azure-monitor.ts, same process): HTTP requests per refresh
// (discovery, metric batches), wall time and heap of a refresh, and `today` latency with a warm
// cache; then the reconciliation of estimates with the bill (demo cost + demo metrics, which agree
// the way real ones do), recorded once into a SQLite store and read back by `help accuracy`.
// Run: npx tsx bench/metrics-bench.ts   (add --expose-gc via NODE_OPTIONS for heap figures)
// Bench-only: must not be imported by src/.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkEstimates } from "../src/bot/accuracy-checks.js";
import { createBot } from "../src/bot/bot.js";
import { createAccuracyCommand } from "../src/bot/commands/accuracy.js";
import type { NoticeReport } from "../src/bot/report.js";
import { createDemoMetricsSource } from "../src/cost/metrics/demo.js";
import { dayAccuracy } from "../src/cost/metrics/reconcile.js";
import { createAzureMetricsSource } from "../src/cost/sources/azure/metrics/index.js";
import { createDemoCostSource } from "../src/cost/sources/demo.js";
import { openStore } from "../src/store/open.js";
import { startMonitorFake, type FakeAccount, type FakePoint } from "../test/fakes/azure-monitor.js";

const NOW = new Date("2026-11-27T15:00:00Z");
const SUB = "00000000-0000-4000-8000-0000000000b1";
const MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "deepseek-r1"];
const ACCOUNTS = 100;
const DEPLOYMENTS = 20;
const DAYS = 35;
const credential = { getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3600_000 }) };
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => (gc?.(), process.memoryUsage().heapUsed / 2 ** 20);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

const accounts: FakeAccount[] = Array.from({ length: ACCOUNTS }, (_, a) => ({
  sub: SUB,
  rg: `rg-${a % 10}`,
  name: `ai-${a}`,
  kind: a % 2 ? "AIServices" : "OpenAI",
  location: a < 60 ? "eastus" : "westus",
  deployments: Array.from({ length: DEPLOYMENTS }, (_, d) => ({
    name: `dep-${d}`,
    model: MODELS[d % MODELS.length],
    version: "1",
    sku: "GlobalStandard",
  })),
}));
const points: FakePoint[] = [];
for (let i = 0; i < DAYS; i++) {
  const date = new Date(NOW.getTime() - i * 86_400_000).toISOString().slice(0, 10);
  for (const acct of accounts) {
    for (const dep of acct.deployments) {
      const base = { account: acct.name, deployment: dep.name, date };
      points.push({ ...base, metric: "InputTokens", total: 100_000 + i }, { ...base, metric: "OutputTokens", total: 20_000 });
      for (const [statusCode, total] of [
        ["200", 95],
        ["400", 2],
        ["408", 1],
        ["429", 2],
      ] as const)
        points.push({ ...base, metric: "ModelRequests", statusCode, total });
    }
  }
}

const fake = await startMonitorFake(accounts);
fake.setPoints(points);
const source = createAzureMetricsSource({ scopes: [`/subscriptions/${SUB}`], endpoint: fake.url, credential, clock: () => NOW });
const heap0 = heapMb();
const t0 = performance.now();
const first = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
const refreshMs = performance.now() - t0;
const heap1 = heapMb();
const counts = Object.fromEntries((["accounts", "deployments", "batch"] as const).map((k) => [k, fake.of(k).length]));

// A refresh after the 5-minute cache expired (discovery still fresh for the day): batches only.
const later = new Date(NOW.getTime() + 10 * 60_000);
let clockNow = NOW;
const timed = createAzureMetricsSource({ scopes: [`/subscriptions/${SUB}`], endpoint: fake.url, credential, clock: () => clockNow });
await timed.usage({ from: "2026-11-27", to: "2026-11-27" });
clockNow = later;
const reqBefore = fake.requests.length;
const t1 = performance.now();
await timed.usage({ from: "2026-11-27", to: "2026-11-27" });
const refreshAgainMs = performance.now() - t1;
const refreshAgainRequests = fake.requests.length - reqBefore;

const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), metrics: source, clock: () => NOW });
await bot.answer("today");
const warmBefore = fake.requests.length;
const lat: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await bot.answer("today");
  lat.push(performance.now() - t);
}
const warmRequests = fake.requests.length - warmBefore;
await fake.close();

// Reconciliation: the last 7 complete days recorded once (a second run adds nothing), then the
// recent error as `help accuracy` shows it, read from the store.
const dir = mkdtempSync(join(tmpdir(), "costbot-bench-"));
const store = await openStore(join(dir, "costbot.db"), { clock: () => NOW });
const demo = {
  costSource: createDemoCostSource({ clock: () => NOW }),
  metrics: createDemoMetricsSource({ clock: () => NOW }),
  checks: store.estimateChecks,
};
const t2 = performance.now();
const recordedFirst = await checkEstimates(demo, NOW);
const recordMs = performance.now() - t2;
const recordedAgain = await checkEstimates(demo, NOW);
const accuracyBot = createBot({ ...demo, clock: () => NOW, commands: [createAccuracyCommand({ checks: store.estimateChecks })] });
const t3 = performance.now();
const answer = (await accuracyBot.answer("help accuracy")) as NoticeReport;
const answerMs = performance.now() - t3;
const perDay = dayAccuracy(recordedFirst.days, recordedFirst.checks).map(
  (d) => `${d.date} ${d.error === null ? "–" : `${(100 * d.error).toFixed(2)}%`}`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      accounts: ACCOUNTS,
      deployments: ACCOUNTS * DEPLOYMENTS,
      days: DAYS,
      usageRows: first.usage.length,
      firstRefresh: { requests: counts, wallMs: Math.round(refreshMs), heapMb: +(heap1 - heap0).toFixed(1) },
      refreshAfterTtl: { requests: refreshAgainRequests, wallMs: Math.round(refreshAgainMs) },
      todayWarm: { asks: lat.length, p50: +pct(lat, 50).toFixed(2), p99: +pct(lat, 99).toFixed(2), requestsDuring: warmRequests },
      reconciliation: {
        recorded: recordedFirst.recorded,
        recordedOnSecondRun: recordedAgain.recorded,
        recordMs: Math.round(recordMs),
        helpAccuracyMs: Math.round(answerMs),
        title: answer.title,
        perDay,
      },
      gc: Boolean(gc),
    },
    null,
    2,
  ),
);
