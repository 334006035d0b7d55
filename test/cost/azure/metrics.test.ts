import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/bot.js";
import { checkEstimates } from "../../../src/bot/accuracy-checks.js";
import { accuracyCommand, createAccuracyCommand } from "../../../src/bot/commands/accuracy.js";
import { errorsCommand } from "../../../src/bot/commands/errors.js";
import type { NoticeReport } from "../../../src/bot/report.js";
import type { ErrorsReport } from "../../../src/bot/errors-report.js";
import type { SpendReport } from "../../../src/bot/report.js";
import { createAzureCostSource } from "../../../src/cost/sources/azure/index.js";
import { createAzureMetricsSource } from "../../../src/cost/sources/azure/metrics/index.js";
import { startArmFake, type ArmFake, type FakeCost } from "../../fakes/arm.js";
import { startMonitorFake, type FakeAccount, type FakePoint, type MonitorFake } from "../../fakes/azure-monitor.js";
import { openStore } from "../../../src/store/open.js";
import type { Store } from "../../../src/store/types.js";
import { sqliteBackend } from "../../store/backends.js";
import { aoaiDims, days, testCredential } from "./harness.js";

const NOW = new Date("2026-11-27T15:00:00Z");
const SUB = "00000000-0000-4000-8000-000000000001";
const ACCOUNTS: FakeAccount[] = [
  {
    sub: SUB,
    rg: "rg-ai",
    name: "ai-prod",
    kind: "AIServices",
    location: "eastus",
    deployments: [
      { name: "chat-4o", model: "gpt-4o", version: "2024-08-06", sku: "GlobalStandard" },
      { name: "batch-4o", model: "gpt-4o", version: "2024-08-06", sku: "GlobalBatch" },
      // Models never billed before: one on the retail price list, one not.
      { name: "dz-41", model: "gpt-4.1", version: "2025-04-14", sku: "DataZoneStandard" },
      { name: "custom", model: "my-own-model", version: "1", sku: "GlobalStandard" },
    ],
  },
  { sub: SUB, rg: "rg-ai", name: "speech-legacy", kind: "SpeechServices", location: "eastus", deployments: [] },
  {
    sub: SUB,
    rg: "rg-locked",
    name: "ai-locked",
    kind: "OpenAI",
    location: "westus",
    deployments: [{ name: "mini", model: "gpt-4o-mini", version: "2024-07-18", sku: "Standard" }],
  },
];
const TODAY: FakePoint[] = [
  { account: "ai-prod", deployment: "chat-4o", date: "2026-11-27", metric: "InputTokens", total: 1_500_000 },
  { account: "ai-prod", deployment: "batch-4o", date: "2026-11-27", metric: "InputTokens", total: 500_000 },
  { account: "ai-prod", deployment: "chat-4o", date: "2026-11-27", metric: "OutputTokens", total: 300_000 },
  { account: "ai-prod", deployment: "chat-4o", date: "2026-11-27", metric: "ModelRequests", statusCode: "200", total: 900 },
  { account: "ai-prod", deployment: "chat-4o", date: "2026-11-27", metric: "ModelRequests", statusCode: "400", total: 60 },
  { account: "ai-prod", deployment: "chat-4o", date: "2026-11-27", metric: "ModelRequests", statusCode: "408", total: 10 },
  { account: "ai-prod", deployment: "chat-4o", date: "2026-11-27", metric: "ModelRequests", statusCode: "429", total: 30 },
  { account: "ai-prod", deployment: "batch-4o", date: "2026-11-27", metric: "ModelRequests", statusCode: "200", total: 10 },
];

// gpt-4o billed $2.50 per 1M input tokens and $10 per 1M output tokens on each of 20..26 Nov.
function billedDays(): FakeCost[] {
  const dims = (meter: string) =>
    aoaiDims(`/subscriptions/${SUB}/resourcegroups/rg-ai/providers/microsoft.cognitiveservices/accounts/ai-prod`, meter);
  return days("2026-11-20", "2026-11-26").flatMap((date) => [
    { date, cost: "2.50", quantity: 1000, dims: dims("gpt 4o 0513 Input global Tokens") },
    { date, cost: "1.00", quantity: 100, dims: dims("gpt 4o 0513 Output global Tokens") },
  ]);
}

let clockNow = NOW;
const clock = () => clockNow;
let monitor: MonitorFake | undefined;
let arm: ArmFake | undefined;
const sqlite = sqliteBackend();
const stores: Store[] = [];
afterAll(() => sqlite.cleanup());
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await monitor?.close();
  await arm?.close();
  monitor = arm = undefined;
  clockNow = NOW;
});

async function metricsSource(points: FakePoint[] = TODAY) {
  monitor = await startMonitorFake(ACCOUNTS);
  monitor.setPoints(points);
  return createAzureMetricsSource({ scopes: [`/subscriptions/${SUB}`], endpoint: monitor.url, credential: testCredential(), clock });
}

describe("Azure usage metrics through the real SDK clients", () => {
  it("discovers AI accounts and deployments, then reads tokens and requests per deployment in batches", async () => {
    const source = await metricsSource();
    const r = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
    expect(r.usage.map((u) => [u.deployment, u.model, u.inputTokens, u.outputTokens]).sort()).toEqual([
      ["batch-4o", "gpt-4o", 500_000, 0],
      ["chat-4o", "gpt-4o", 1_500_000, 300_000],
    ]);
    expect(
      r.requests
        .filter((q) => q.deployment === "chat-4o")
        .map((q) => [q.statusCode, q.requests])
        .sort(),
    ).toEqual([
      ["200", 900],
      ["400", 60],
      ["408", 10],
      ["429", 30],
    ]);
    expect(r.deployments.map((d) => [d.name, d.type, d.modelVersion]).sort()).toEqual([
      ["batch-4o", "GlobalBatch", "2024-08-06"],
      ["chat-4o", "GlobalStandard", "2024-08-06"],
      ["custom", "GlobalStandard", "1"],
      ["dz-41", "DataZoneStandard", "2025-04-14"],
      ["mini", "Standard", "2024-07-18"],
    ]);
    // Two regions -> two batches, each asked once for tokens and once for requests by status.
    const batches = monitor!.of("batch");
    expect(batches).toHaveLength(4);
    for (const b of batches) {
      expect(b.auth).toBe("Bearer test-token");
      expect(b.query.starttime).toBe("2026-10-24T00:00:00.000Z");
      expect(b.query.interval).toBe("P1D");
      expect(b.query.metricnamespace).toBe("Microsoft.CognitiveServices/accounts");
      expect(b.body.resourceids.every((id: string) => id === id.toLowerCase())).toBe(true);
    }
    expect(batches.map((b) => b.query.metricnames).sort()).toEqual([
      "InputTokens,OutputTokens",
      "InputTokens,OutputTokens",
      "ModelRequests",
      "ModelRequests",
    ]);
    // Only AI kinds: the speech account is never asked about.
    expect(batches.flatMap((b) => b.body.resourceids).some((id: string) => id.includes("speech-legacy"))).toBe(false);
    // A second ask within the cache's life reads nothing new.
    const before = monitor!.requests.length;
    await source.usage({ from: "2026-11-23", to: "2026-11-27" });
    expect(monitor!.requests.length).toBe(before);
  });

  it("reads once for concurrent identical questions, and again once the cache's life is over", async () => {
    const source = await metricsSource();
    const answers = await Promise.all(Array.from({ length: 20 }, () => source.usage({ from: "2026-11-27", to: "2026-11-27" })));
    // One discovery (accounts, then each AI account's deployments) and one refresh: two batches, each read twice.
    expect(monitor!.of("accounts")).toHaveLength(1);
    expect(monitor!.of("batch")).toHaveLength(4);
    expect(new Set(answers.map((a) => a.asOf))).toEqual(new Set(["2026-11-27T15:00:00.000Z"]));
    clockNow = new Date("2026-11-27T15:06:00Z");
    const later = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
    expect(later.asOf).toBe("2026-11-27T15:06:00.000Z");
    expect(monitor!.of("batch")).toHaveLength(8);
    expect(monitor!.of("accounts")).toHaveLength(1);
  });

  it("names the Monitoring Reader role when Azure refuses an account's metrics, and keeps the others", async () => {
    const source = await metricsSource();
    monitor!.deny("ai-locked");
    const r = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
    expect(r.warnings.join("\n")).toMatch(/ai-locked: costbot needs the Monitoring Reader role there \(Azure answered 403 AuthorizationFailed\)/);
    expect(r.usage.some((u) => u.deployment === "chat-4o")).toBe(true);
  });

  it("waits out a 429 with Retry-After and answers in full", async () => {
    const source = await metricsSource();
    monitor!.script("batch", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { error: { code: "TooManyRequests", message: "Rate limit exceeded." } },
    });
    const r = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
    expect(monitor!.of("batch")).toHaveLength(5);
    expect(r.warnings).toEqual([]);
    expect(r.usage.reduce((n, u) => n + u.inputTokens, 0)).toBe(2_000_000);
  });
});

describe("answers from Azure cost data and Azure metrics", () => {
  async function bot(accuracy = accuracyCommand, points = TODAY) {
    const metrics = await metricsSource(points);
    arm = await startArmFake({ today: "2026-11-26" });
    arm.setCosts(`/subscriptions/${SUB}`.toLowerCase(), billedDays());
    const costSource = createAzureCostSource({
      scopes: [`/subscriptions/${SUB}`],
      endpoint: arm.url,
      credential: testCredential(),
      clock,
      queriesPerMinute: 1000,
    });
    return createBot({ costSource, metrics, clock, commands: [errorsCommand, accuracy] });
  }

  /** The 27th billed (input $4.00, output $3.00 for the same tokens) and the 28th begun, so the 27th is final. */
  function billThe27th() {
    const billed = billedDays()
      .slice(-2)
      .map((c) => ({ ...c, date: "2026-11-27", cost: c.cost === "2.50" ? "4.00" : "3.00" }));
    const started = { ...billed[0], date: "2026-11-28", cost: "0.10", quantity: 40 };
    arm!.setCosts(`/subscriptions/${SUB}`.toLowerCase(), [...billedDays(), ...billed, started]);
  }

  it("estimates today from metric tokens times the rate billed over the last complete days", async () => {
    const b = await bot();
    monitor!.deny("ai-locked");
    const r = (await b.answer("today")) as SpendReport;
    // 2M input x $2.50/1M + 0.3M output x $10/1M = $5.00 + $3.00
    expect(r.estimate).toMatchObject({ from: "2026-11-27", to: "2026-11-27", cost: 8 });
    expect(r.total).toBe(0);
    // Without Monitoring Reader on one account, the answer says so and the rest still works.
    expect(r.warnings.join("\n")).toMatch(/ai-locked: costbot needs the Monitoring Reader role/);
  });

  it("prices a model with no billed history at its retail list price, says so, and names what it cannot price", async () => {
    const b = await bot();
    monitor!.setPoints([
      ...TODAY,
      { account: "ai-prod", deployment: "dz-41", date: "2026-11-27", metric: "InputTokens", total: 1_000_000 },
      { account: "ai-prod", deployment: "dz-41", date: "2026-11-27", metric: "OutputTokens", total: 200_000 },
      { account: "ai-prod", deployment: "custom", date: "2026-11-27", metric: "InputTokens", total: 70_000 },
    ]);
    const r = (await b.answer("today")) as SpendReport;
    // gpt-4o at its billed rates: $8.00 (as above). gpt-4.1 Data Zone at list price ("gpt 4.1 Inp Data
    // Zone Tokens" $0.0022 per 1K, "gpt 4.1 Outp Data Zone Tokens" $0.0088 per 1K):
    // 1M x $2.20/1M + 0.2M x $8.80/1M = $3.96. my-own-model has neither: left out, named.
    expect(r.estimate!.cost).toBe(11.96);
    expect(r.estimate!.pricing).toEqual({ billedRate: ["gpt-4o"], retailPrice: ["gpt-4.1"], notEstimated: ["my-own-model"] });
    expect(r.estimate!.basis).toContain("per-token rates billed 2026-11-19 to 2026-11-25 for gpt-4o");
    expect(r.estimate!.basis).toContain("retail price (Azure list price in USD; discounts and commitments not applied) for gpt-4.1");
    expect(r.warnings.join("\n")).toMatch(
      /Not in the estimate \(no billed rate in 2026-11-19 to 2026-11-25 and no single list price for the deployment type and version\): my-own-model\./,
    );
    expect(r.total).toBe(0);
  });

  it("records how far today's estimate was off once the day's cost arrives", async () => {
    const b = await bot();
    const today = (await b.answer("today")) as SpendReport;
    expect(today.estimate!.cost).toBe(8);
    // A day later Azure has billed the 27th: $4.00 input and $3.00 output for the same tokens.
    const billed = billedDays()
      .slice(-2)
      .map((c) => ({ ...c, date: "2026-11-27", cost: c.cost === "2.50" ? "4.00" : "3.00" }));
    // The 28th has started arriving too, which makes the 27th final.
    const started = { ...billed[0], date: "2026-11-28", cost: "0.10", quantity: 40 };
    arm!.setCosts(`/subscriptions/${SUB}`.toLowerCase(), [...billedDays(), ...billed, started]);
    clockNow = new Date("2026-11-28T09:00:00Z");
    const r = (await b.answer("help accuracy")) as NoticeReport;
    expect(r.kind).toBe("notice");
    // estimated $8.00 from usage, billed $7.00: +14.3 %
    expect(r.fields).toContainEqual({ label: "2026-11-27", value: "estimated $8.00, billed $7.00 (+14.3%)" });
    expect(r.title).toMatch(/off by 14\.3% on average/);
  });

  it("keeps the reconciliation in the store once per day and model, and shows it after the metrics are gone and a restart", async () => {
    const url = await sqlite.fresh();
    const store = await openStore(url, { clock });
    stores.push(store);
    const b = await bot(createAccuracyCommand({ checks: store.estimateChecks }));
    billThe27th();
    clockNow = new Date("2026-11-28T09:00:00Z");
    // The hourly job's work: the 27th is recorded once; a second run (or another instance) adds nothing.
    const deps = { costSource: b.costSource, metrics: b.metrics!, checks: store.estimateChecks };
    expect((await checkEstimates(deps, clockNow)).recorded).toBe(1);
    expect((await checkEstimates(deps, clockNow)).recorded).toBe(0);
    expect(await store.estimateChecks.list({ from: "2026-11-27", to: "2026-11-27" })).toMatchObject([
      { date: "2026-11-27", model: "gpt-4o", estimate: 8_000_000_000_000n, billed: 7_000_000_000_000n, currency: "USD", basis: "billed-rate" },
    ]);
    await store.close();

    // Restart, and Azure Monitor no longer has the 27th's metrics: the recorded figure still shows.
    await monitor!.close();
    await arm!.close();
    clockNow = new Date("2026-11-28T10:00:00Z");
    const reopened = await openStore(url, { clock });
    stores.push(reopened);
    const after = await bot(createAccuracyCommand({ checks: reopened.estimateChecks }), []);
    billThe27th();
    const r = (await after.answer("help accuracy")) as NoticeReport;
    expect(r.fields).toContainEqual({ label: "2026-11-27", value: "estimated $8.00, billed $7.00 (+14.3%)" });
    expect(r.fields).toContainEqual({ label: "2026-11-26", value: "no estimate recorded" });
    expect(r.title).toMatch(/off by 14\.3% on average/);
    expect(r.lines.join("\n")).toMatch(/Recorded once per day and model/);
  });

  it("records nothing while the usage metrics are incomplete (an account's metrics refused)", async () => {
    const store = await openStore(await sqlite.fresh(), { clock });
    stores.push(store);
    const b = await bot();
    monitor!.deny("ai-locked");
    billThe27th();
    clockNow = new Date("2026-11-28T09:00:00Z");
    const r = await checkEstimates({ costSource: b.costSource, metrics: b.metrics!, checks: store.estimateChecks }, clockNow);
    expect(r.recorded).toBe(0);
    expect(r.warnings.join("\n")).toMatch(/Monitoring Reader[\s\S]*Nothing recorded this time: the usage metrics were incomplete/);
    expect(await store.estimateChecks.list({ from: "2026-11-20", to: "2026-11-27" })).toEqual([]);
  });

  it("splits a model's cost across its deployments by token share, adding up to the model exactly", async () => {
    const b = await bot();
    monitor!.setPoints([
      { account: "ai-prod", deployment: "chat-4o", date: "2026-11-24", metric: "InputTokens", total: 250 },
      { account: "ai-prod", deployment: "chat-4o", date: "2026-11-24", metric: "OutputTokens", total: 50 },
      { account: "ai-prod", deployment: "batch-4o", date: "2026-11-24", metric: "InputTokens", total: 100 },
    ]);
    const r = (await b.answer("2026-11-24 by deployment")) as SpendReport;
    expect(r.groupBy).toBe("deployment");
    // gpt-4o billed $3.50 that day; tokens 300 : 100 -> 262.5 : 87.5 cents, the tie's cent to the first
    expect(r.groups.map((g) => [g.key, g.cost, g.model, g.deploymentType, g.modelVersion, g.allocated])).toEqual([
      ["chat-4o", 2.63, "gpt-4o", "GlobalStandard", "2024-08-06", true],
      ["batch-4o", 0.87, "gpt-4o", "GlobalBatch", "2024-08-06", true],
    ]);
    expect(r.total).toBe(3.5);
    expect(r.warnings[0]).toMatch(/allocation/);
  });

  it("counts failed requests by status, billed apart from not billed, and prices the billed ones", async () => {
    const r = (await (await bot()).answer("errors today")) as ErrorsReport;
    expect(r.kind).toBe("errors");
    expect(r.groups.map((g) => [g.key, g.billed, g.requests, g.model])).toEqual([
      ["400", true, 60, "gpt-4o"],
      ["408", true, 10, "gpt-4o"],
      ["429", false, 30, "gpt-4o"],
    ]);
    // chat-4o: 1.5M input tokens over 1,000 requests = 1,500 per request; 70 x 1,500 x $2.50/1M = $0.2625
    expect(r.estimatedBilledCost).toBe(0.26);
  });
});
