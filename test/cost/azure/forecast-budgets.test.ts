import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { azureBudgetLines } from "../../../src/budgets/azure-budgets.js";
import { parseAmount, sumAmounts } from "../../../src/cost/money.js";
import { aiCosts, days, RG, setup, SUB, total, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

describe("Azure source forecast", () => {
  it("projects the month end from Azure's actual and forecast days, summed exactly", async () => {
    h = await setup({ forecastDaily: "12.345" });
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    const f = await h.source.forecast();
    const [post] = h.fake.of("forecast");
    expect(post.path).toBe(`${SUB}/providers/Microsoft.CostManagement/forecast`);
    expect(post.query["api-version"]).toBe("2022-10-01");
    expect(post.headers.clienttype).toBe("costbot");
    expect(post.body).toEqual({
      type: "ActualCost",
      timeframe: "Custom",
      timePeriod: { from: "2025-11-01T00:00:00+00:00", to: "2025-11-30T23:59:59+00:00" },
      dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } } },
      includeActualCost: true,
      includeFreshPartialCost: false,
    });
    const actual = total(data, "2025-11-01", "2025-11-27");
    const forecast = parseAmount("12.345")! * 3n;
    expect(f).toMatchObject({
      from: "2025-11-01",
      to: "2025-11-30",
      actual,
      projected: actual + forecast,
      dataAsOf: "2025-11-27T00:00:00Z",
      warnings: [],
    });
    expect(f.scopes[0]).toMatchObject({ scope: SUB, currency: "USD", actual, forecast, projected: actual + forecast });
    expect(f.scopes[0].days.map((d) => d.date)).toEqual(days("2025-11-01", "2025-11-30"));
    expect(f.scopes[0].days.filter((d) => d.status === "forecast").map((d) => d.date)).toEqual(["2025-11-28", "2025-11-29", "2025-11-30"]);
  });

  it("cuts Azure's published example to the period asked for and reads its CostStatus", async () => {
    // reference/azure-cost-query/SubscriptionForecast: rows dated 2018-03-31 (twice), 04-01 and 04-29.
    const example = JSON.parse(
      readFileSync(new URL("../../fixtures/reference/azure-cost-query/SubscriptionForecast.2025-03-01.json", import.meta.url), "utf8"),
    );
    h = await setup();
    h.fake.script("forecast", { status: 200, body: example.responses["200"].body });
    const f = await h.source.forecast({ from: "2018-04-01", to: "2018-04-30" });
    const forecast = parseAmount("0.14384913581657052")! + parseAmount("0.009865586851323632")!;
    expect(f.scopes[0].days.map((d) => [d.date, d.status])).toEqual([
      ["2018-04-01", "forecast"],
      ["2018-04-29", "forecast"],
    ]);
    expect(f.scopes[0]).toMatchObject({ actual: 0n, forecast, projected: forecast });
    expect(f).toMatchObject({ from: "2018-04-01", to: "2018-04-30", projected: forecast });
  });

  it("answers without the forecast and says why when Azure answers 424", async () => {
    h = await setup();
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    h.fake.script("forecast", { status: 424, body: { error: { code: "FailedDependency", message: "Insufficient data to generate a forecast." } } });
    const f = await h.source.forecast();
    expect(h.fake.of("forecast")).toHaveLength(1);
    expect(f.projected).toBeNull();
    expect(f.actual).toBe(total(data, "2025-11-01", "2025-11-27"));
    expect(f.scopes[0]).toMatchObject({
      forecast: null,
      projected: null,
      unavailable: expect.stringMatching(/cannot forecast .*424.*Insufficient data/),
    });
    expect(f.warnings).toEqual([f.scopes[0].unavailable]);
  });

  it("caches the forecast like the query", async () => {
    h = await setup();
    await Promise.all([h.source.forecast(), h.source.forecast(), h.source.forecast()]);
    await h.source.forecast();
    expect(h.fake.of("forecast")).toHaveLength(1);
  });

  it("explains the role needed when the forecast is forbidden", async () => {
    h = await setup();
    h.fake.script("forecast", { status: 403, body: { error: { code: "AuthorizationFailed", message: "no" } } });
    await expect(h.source.forecast()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Cost Management Reader/) });
  });
});

describe("Azure source budgets", () => {
  it("reads each scope's budgets with amounts, spend and thresholds", async () => {
    h = await setup({}, { scopes: [SUB, "/subscriptions/00000000-0000-0000-0000-000000000002"] });
    const { budgets, warnings } = await h.source.budgets();
    const gets = h.fake.of("budgets");
    expect(gets.map((g) => [g.method, g.path, g.query["api-version"]])).toEqual([
      ["GET", `${SUB}/providers/Microsoft.Consumption/budgets`, "2024-08-01"],
      ["GET", "/subscriptions/00000000-0000-0000-0000-000000000002/providers/Microsoft.Consumption/budgets", "2024-08-01"],
    ]);
    expect(warnings).toEqual([]);
    expect(budgets).toHaveLength(2);
    expect(budgets[0]).toMatchObject({
      scope: SUB,
      name: "TestBudget",
      category: "Cost",
      amount: parseAmount("100.65"),
      timeGrain: "Monthly",
      startDate: "2017-10-01",
      endDate: "2018-10-31",
      currentSpend: parseAmount("80.89"),
      forecastSpend: null,
      currency: "USD",
      filtered: true,
      notifications: [
        {
          name: "Actual_GreaterThan_80_Percent",
          enabled: true,
          operator: "GreaterThan",
          threshold: 80,
          thresholdType: "Actual",
          contactEmails: ["johndoe@contoso.com", "janesmith@contoso.com"],
          contactRoles: ["Contributor", "Reader"],
          contactGroups: [expect.stringMatching(/actionGroups\/SampleActionGroup$/)],
        },
      ],
    });
    await h.source.budgets();
    expect(h.fake.of("budgets")).toHaveLength(2);
  });

  it("reads forecasted thresholds and follows list pages", async () => {
    h = await setup({}, { scopes: [RG] });
    h.fake.setBudgets(RG, [
      {
        id: `${RG}/providers/Microsoft.Consumption/budgets/ai`,
        name: "ai",
        properties: {
          category: "Cost",
          amount: 5000,
          timeGrain: "Monthly",
          timePeriod: { startDate: "2025-11-01T00:00:00Z" },
          currentSpend: { amount: 1234.5, unit: "EUR" },
          forecastSpend: { amount: 5600.25, unit: "EUR" },
          notifications: { f90: { enabled: false, operator: "GreaterThanOrEqualTo", threshold: 90, thresholdType: "Forecasted", contactEmails: [] } },
        },
      },
    ]);
    const { budgets } = await h.source.budgets();
    expect(budgets).toEqual([
      expect.objectContaining({
        name: "ai",
        amount: parseAmount("5000"),
        currentSpend: parseAmount("1234.5"),
        forecastSpend: parseAmount("5600.25"),
        currency: "EUR",
        endDate: null,
        filtered: false,
        notifications: [expect.objectContaining({ enabled: false, threshold: 90, thresholdType: "Forecasted", operator: "GreaterThanOrEqualTo" })],
      }),
    ]);
    expect(sumAmounts(budgets.map((b) => b.amount))).toBe(5000n * 10n ** 12n);
  });
});

describe("Azure budget lines", () => {
  it("show exactly the thresholds of the reference budget's notifications", async () => {
    h = await setup();
    expect(await azureBudgetLines(h.source)).toEqual([
      'Azure budget "TestBudget" (00000000-0000-0000-0000-000000000001, monthly, filtered): $80.89 of $100.65; alerts at 80%',
    ]);
  });

  it("never shows a notification without a numeric threshold as 0%", async () => {
    h = await setup();
    h.fake.setBudgets(SUB, [
      {
        name: "ai",
        properties: {
          amount: 100,
          timeGrain: "Monthly",
          currentSpend: { amount: 5, unit: "USD" },
          notifications: {
            a: { enabled: true, operator: "GreaterThan", contactEmails: [] },
            b: { enabled: true, threshold: 90, thresholdType: "Forecasted" },
            c: { enabled: true, threshold: "100" },
          },
        },
      },
    ]);
    const { budgets } = await h.source.budgets();
    expect(budgets[0].notifications.map((n) => [n.name, n.threshold, n.thresholdType])).toEqual([
      ["b", 90, "Forecasted"],
      ["c", 100, "Actual"],
    ]);
    expect((await azureBudgetLines(h.source))[0]).toMatch(/; alerts at 90% forecast, 100%$/);
  });
});

describe("Azure source budgets on a failing scope", () => {
  it("lists the other scopes' budgets and names the one it could not read", async () => {
    const other = "/subscriptions/00000000-0000-0000-0000-000000000002";
    h = await setup({ fault: (kind, _n, scope) => (kind === "budgets" && scope === other ? { status: 403 } : undefined) }, { scopes: [SUB, other] });
    const { budgets, warnings } = await h.source.budgets();
    expect(budgets.map((b) => b.scope)).toEqual([SUB]);
    expect(warnings).toEqual([expect.stringMatching(/^Budgets missing: .*000000000002.*Cost Management Reader/)]);
  });

  it("fails with the role needed when no scope's budgets can be read", async () => {
    h = await setup({ fault: (kind) => (kind === "budgets" ? { status: 401 } : undefined) });
    await expect(h.source.budgets()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Cost Management Reader/) });
  });
});
