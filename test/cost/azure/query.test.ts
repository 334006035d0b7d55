import { afterEach, describe, expect, it } from "vitest";
import { sumAmounts } from "../../../src/cost/money.js";
import { aiCosts, RG, setup, SUB, total, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

describe("Azure source query", () => {
  it("reads every nextLink page, posting the same body to each, and totals exactly", async () => {
    h = await setup({ pageSize: 1000 });
    const data = aiCosts(SUB, 44); // 58 days x 45 rows = 2,610 grouped rows: three pages
    h.fake.setCosts(SUB, data);
    const result = await h.source.query({ from: "2025-10-01", to: "2025-11-27", costType: "actual" });

    const posts = h.fake.of("query");
    expect(posts).toHaveLength(3);
    expect(posts.map((p) => p.query.$skiptoken)).toEqual([undefined, expect.any(String), expect.any(String)]);
    for (const p of posts) {
      expect(p.method).toBe("POST");
      expect(p.path).toBe(`${SUB}/providers/Microsoft.CostManagement/query`);
      expect(p.query["api-version"]).toBe("2022-10-01");
      expect(p.headers.clienttype).toBe("costbot");
      expect(p.headers.authorization).toBe("Bearer test-token");
      expect(p.body).toEqual(posts[0].body);
    }
    expect(result.rows).toHaveLength(2610);
    expect(sumAmounts(result.rows.map((r) => r.cost))).toBe(total(data, "2025-10-01", "2025-11-27"));
    expect(h.credential.calls[0]).toEqual(["https://management.azure.com/.default"]);
  });

  it("asks for Daily ActualCost over a custom period from two months back to today, grouped for classification", async () => {
    h = await setup();
    await h.source.query({ from: "2025-11-24", to: "2025-11-27", costType: "actual" });
    expect(h.fake.of("query")[0].body).toEqual({
      type: "ActualCost",
      timeframe: "Custom",
      timePeriod: { from: "2025-09-01T00:00:00+00:00", to: "2025-11-27T23:59:59+00:00" },
      dataset: {
        granularity: "Daily",
        aggregation: { totalCost: { name: "Cost", function: "Sum" }, totalQuantity: { name: "UsageQuantity", function: "Sum" } },
        grouping: [
          "ResourceId",
          "ResourceGroupName",
          "Meter",
          "MeterCategory",
          "MeterSubcategory",
          "ServiceName",
          "PublisherType",
          "ConsumedService",
          "UnitOfMeasure",
          "Product",
        ].map((name) => ({ type: "Dimension", name })),
      },
    });
  });

  it("asks for AmortizedCost when the query says amortized", async () => {
    h = await setup();
    await h.source.query({ from: "2025-11-01", to: "2025-11-27", costType: "amortized" });
    expect(h.fake.of("query")[0].body.type).toBe("AmortizedCost");
  });

  it("answers today, this week, last month, this month and the month before from one query", async () => {
    h = await setup();
    const data = aiCosts(SUB, 3, "2025-09-01");
    h.fake.setCosts(SUB, data);
    const ranges = [
      ["2025-11-27", "2025-11-27"],
      ["2025-11-24", "2025-11-27"],
      ["2025-10-01", "2025-10-31"],
      ["2025-11-01", "2025-11-27"],
      ["2025-09-01", "2025-09-30"],
    ];
    for (const [from, to] of ranges) {
      const r = await h.source.query({ from, to, costType: "actual" });
      expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, from, to));
      expect(r.rows.every((x) => x.date >= from && x.date <= to)).toBe(true);
    }
    expect(h.fake.of("query")).toHaveLength(1);
  });

  it("queries again for a range that starts before the cached window, and then serves both from cache", async () => {
    h = await setup();
    await h.source.query({ from: "2025-11-01", to: "2025-11-27", costType: "actual" });
    await h.source.query({ from: "2025-08-01", to: "2025-08-31", costType: "actual" });
    await h.source.query({ from: "2025-08-15", to: "2025-08-20", costType: "actual" });
    await h.source.query({ from: "2025-09-01", to: "2025-09-30", costType: "actual" });
    const bodies = h.fake.of("query").map((q) => q.body.timePeriod);
    expect(bodies).toEqual([
      { from: "2025-09-01T00:00:00+00:00", to: "2025-11-27T23:59:59+00:00" },
      { from: "2025-08-01T00:00:00+00:00", to: "2025-08-31T23:59:59+00:00" },
    ]);
  });

  it("maps positional rows through columns into classification fields", async () => {
    h = await setup();
    h.fake.setCosts(SUB, aiCosts(SUB, 1, "2025-11-27", "2025-11-27"));
    const { rows, dataAsOf } = await h.source.query({ from: "2025-11-27", to: "2025-11-27", costType: "actual" });
    const market = rows.find((r) => r.publisherType === "Marketplace")!;
    expect(market).toMatchObject({
      date: "2025-11-27",
      cost: 1_250_000_000_000n,
      currency: "USD",
      quantity: 12,
      unitOfMeasure: "1K",
      meterName: "paygo-inference-input-tokens",
      serviceName: "SaaS",
      resourceName: "mistral-large-2411-6b1e5c0a-2f4d-4a8e-9a51-0c3f2b7d9e11",
      resourceGroup: "rg-ai",
    });
    const openai = rows.find((r) => r.publisherType === "Azure")!;
    expect(openai).toMatchObject({
      meterName: "gpt 4o 0513 Input global Tokens",
      meterCategory: "Cognitive Services",
      meterSubCategory: "Azure OpenAI",
      serviceName: "Microsoft.CognitiveServices",
      product: "Azure OpenAI",
      resourceName: "ai-1",
      resourceGroup: "rg-ai",
    });
    expect(dataAsOf).toBe("2025-11-27T00:00:00Z");
  });

  it.each(["PreTaxCost", "CostUSD", "Cost"])("reads the cost from a column Azure names %s", async (costColumn) => {
    h = await setup({ costColumn });
    const data = aiCosts(SUB, 2, "2025-11-20", "2025-11-27");
    h.fake.setCosts(SUB, data);
    const r = await h.source.query({ from: "2025-11-20", to: "2025-11-27", costType: "actual" });
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, "2025-11-20", "2025-11-27"));
  });

  it("reads a single resource through its resource group, keeps only its rows and warns about Marketplace", async () => {
    const resource = `${RG}/providers/Microsoft.CognitiveServices/accounts/ai-2`;
    h = await setup({}, { scopes: [resource] });
    h.fake.setCosts(RG, aiCosts(RG, 3, "2025-11-26", "2025-11-27"));
    const r = await h.source.query({ from: "2025-11-26", to: "2025-11-27", costType: "actual" });
    expect(h.fake.of("query")[0].path).toBe(`${RG}/providers/Microsoft.CostManagement/query`);
    expect(new Set(r.rows.map((x) => x.resourceName))).toEqual(new Set(["ai-2"]));
    expect(r.warnings.join(" ")).toMatch(/single resource: Marketplace model costs are billed to its resource group/);
  });

  it("counts a resource group once when its subscription is configured too", async () => {
    h = await setup({}, { scopes: [SUB, RG] });
    const r = await h.source.query({ from: "2025-11-26", to: "2025-11-27", costType: "actual" });
    expect(h.fake.of("query").map((q) => q.scope)).toEqual([SUB.toLowerCase()]);
    expect(r.warnings.join(" ")).toMatch(/is inside .* counted once/);
  });

  it("rejects a range that ends before it starts", async () => {
    h = await setup();
    await expect(h.source.query({ from: "2025-11-27", to: "2025-11-01", costType: "actual" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(h.fake.requests).toHaveLength(0);
  });
});
