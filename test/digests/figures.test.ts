import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { buildDigestBase, digestFor } from "../../src/digests/figures.js";
import { shiftDays } from "../../src/base/dates.js";
import { renderJson, renderSlack, renderTeams, renderText } from "../../src/server/render.js";
import { cardBytes, TEAMS_MAX_BYTES } from "../../src/bot/render/teams.js";
import type { SpendReport } from "../../src/bot/report.js";
import { fromCents, parseAmount } from "../../src/cost/money.js";
import { createDemoCostSource, DEMO_SPIKE } from "../../src/cost/sources/demo.js";
import { makeRow, type CostSource } from "../../src/cost/types.js";
import type { Budget } from "../../src/store/types.js";
import { checkBlocks } from "../fakes/slack-api.js";

const NOW = new Date("2025-11-27T08:00:00Z");
const demo = () => createDemoCostSource({ clock: () => NOW });
const budget = (over: Partial<Budget>): Budget => ({
  id: "b1",
  name: "monthly",
  targetId: "t1",
  amount: parseAmount("5000")!,
  period: "monthly",
  thresholds: [80, 100],
  createdBy: "U1",
  createdAt: NOW,
  ...over,
});

describe("digest report", () => {
  it("takes yesterday, its comparisons and month to date from the same numbers as /cost", async () => {
    const source = demo();
    const bot = createBot({ costSource: source, clock: () => NOW });
    const { report } = digestFor(await buildDigestBase({ costSource: source, cadence: "daily", date: "2025-11-27", tz: "UTC" }), []);
    const spend = async (q: string) => ((await bot.answer(q)) as SpendReport).total;
    expect(report.day.date).toBe("2025-11-26");
    expect(report.day.total).toBe(await spend("2025-11-26 to 2025-11-26"));
    expect(report.day.dayBefore).toEqual({ date: "2025-11-25", total: await spend("2025-11-25 to 2025-11-25") });
    expect(report.day.weekBefore).toEqual({ date: "2025-11-19", total: await spend("2025-11-19 to 2025-11-19") });
    expect(report.monthToDate).toEqual({ from: "2025-11-01", to: "2025-11-26", total: await spend("2025-11-01 to 2025-11-26") });
    const yesterday = (await bot.answer("2025-11-26 to 2025-11-26")) as SpendReport;
    expect(report.channels).toEqual(yesterday.channels.map(({ previousCost: _, ...c }) => c));
    expect(report.forecast.projected).toBeGreaterThan(report.monthToDate.total);
    expect(report.dataAsOf).toBe("2025-11-27T05:00:00Z");
  });

  it("names the model behind the demo spike as the top mover", async () => {
    const spikeDay = shiftDays(NOW.toISOString().slice(0, 10), -DEMO_SPIKE.daysAgo);
    const { report } = digestFor(await buildDigestBase({ costSource: demo(), cadence: "daily", date: shiftDays(spikeDay, 1), tz: "UTC" }), []);
    const top = report.movers.find((m) => m.kind === "model")!;
    expect(top).toMatchObject({ key: DEMO_SPIKE.model, channel: "microsoft" });
    expect(top.change).toBeGreaterThan(top.average);
    expect(report.movers.filter((m) => m.kind === "channel")[0]).toMatchObject({ key: "microsoft" });
  });

  it("shows each budget's period-to-date spend, filtered like the budget", async () => {
    const base = await buildDigestBase({ costSource: demo(), cadence: "daily", date: "2025-11-27", tz: "UTC" });
    const { report } = digestFor(base, [budget({}), budget({ name: "4o weekly", period: "weekly", model: "gpt-4o", amount: parseAmount("100")! })]);
    expect(report.budgets[0]).toMatchObject({ name: "monthly", from: "2025-11-01", to: "2025-11-26", spent: report.monthToDate.total, amount: 5000 });
    expect(report.budgets[0].ratio).toBeCloseTo(report.monthToDate.total / 5000, 3);
    expect(report.budgets[1]).toMatchObject({ name: "4o weekly", from: "2025-11-24", model: "gpt-4o" });
    expect(report.budgets[1].spent).toBeLessThan(report.monthToDate.total);
  });

  it("notes days Azure restated since the previous digest, not the day that was still filling", async () => {
    const rows = (late: boolean) => [
      makeRow({
        date: "2025-11-24",
        cost: fromCents(late ? 12_500 : 10_000),
        meterName: "gpt-4o-0806-Inp-glbl Tokens",
        meterCategory: "Foundry Models",
        meterSubCategory: "Azure OpenAI",
        serviceName: "Microsoft.CognitiveServices",
        publisherType: "Microsoft",
      }),
      makeRow({
        date: "2025-11-25",
        cost: fromCents(late ? 9_000 : 4_000),
        meterName: "gpt-4o-0806-Inp-glbl Tokens",
        meterCategory: "Foundry Models",
        meterSubCategory: "Azure OpenAI",
        serviceName: "Microsoft.CognitiveServices",
        publisherType: "Microsoft",
      }),
    ];
    const source = (late: boolean): CostSource => ({
      name: "fixed",
      query: async () => ({ rows: rows(late), dataAsOf: late ? "2025-11-26T06:00:00Z" : "2025-11-25T06:00:00Z", warnings: [] }),
    });
    const before = digestFor(await buildDigestBase({ costSource: source(false), cadence: "daily", date: "2025-11-26", tz: "UTC" }), []);
    const after = digestFor(
      await buildDigestBase({ costSource: source(true), cadence: "daily", date: "2025-11-27", tz: "UTC" }),
      [],
      JSON.parse(JSON.stringify(before.figures)),
    );
    expect(after.report.restated).toEqual([{ date: "2025-11-24", before: 100, now: 125 }]);
    expect(renderText(after.report)).toContain("Azure restated Mon 24 Nov: $100.00 → $125.00");
  });

  it("adds the source's own forecast when it offers one", async () => {
    const inner = demo();
    const source = Object.assign(Object.create(null), {
      name: inner.name,
      query: inner.query,
      forecast: async () => ({ projected: parseAmount("98765.4321")!, currency: "USD" }),
    }) as CostSource;
    const { report } = digestFor(await buildDigestBase({ costSource: source, cadence: "daily", date: "2025-11-27", tz: "UTC" }), []);
    expect(report.sourceForecast).toEqual({ projected: 98765.43, currency: "USD", note: "Azure's forecast, all costs in scope" });
  });
});

describe("digest rendering", () => {
  it("stays within Slack's Block Kit limits and escapes data", async () => {
    const evil = "<!channel> gpt-evil";
    const source: CostSource = {
      name: "<!here> source",
      query: async () => ({
        rows: Array.from({ length: 40 }, (_, i) =>
          makeRow({
            date: "2025-11-26",
            cost: fromCents(1000 + i),
            meterName: `${evil} ${i}`,
            meterCategory: "Foundry Models",
            meterSubCategory: "Azure OpenAI",
            serviceName: "Microsoft.CognitiveServices",
            publisherType: "Microsoft",
          }),
        ),
        dataAsOf: "2025-11-27T05:00:00Z",
        warnings: ["<@U123> look"],
      }),
    };
    const budgets = Array.from({ length: 40 }, (_, i) => budget({ id: `b${i}`, name: `<!channel> budget ${i}` }));
    const { report } = digestFor(await buildDigestBase({ costSource: source, cadence: "daily", date: "2025-11-27", tz: "UTC" }), budgets);
    const slack = renderSlack(report);
    expect(checkBlocks(slack.blocks, 50)).toEqual([]);
    expect(JSON.stringify(slack)).not.toMatch(/<!channel>|<!here>|<@U123>/);
    expect(JSON.stringify(slack)).toContain("&lt;!channel&gt; budget 0");
    expect(cardBytes(renderTeams(report))).toBeLessThan(TEAMS_MAX_BYTES);
    expect(renderJson(report)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("reads as a short text card", async () => {
    const { report } = digestFor(await buildDigestBase({ costSource: demo(), cadence: "daily", date: "2025-11-27", tz: "Europe/Berlin" }), [
      budget({}),
    ]);
    const text = renderText(report);
    expect(text.split("\n")[0]).toBe("Daily AI spend digest · Wed 26 Nov 2025");
    expect(text).toMatch(/^Yesterday +\$[\d,.]+ +(▲|▼|no change).* vs Tue 25 Nov \(\$[\d,.]+\) · .* vs Wed 19 Nov/m);
    expect(text).toMatch(/^Month to date +\$[\d,.]+ \(1–26 Nov 2025\)$/m);
    expect(text).toMatch(/^Month-end forecast +\$[\d,.]+ by 30 Nov$/m);
    expect(text).toMatch(/monthly: \$[\d,.]+ of \$5,000.00 \(\d+%\), 1–26 Nov 2025/);
    expect(text).toContain("Top movers");
    expect(text).toContain("Data as of 27 Nov 2025 05:00 UTC (source: demo data)");
  });
});
