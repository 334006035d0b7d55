import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import { toCents } from "../../src/cost/money.js";
import { createExportCostSource } from "../../src/cost/sources/export/index.js";
import type { CostRow, CostType } from "../../src/cost/types.js";

const REF = fileURLToPath(new URL("../../test/fixtures/reference/exports/", import.meta.url));
const FIX = fileURLToPath(new URL("../fixtures/exports/", import.meta.url));
const ALL = { from: "2000-01-01", to: "2099-12-31" };

/** Independent exact decimal -> 1e-12 units (half-up past 12 places), written apart from money.ts. */
function pico(text: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? "";
  let v = BigInt((m[2] || "0") + frac.slice(0, 12).padEnd(12, "0"));
  if (Number(frac[12] ?? "0") >= 5) v += 1n;
  return m[1] === "-" ? -v : v;
}

/** Reads a CSV with csv-parse (not our scanner) and sums a column exactly, optionally per row filter. */
function expectedTotal(file: string, column: string, keep: (r: Record<string, string>) => boolean = () => true) {
  const records = parse(readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
  const kept = records.filter(keep);
  return { total: kept.reduce((t, r) => t + pico(r[column]), 0n), count: kept.length };
}

async function run(path: string, costType: CostType = "actual", range = ALL) {
  return createExportCostSource({ path }).query({ ...range, costType });
}
const total = (rows: CostRow[]) => rows.reduce((t, r) => t + r.cost, 0n);

describe("export source: real reference samples", () => {
  it.each([
    ["EA_ActualCost_Small.csv", "actual", "Cost"],
    ["EA_AmortizedCost_Small.csv", "amortized", "Cost"],
    ["FOCUS-1.0-sample.Microsoft-rows.csv", "actual", "BilledCost"],
    ["FOCUS-1.0-sample.Microsoft-rows.csv", "amortized", "EffectiveCost"],
  ] as const)("sums %s (%s) exactly from the %s column", async (file, costType, column) => {
    const want = expectedTotal(REF + file, column);
    const got = await run(REF + file, costType);
    expect(total(got.rows)).toBe(want.total);
    expect(got.rows.length).toBeGreaterThan(0);
    expect(got.rows.length).toBeLessThanOrEqual(want.count);
    expect(got.warnings).toEqual([]);
  });

  it("maps EA columns onto CostRow fields and MM/DD/YYYY dates onto ISO dates; resources only on AI model rows", async () => {
    const { rows } = await run(REF + "EA_ActualCost_Small.csv");
    const storage = rows.find((r) => r.meterName === "GRS List and Create Container Operations");
    // Not a model: its cost counts as "other", which is never shown by resource.
    expect(storage).toMatchObject({
      date: "2023-09-04",
      currency: "USD",
      unitOfMeasure: "10K",
      meterCategory: "Storage",
      meterSubCategory: "Tiered Block Blob",
      serviceName: "Microsoft.Storage",
      publisherType: "Azure",
      resourceId: "",
      resourceName: "",
      resourceGroup: "",
    });
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
    const [gpt] = (await run(FIX + "ea-float-trap.csv")).rows;
    expect(gpt).toMatchObject({
      date: "2025-11-05",
      meterName: "gpt 4o 0513 Input global Tokens",
      resourceId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-east",
      resourceName: "ai-east",
      resourceGroup: "rg-ai",
    });
  });

  it("filters by date inclusively at both ends", async () => {
    const file = REF + "FOCUS-1.0-sample.Microsoft-rows.csv";
    const range = { from: "2024-09-04", to: "2024-09-10" };
    const inRange = (r: Record<string, string>) => {
      const d = r.ChargePeriodStart.slice(0, 10);
      return d >= range.from && d <= range.to;
    };
    const want = expectedTotal(file, "BilledCost", inRange);
    const got = await run(file, "actual", range);
    expect(total(got.rows)).toBe(want.total);
    const dates = new Set(got.rows.map((r) => r.date));
    expect(dates.has("2024-09-04")).toBe(true);
    expect(dates.has("2024-09-10")).toBe(true);
    expect([...dates].every((d) => d >= range.from && d <= range.to)).toBe(true);
  });

  it("warns when an EA export holds the other cost type than asked", async () => {
    const got = await run(REF + "EA_ActualCost_Small.csv", "amortized");
    expect(got.warnings).toHaveLength(1);
    expect(got.warnings[0]).toMatch(/EA_ActualCost_Small\.csv holds actual costs, not the amortized/);
  });

  it("reports the latest usage date seen as dataAsOf", async () => {
    const got = await run(REF + "EA_AmortizedCost_Small.csv", "amortized", { from: "2023-09-01", to: "2023-09-05" });
    expect(got.dataAsOf).toBe("2023-09-23T00:00:00.000Z");
  });
});

describe("export source: other formats and file shapes", () => {
  it("reads an MCA export (camelCase columns, no ResourceName) and derives the resource name", async () => {
    const got = await run(FIX + "mca-actual.csv");
    expect(total(got.rows)).toBe(pico("2.75") + pico("0.68875") + pico("0.3") + pico("5.125"));
    // Two rows with the same day, meter and resource fold into one, quantities summed.
    expect(got.rows).toHaveLength(3);
    const gpt = got.rows.find((r) => r.meterName === "gpt 4o 0513 Input global Tokens")!;
    expect(gpt).toMatchObject({
      date: "2024-10-01",
      cost: pico("3.43875"),
      quantity: 1500.5,
      currency: "EUR",
      unitOfMeasure: "1K",
      resourceGroup: "rg-ai",
      resourceName: "ai-east",
      publisherType: "Microsoft",
      product: "Azure OpenAI - gpt 4o 0513 Input global Tokens",
    });
    const mistral = got.rows.find((r) => r.publisherType === "Marketplace")!;
    expect(mistral.serviceName).toBe("SaaS");
    expect(mistral.resourceName).toBe("mistral-large-2411-6f1c2a9e-1b2c-4d5e-8f90-0a1b2c3d4e5f");
  });

  it.each([
    ["actual", ["1.00", "1.50", "0.40", "2.40"]],
    ["amortized", ["0.90", "1.25", "0.40", "2.10"]],
  ] as const)("reads FOCUS 1.2 %s cost from its own column", async (costType, values) => {
    const got = await run(FIX + "focus-1.2.csv", costType);
    expect(total(got.rows)).toBe(values.map(pico).reduce((a, b) => a + b));
    expect(got.warnings).toEqual([]);
    const mistral = got.rows.find((r) => r.meterName === "paygo-inference-output-tokens")!;
    expect(mistral).toMatchObject({ publisherType: "Marketplace", serviceName: "SaaS", unitOfMeasure: "1K", quantity: 66.667 });
    expect(got.rows.find((r) => r.date === "2025-03-31")?.publisherType).toBe("Microsoft");
  });

  it("handles a BOM, CRLF and quoted fields holding commas, quotes and newlines", async () => {
    const got = await run(FIX + "ea-bom-crlf-quoted.csv");
    expect(total(got.rows)).toBe(pico("5.5"));
    expect(got.rows).toHaveLength(2);
    expect(got.rows.map((r) => r.product).sort()).toEqual(['Azure OpenAI, "Foundry" models', "multi\nline product"]);
    expect(got.rows.find((r) => r.date === "2025-11-03")?.quantity).toBe(800);
  });

  it("reads a gzipped export", async () => {
    const got = await run(FIX + "ea-actual.csv.gz");
    expect(total(got.rows)).toBe(pico("0.684"));
    expect(got.rows.map((r) => r.meterName).sort()).toEqual(["R1 Inp glbl Tokens", "R1 Outp glbl Tokens"]);
  });

  it("reads every .csv and .csv.gz under a folder, ignoring side files, within the date range", async () => {
    const got = await run(FIX + "partitioned", "amortized", { from: "2025-11-01", to: "2025-11-30" });
    expect(total(got.rows)).toBe(pico("10.01") + pico("1.10") + pico("0.99") + pico("4.20"));
    // The two parts' rows for the same day and meter end up as one row.
    const gpt = got.rows.filter((r) => r.meterName.startsWith("gpt 4o"));
    expect(gpt).toHaveLength(1);
    expect(gpt[0].cost).toBe(pico("11.00"));
    // The folder is named AmortizedCost, so no mismatch warning for an amortized query...
    expect(got.warnings).toEqual([]);
    // ...but one (not one per part) for an actual query.
    const actual = await run(FIX + "partitioned", "actual", { from: "2025-11-01", to: "2025-11-30" });
    expect(actual.warnings).toHaveLength(1);
    expect(actual.warnings[0]).toMatch(/3 export files .* hold amortized costs/);
  });

  it("sums exactly where a float running sum would be a cent off", async () => {
    const got = await run(FIX + "ea-float-trap.csv");
    const floatSum = [...Array(10).fill(0.1), 0.005].reduce((a, b) => a + b, 0);
    expect(Math.round(floatSum * 100)).toBe(100); // the trap: a float sum shows 1.00
    expect(got.rows).toHaveLength(1);
    expect(got.rows[0].cost).toBe(pico("1.005"));
    expect(toCents(got.rows[0].cost)).toBe(101n);
  });

  it("sums costs of a million and more exactly, beyond the fast 64-bit parse", async () => {
    // 1234567.891234567891 - 2000000.5 + 999999.999999999999 + 0.000000000001 (half-up) + 98765432109876543.25 + 0.1
    const got = await run(FIX + "ea-large-costs.csv");
    expect(got.warnings).toEqual([]);
    expect(total(got.rows)).toBe(pico("98765432110111110.741234567891"));
    expect(total(got.rows)).toBe(expectedTotal(FIX + "ea-large-costs.csv", "Cost").total);
  });

  it("leaves out rows whose cost cannot be read, and says how many", async () => {
    const got = await run(FIX + "ea-bad-cost.csv");
    expect(total(got.rows)).toBe(pico("2.5"));
    expect(got.warnings).toHaveLength(1);
    expect(got.warnings[0]).toMatch(/ea-bad-cost\.csv: 2 row\(s\) with an unreadable Cost value left out \(first: data row 2\)/);
  });
});

describe("export source: errors", () => {
  it("names the file and the expected columns when a header has no cost columns", async () => {
    const err = await run(FIX + "pricesheet-no-cost.csv").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CostbotError);
    expect((err as CostbotError).code).toBe("BAD_INPUT");
    expect((err as Error).message).toMatch(/pricesheet-no-cost\.csv is not a recognised Azure cost export/);
    expect((err as Error).message).toMatch(/BilledCost/);
    expect((err as Error).message).toMatch(/CostInBillingCurrency/);
  });

  it("names a missing path", async () => {
    const err = await run(FIX + "no-such-export.csv").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CostbotError);
    expect((err as CostbotError).code).toBe("NOT_FOUND");
    expect((err as Error).message).toContain("no-such-export.csv");
  });

  it("is named after its path", () => {
    expect(createExportCostSource({ path: "./exports" }).name).toBe("export ./exports");
  });
});
