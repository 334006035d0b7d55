import { afterAll, afterEach, describe, expect, it } from "vitest";
import { budgetKey, createBudgetCheckJob, forecastKey, runBudgetChecks } from "../../src/budgets/check.js";
import { parseAmount } from "../../src/cost/money.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { retryPass } from "../../src/server/retry.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { postgresBackend, sqliteBackend, type Backend } from "../store/backends.js";
import { recordingNotifier } from "./fake-notifier.js";

// Demo data on 27 Nov 2025: ~$24.5k of AI spend so far this month, ~$27.4k projected by the 30th.
const NOW = new Date("2025-11-27T10:00:00Z");

describe.each<[string, Backend]>([
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
])("budget checks on %s", (_name, backend) => {
  const stores: Store[] = [];
  let clock = NOW;
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    clock = NOW;
  });
  afterAll(() => backend.cleanup());

  async function setup() {
    const store = await openStore(await backend.fresh(), { clock: () => clock });
    stores.push(store);
    const slack = recordingNotifier();
    const deps = {
      store,
      notifiers: { slack },
      logger: silentLogger,
      sleep: async () => {},
      costSource: createDemoCostSource({ clock: () => clock }),
    };
    const target = await store.upsertTarget({ platform: "slack", address: "CFINOPS", tz: "UTC" });
    return { store, slack, deps, target };
  }

  it("announces a threshold crossed on actual and one forecast to cross, each once, naming the drivers", async () => {
    const { store, slack, deps, target } = await setup();
    const b = await store.createBudget({
      name: "monthly",
      targetId: target.id,
      amount: parseAmount("26000")!,
      period: "monthly",
      thresholds: [50, 80, 100],
      createdBy: "U1",
    });
    const job = createBudgetCheckJob(deps);
    await job.run(NOW);
    await job.run(NOW);
    await job.run(new Date("2025-11-27T16:00:00Z"));

    const titles = slack.titles("CFINOPS");
    expect(titles).toEqual([
      'Budget "monthly" passed 80%: $24,530.30 of $26,000.00',
      expect.stringMatching(/^Budget "monthly" is forecast to exceed on (28|29|30) Nov$/),
    ]);
    const [actual, forecast] = slack.sent.map((s) => s.report);
    expect(actual.kind === "notice" && actual.lines.join("\n")).toMatch(
      /Driven by gpt-4o \$[\d,.]+ \(\d+(\.\d)?%\), openai-provisioned-throughput .*; mostly Microsoft/,
    );
    expect(actual.kind === "notice" && actual.lines.join("\n")).toContain("also covers the 50% threshold");
    expect(forecast.kind === "notice" && forecast.lines.join("\n")).toMatch(/Driven by gpt-4o/);

    const log = await store.deliveries.list({ prefix: "budget" });
    expect(log.map((d) => [d.key, d.status])).toEqual(
      [
        [budgetKey(b, "2025-11", 50), "skipped"],
        [budgetKey(b, "2025-11", 80), "sent"],
        [forecastKey(b, "2025-11", 100), "sent"],
      ].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    );
  });

  it("writes the alerts' dates in the channel's stored locale", async () => {
    const { store, slack, deps } = await setup();
    const target = await store.upsertTarget({ platform: "slack", address: "CFINOPS", locale: "en-US" });
    await store.createBudget({
      name: "monthly",
      targetId: target.id,
      amount: parseAmount("26000")!,
      period: "monthly",
      thresholds: [50, 80, 100],
      createdBy: "U1",
    });
    await runBudgetChecks(deps, NOW);
    expect(slack.titles("CFINOPS")).toEqual([
      'Budget "monthly" passed 80%: $24,530.30 of $26,000.00',
      expect.stringMatching(/^Budget "monthly" is forecast to exceed on Nov (28|29|30)$/),
    ]);
    const [actual] = slack.sent.map((s) => s.report);
    expect(actual.kind === "notice" && actual.lines[0]).toContain("this month (Nov 1 – 30, 2025)");
  });

  it("filters by model and channel and announces again in the next period", async () => {
    const { store, slack, deps, target } = await setup();
    await store.createBudget({
      name: "market",
      targetId: target.id,
      amount: parseAmount("1500")!,
      period: "monthly",
      channel: "marketplace",
      thresholds: [100],
      createdBy: "U1",
    });
    await store.createBudget({
      name: "4o week",
      targetId: target.id,
      amount: parseAmount("1000")!,
      period: "weekly",
      model: "gpt-4o",
      thresholds: [100],
      createdBy: "U1",
    });
    expect(await runBudgetChecks(deps, NOW)).toEqual({ checked: 2, announced: 2, failed: 0 });
    expect(slack.titles()).toEqual(['Budget "4o week" exceeded: $1,281.10 of $1,000.00', 'Budget "market" exceeded: $1,977.40 of $1,500.00']);
    const market = slack.sent[1].report;
    expect(market.kind === "notice" && market.lines[1]).toMatch(
      /^Driven by mistral-large-2411 .*cohere-command-r-plus .*; mostly Marketplace \(100%\)/,
    );
    expect(market.kind === "notice" && market.lines.join(" ")).not.toContain("gpt-4o");

    // Monday 1 Dec: a new week and a new month. Little spent yet, but both are on course to exceed.
    clock = new Date("2025-12-01T12:00:00Z");
    await runBudgetChecks(deps, clock);
    await runBudgetChecks(deps, clock);
    expect(slack.titles().slice(2)).toEqual([
      expect.stringMatching(/^Budget "4o week" is forecast to exceed on (2|3|4) Dec$/),
      expect.stringMatching(/^Budget "market" is forecast to exceed on (19|20|21) Dec$/),
    ]);
    const keys = (await store.deliveries.list({ prefix: "budget-forecast:" })).map((d) => d.key.split(":").slice(2).join(":"));
    expect(keys.sort()).toEqual(["2025-12-01:100", "2025-12:100"]);
  });

  it("counts periods in the channel's zone", async () => {
    const { store, slack, deps } = await setup();
    // 30 Nov 23:30 UTC is already 1 Dec in Berlin: December has barely begun there.
    const berlin = await store.upsertTarget({ platform: "slack", address: "CBERLIN", tz: "Europe/Berlin" });
    await store.createBudget({
      name: "monthly",
      targetId: berlin.id,
      amount: parseAmount("20000")!,
      period: "monthly",
      thresholds: [100],
      createdBy: "U1",
    });
    clock = new Date("2025-11-30T23:30:00Z");
    await runBudgetChecks(deps, clock);
    expect(slack.titles()).toEqual([expect.stringMatching(/^Budget "monthly" is forecast to exceed on \d+ Dec$/)]);
    expect(await store.deliveries.list({ prefix: "budget:" })).toEqual([]);
    clock = new Date("2025-11-30T22:30:00Z"); // 23:30 in Berlin, still November
    await runBudgetChecks(deps, clock);
    expect(slack.titles()[1]).toMatch(/^Budget "monthly" exceeded/);
    expect((await store.deliveries.list({ prefix: "budget:" })).map((d) => d.key.split(":")[2])).toEqual(["2025-11"]);
  });

  it("keeps a failed alert for the retry pass, which sends it once", async () => {
    const { store, slack, deps, target } = await setup();
    const b = await store.createBudget({
      name: "monthly",
      targetId: target.id,
      amount: parseAmount("20000")!,
      period: "monthly",
      thresholds: [100],
      createdBy: "U1",
    });
    slack.failNext = 3;
    const job = createBudgetCheckJob(deps);
    await job.run(NOW);
    expect(slack.sent).toEqual([]);
    expect(await store.deliveries.get(budgetKey(b, "2025-11", 100))).toMatchObject({ status: "failed", transient: true });

    clock = new Date(NOW.getTime() + 10 * 60_000);
    const bot = { costSource: deps.costSource } as never;
    await retryPass(clock, { ...deps, bot } as never, [job], { olderThanMs: 60_000 });
    await retryPass(clock, { ...deps, bot } as never, [job], { olderThanMs: 60_000 });
    expect(slack.titles()).toEqual([expect.stringMatching(/^Budget "monthly" exceeded/)]);
    expect(await store.deliveries.get(budgetKey(b, "2025-11", 100))).toMatchObject({ status: "sent", attempts: 2 });
  });
});
