import { describe, expect, it } from "vitest";
import { handle } from "../../src/bot/handle.js";
import type { SpendIntent } from "../../src/bot/intent-types.js";
import type { SpendReport } from "../../src/bot/report.js";
import { parseAmount } from "../../src/cost/money.js";
import { makeRow, type CostQuery, type CostRow, type CostSource } from "../../src/cost/types.js";

const GUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const rows: CostRow[] = [
  row("2025-11-24", "0.145", "gpt 4o 0513 Input global Tokens", { quantity: 1000, unitOfMeasure: "1K" }),
  row("2025-11-24", "0.145", "gpt 4o 0513 Input global Tokens", { quantity: 1000, unitOfMeasure: "1K" }),
  row("2025-11-25", "0.145", "gpt 4o 0513 Output global Tokens", { quantity: 200, unitOfMeasure: "1K" }),
  row("2025-11-25", "10.00", `mistral-large-2411-${GUID}`, {
    publisherType: "Marketplace",
    serviceName: "SaaS",
    resourceName: `mistral-large-2411-${GUID}`,
    resourceGroup: "rg-ai",
  }),
  row("2025-11-26", "3.50", "Analytics Logs Data Ingestion", {
    meterCategory: "Log Analytics",
    meterSubCategory: "",
    serviceName: "microsoft.operationalinsights",
  }),
  row("2025-11-20", "5.00", "gpt 4o 0513 Input global Tokens", { quantity: 100, unitOfMeasure: "1K" }),
  row("2025-11-01", "99.00", "gpt 4o 0513 Input global Tokens", {}),
];

function row(date: string, cost: string, meterName: string, extra: Partial<CostRow>): CostRow {
  return makeRow({
    date,
    cost: parseAmount(cost)!,
    meterName,
    meterCategory: "Cognitive Services",
    meterSubCategory: "Azure OpenAI",
    serviceName: "Microsoft.CognitiveServices",
    publisherType: "Azure",
    resourceName: "ai-prod",
    resourceGroup: "RG-AI",
    ...extra,
  });
}

function source(data: CostRow[], seen: CostQuery[] = []): CostSource {
  return {
    name: "test rows",
    async query(q) {
      seen.push(q);
      return { rows: data, dataAsOf: "2025-11-27T06:00:00Z", warnings: [] };
    },
  };
}

const week: SpendIntent = {
  kind: "spend",
  range: { from: "2025-11-24", to: "2025-11-27", label: "This week" },
  groupBy: "model",
  compare: false,
  costType: "actual",
};
const deps = (data = rows, seen: CostQuery[] = []) => ({ costSource: source(data, seen), now: new Date("2025-11-27T09:00:00Z"), tz: "UTC" });

async function spend(intent: Partial<SpendIntent>, data = rows): Promise<SpendReport> {
  const r = await handle({ ...week, ...intent }, deps(data));
  if (r.kind !== "spend") throw new Error(`expected spend, got ${JSON.stringify(r)}`);
  return r;
}

describe("handle: spend", () => {
  it("sums exactly and rounds only when shown", async () => {
    const r = await spend({});
    // 3 x 0.145 = 0.435 -> 0.44 exactly (a float sum would give 0.43), plus 10.00 Marketplace.
    expect(r.total).toBe(10.44);
    expect(r.groups.map((g) => [g.key, g.channel, g.cost])).toEqual([
      ["mistral-large-2411", "marketplace", 10],
      ["gpt-4o", "microsoft", 0.44],
    ]);
    expect(r.channels).toEqual([
      { channel: "microsoft", cost: 0.44, previousCost: 5, prepaymentEligible: true },
      { channel: "marketplace", cost: 10, previousCost: 0, prepaymentEligible: false },
    ]);
  });

  it("keeps other costs apart, never dropped", async () => {
    const r = await spend({});
    expect(r.otherCost).toBe(3.5);
  });

  it("counts input and output tokens from the unit of measure", async () => {
    const gpt = (await spend({})).groups.find((g) => g.key === "gpt-4o")!;
    expect([gpt.inputTokens, gpt.outputTokens]).toEqual([2_000_000, 200_000]);
  });

  it("compares with the previous period of equal length in one source query", async () => {
    const seen: CostQuery[] = [];
    const r = (await handle(week, deps(rows, seen))) as SpendReport;
    // By model: meter columns are all it reads (an export read for one question can skip resources).
    expect(seen).toEqual([{ from: "2025-11-20", to: "2025-11-27", costType: "actual", columns: "meters" }]);
    expect(r.previous).toMatchObject({ from: "2025-11-20", to: "2025-11-23", total: 5 });
    expect(r.previous.change).toBeCloseTo((10.44 - 5) / 5, 10);
  });

  it("asks for resource columns only when the grouping shows resources", async () => {
    for (const [groupBy, columns] of [
      ["resource", undefined],
      ["resource-group", undefined],
      ["meter", "meters"],
      ["day", "meters"],
    ] as const) {
      const seen: CostQuery[] = [];
      await handle({ ...week, groupBy }, deps(rows, seen));
      expect(seen.map((q) => q.columns)).toEqual([columns]);
    }
  });

  it("gives every day of the range in the series, zero days included", async () => {
    const r = await spend({});
    expect(r.series).toEqual([
      { date: "2025-11-24", cost: 0.29 },
      { date: "2025-11-25", cost: 10.15 },
      { date: "2025-11-26", cost: 0 },
      { date: "2025-11-27", cost: 0 },
    ]);
  });

  it.each([
    ["channel", { groupBy: "channel" as const }, ["marketplace", "microsoft"]],
    ["day: every day in date order", { groupBy: "day" as const }, ["2025-11-24", "2025-11-25", "2025-11-26", "2025-11-27"]],
    ["resource group", { groupBy: "resource-group" as const }, ["rg-ai"]],
    ["marketplace only", { channel: "marketplace" as const }, ["mistral-large-2411"]],
    ["one model", { model: "gpt-4o" }, ["gpt-4o"]],
  ])("groups and filters: %s", async (_name, intent, keys) => {
    expect((await spend(intent)).groups.map((g) => g.key)).toEqual(keys);
  });

  it("shows Marketplace even when it is zero", async () => {
    const r = await spend({ channel: "microsoft" });
    expect(r.channels.map((c) => [c.channel, c.cost])).toEqual([
      ["microsoft", 0.44],
      ["marketplace", 0],
    ]);
  });

  it("says which models had costs when a model filter matches nothing", async () => {
    const r = await spend({ model: "gpt-5" });
    expect(r.total).toBe(0);
    expect(r.warnings.join(" ")).toMatch(/gpt-5.*gpt-4o/);
  });

  it("keeps an unrecognised AI meter under its raw name and warns", async () => {
    const odd = row("2025-11-25", "1.00", "Zeta Quantum Inp glbl Tokens", { meterSubCategory: "Azure OpenAI" });
    const r = await spend({}, [...rows, odd]);
    expect(r.total).toBe(11.44);
    expect(r.warnings.join(" ")).toMatch(/Zeta Quantum/);
  });

  it("offers buttons that ask again with explicit dates", async () => {
    const r = await spend({});
    expect(r.actions.map((a) => a.command)).toEqual([
      "2025-11-24 to 2025-11-27 by channel",
      "2025-11-24 to 2025-11-27 by day",
      "2025-11-24 to 2025-11-27 by model compare",
    ]);
  });
});

describe("handle: other intents", () => {
  it("answers an invalid intent with its message", async () => {
    const r = await handle({ kind: "invalid", message: 'I don\'t know "fortnight".', word: "fortnight" }, deps());
    expect(r).toEqual({ kind: "error", message: 'I don\'t know "fortnight".' });
  });
});
