// Benchmark of one digest round: 1,000 Slack channels in 10 zones, the Azure source over 10 scopes
// against the fake ARM (100 ms per request), a SQLite store, the fake Slack behind the throttling
// proxy. Counts Azure queries, posts per channel (duplicates, misses), wall time and peak RSS,
// steady and with Slack throttling. Run: npx tsx bench/digest-bench.ts. Bench-only: not for src/.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSlackSchedulerNotifier } from "../src/adapters/slack/notifier.js";
import { createBot } from "../src/bot/bot.js";
import { cachedSource } from "../src/cost/sources/cached.js";
import { createAzureCostSource } from "../src/cost/sources/azure/index.js";
import { silentLogger } from "../src/log.js";
import { startScheduler } from "../src/server/scheduler.js";
import { openStore } from "../src/store/open.js";
import { startArmFake } from "../test/fakes/arm.js";
import { benchCosts } from "./fake-costs.js";
import { startFakeSlack } from "../test/fakes/slack-api.js";
import { perSecondLimit, startSlackProxy } from "../test/fakes/slack-proxy.js";

const TARGETS = 1000;
const SCOPES = Array.from({ length: 10 }, (_, i) => `/subscriptions/00000000-0000-0000-0000-${String(i + 1).padStart(12, "0")}`);
// Ten zones, each with the local time that is 09:00 UTC on 27 Nov 2025: every digest is due at once.
const ZONES: [string, string][] = [
  ["UTC", "09:00"],
  ["Europe/London", "09:00"],
  ["Europe/Berlin", "10:00"],
  ["Europe/Helsinki", "11:00"],
  ["Asia/Dubai", "13:00"],
  ["Asia/Kolkata", "14:30"],
  ["Asia/Tokyo", "18:00"],
  ["America/New_York", "04:00"],
  ["America/Sao_Paulo", "06:00"],
  ["Atlantic/Azores", "08:00"],
];
const TOKEN = "xoxb-bench";

async function round(throttle: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "costbot-digest-bench-"));
  const clock = { now: new Date("2025-10-01T00:00:00Z") };
  const store = await openStore(join(dir, "bench.db"), { clock: () => clock.now });
  for (let i = 0; i < TARGETS; i++) {
    const [tz, time] = ZONES[i % ZONES.length];
    const t = await store.upsertTarget({ platform: "slack", address: `CB${String(i).padStart(4, "0")}` });
    await store.setDigest({ targetId: t.id, cadence: "daily", time, tz, createdBy: "UBENCH" });
  }
  const arm = await startArmFake({ latencyMs: 100, pageSize: 1000, today: "2025-11-27" });
  for (const s of SCOPES) arm.setCosts(s, benchCosts(s));
  const slack = await startFakeSlack({ botToken: TOKEN });
  const proxy = await startSlackProxy(slack);
  if (throttle) proxy.rateLimit = perSecondLimit(100);
  clock.now = new Date("2025-11-27T09:00:00Z");
  const credential = { getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3600_000 }) };
  // The one cache in front, as the server builds it (createCostSource).
  const costSource = cachedSource(createAzureCostSource({ scopes: SCOPES, endpoint: arm.url, credential, clock: () => clock.now }), {
    nowMs: () => clock.now.getTime(),
  });
  const notifier = createSlackSchedulerNotifier({ botToken: TOKEN, apiUrl: proxy.apiUrl, logger: silentLogger });
  const scheduler = startScheduler({
    store,
    bot: createBot({ costSource, clock: () => clock.now }),
    notifiers: { slack: notifier },
    logger: silentLogger,
    clock: () => clock.now,
    tickMs: 0,
  });
  const count = () => {
    const per = new Map<string, number>();
    for (const p of proxy.posted) per.set(p.channel, (per.get(p.channel) ?? 0) + 1);
    return { duplicates: [...per.values()].reduce((n, c) => n + Math.max(0, c - 1), 0), misses: TARGETS - per.size };
  };
  const t0 = performance.now();
  const first = await scheduler.tick();
  const wallMs = Math.round(performance.now() - t0);
  const afterFirst = count();
  // Anything left transient is for the retry pass: six minutes later, the same local day everywhere.
  clock.now = new Date("2025-11-27T09:06:00Z");
  const t1 = performance.now();
  await scheduler.tick();
  const retryWallMs = Math.round(performance.now() - t1);
  await scheduler.stop();
  const result = {
    label: throttle ? "Slack throttled at 100 posts/s (429, Retry-After 1 s)" : "steady",
    targets: TARGETS,
    scopes: SCOPES.length,
    azureQueries: arm.of("query").filter((r) => !r.query.$skiptoken).length,
    azureHttpRequests: arm.requests.length,
    azureForecasts: arm.of("forecast").length,
    wallMs,
    firstPass: { ...first.results, ...afterFirst },
    retryWallMs,
    afterRetryPass: count(),
    throttled429: proxy.throttled,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  await proxy.close();
  await slack.close();
  await arm.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const mode = process.argv[2];
if (mode === "steady" || mode === "throttled") {
  process.stdout.write(JSON.stringify(await round(mode === "throttled")) + "\n");
} else {
  // Each round in its own process, so peak RSS is that round's alone.
  for (const m of ["steady", "throttled"]) {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/digest-bench.ts", m], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    console.log(JSON.stringify(JSON.parse(r.stdout), null, 2));
  }
}
