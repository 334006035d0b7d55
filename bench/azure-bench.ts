// Benchmark of the Azure source against the fake ARM with Azure-like latency: how many queries
// reach "Azure" for 1,000 asks + 500 digest queries over 10 scopes, answer latency cold and warm,
// and what happens when every other query is throttled. Run: npx tsx bench/azure-bench.ts
// Bench-only: must not be imported by src/.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { createAzureCostSource } from "../src/cost/sources/azure/index.js";
import type { CostQuery } from "../src/cost/types.js";

const NOW = new Date("2025-11-27T10:00:00Z");
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 800);
const SCOPES = Array.from({ length: 10 }, (_, i) => `/subscriptions/00000000-0000-0000-0000-${String(i + 1).padStart(12, "0")}`);
const ASK_RANGES: [string, string][] = [
  ["2025-11-27", "2025-11-27"],
  ["2025-11-26", "2025-11-26"],
  ["2025-11-24", "2025-11-27"],
  ["2025-11-01", "2025-11-27"],
  ["2025-10-01", "2025-10-31"],
  ["2025-11-21", "2025-11-27"],
];
const DIGEST_RANGES: [string, string][] = [
  ["2025-11-26", "2025-11-26"],
  ["2025-11-01", "2025-11-27"],
];
const credential = { getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3600_000 }) };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface FakeStats {
  firstPages: number;
  requests: number;
}

async function startFake(throttle: boolean): Promise<{ url: string; child: ChildProcess; stats(): Promise<FakeStats> }> {
  const child = fork(
    new URL("./azure-fake-server.ts", import.meta.url),
    [String(LATENCY), throttle ? "throttle" : "steady", JSON.stringify(SCOPES)],
    {
      execArgv: ["--import", "tsx"],
    },
  );
  const [{ url }] = (await once(child, "message")) as [{ url: string }];
  return {
    url,
    child,
    async stats() {
      child.send("stats");
      return ((await once(child, "message")) as [FakeStats])[0];
    },
  };
}

async function run(label: string, throttle: boolean) {
  const fake = await startFake(throttle);
  let firstError: string | undefined;
  const source = createAzureCostSource({ scopes: SCOPES, endpoint: fake.url, credential, clock: () => NOW });
  const timed = async (q: CostQuery) => {
    const t0 = performance.now();
    try {
      const r = await source.query(q);
      return { ms: performance.now() - t0, ok: true, partial: r.warnings.length > 0 };
    } catch (e) {
      firstError ??= (e as Error).message;
      return { ms: performance.now() - t0, ok: false, partial: false };
    }
  };
  const pick = (ranges: [string, string][], i: number): CostQuery => ({
    from: ranges[i % ranges.length][0],
    to: ranges[i % ranges.length][1],
    costType: "actual",
  });

  // Cold: the 500 digests fire together while the first 1,000 asks arrive over 5 s.
  const t0 = performance.now();
  const cold = await Promise.all([
    ...Array.from({ length: 500 }, (_, i) => timed(pick(DIGEST_RANGES, i))),
    ...Array.from({ length: 1000 }, (_, i) => new Promise((r) => setTimeout(r, (i * 5000) / 1000)).then(() => timed(pick(ASK_RANGES, i)))),
  ]);
  const coldWall = performance.now() - t0;
  const afterCold = await fake.stats();

  // Warm: another 1,000 asks and 500 digests, 50 at a time, all within the cache TTL.
  const warm: { ms: number; ok: boolean; partial: boolean }[] = [];
  const jobs = [...Array.from({ length: 1000 }, (_, i) => pick(ASK_RANGES, i)), ...Array.from({ length: 500 }, (_, i) => pick(DIGEST_RANGES, i))];
  for (let i = 0; i < jobs.length; i += 50) warm.push(...(await Promise.all(jobs.slice(i, i + 50).map(timed))));
  const result = {
    label,
    latencyMs: LATENCY,
    asks: 1000,
    digests: 500,
    scopes: SCOPES.length,
    queriesReachingAzure: afterCold.firstPages,
    httpRequestsReachingAzure: afterCold.requests,
    queriesAfterWarmPhase: (await fake.stats()).firstPages,
    coldFailures: cold.filter((c) => !c.ok).length,
    coldWallMs: Math.round(coldWall),
    coldP50: pct(
      cold.map((c) => c.ms),
      50,
    ),
    coldP99: pct(
      cold.map((c) => c.ms),
      99,
    ),
    warmP50: pct(
      warm.map((c) => c.ms),
      50,
    ),
    warmP99: pct(
      warm.map((c) => c.ms),
      99,
    ),
    warmFailures: warm.filter((c) => !c.ok).length,
    answersWithWarnings: [...cold, ...warm].filter((c) => c.partial).length,
    firstError,
    stats: source.stats(),
  };
  fake.child.send("close");
  await once(fake.child, "exit");
  console.log(`\n## ${label}`);
  console.log(
    `queries reaching Azure: ${result.queriesReachingAzure} (HTTP requests incl. pages and retries: ${result.httpRequestsReachingAzure}); after the warm phase: ${result.queriesAfterWarmPhase}`,
  );
  console.log(
    `cold (1,500 concurrent-ish): p50 ${ms(result.coldP50)}, p99 ${ms(result.coldP99)}, failures ${result.coldFailures}, wall ${result.coldWallMs} ms`,
  );
  console.log(`warm (1,500, 50 at a time): p50 ${ms(result.warmP50)}, p99 ${ms(result.warmP99)}, failures ${result.warmFailures}`);
  console.log(`answers with warnings: ${result.answersWithWarnings}${firstError ? `; first error: ${firstError}` : ""}`);
  console.log(`source stats: ${JSON.stringify(result.stats)}`);
  return result;
}

const results = [
  await run("steady: fake answers every query", false),
  await run("throttled: every other query answered 429 (qpu retry-after 2 s)", true),
];
mkdirSync("bench/out", { recursive: true });
writeFileSync("bench/out/azure-bench.json", JSON.stringify(results, null, 2));
