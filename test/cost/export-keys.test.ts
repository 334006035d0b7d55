// How the export engine groups a file (src/cost/sources/export/file-totals.ts), through the real
// DuckDB on small fixture files: the hash-collision fallback, and questions that read meter columns
// only giving the answers the whole-file fold gives.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aggregate } from "../../src/cost/aggregate.js";
import { createExportCostSource } from "../../src/cost/sources/export/index.js";
import { exportFile } from "../../src/cost/sources/export/files.js";
import { readFileTotals, type FileTotals } from "../../src/cost/sources/export/file-totals.js";
import type { CostQuery, CostRow, CostType } from "../../src/cost/types.js";

const FIX = fileURLToPath(new URL("../fixtures/exports/", import.meta.url));
const REF = fileURLToPath(new URL("../fixtures/reference/exports/", import.meta.url));
const ALL = { from: "2000-01-01", to: "2099-12-31" };

/** A file's totals as comparable plain values, in a fixed order. */
function comparable(t: FileTotals) {
  return t.totals
    .map((k) => ({
      date: k.date,
      texts: k.texts.join("|"),
      provider: k.provider,
      actual: k.cost.actual,
      amortized: k.cost.amortized,
      quantity: Number(k.quantity.toPrecision(12)),
      rows: k.rows,
    }))
    .sort((a, b) => (a.date + a.texts + a.provider < b.date + b.texts + b.provider ? -1 : 1));
}

describe("export engine: a hash collision falls back to grouping by the texts", () => {
  it.each([[FIX + "ea-marketplace-resources.csv"], [FIX + "focus-vendor-resources.csv"]])(
    "%s: a one-bit hash collides, is detected, and gives the same totals",
    async (path) => {
      const file = await exportFile(path);
      const hashed = await readFileTotals(file);
      expect(hashed.keyedBy).toBe("hash");
      // Two buckets for more than two distinct texts: some texts must share a bucket.
      expect(new Set(hashed.totals.map((k) => k.textKey)).size).toBeGreaterThan(2);
      const collided = await readFileTotals(file, { keyHash: (texts) => `hash(${texts}) % 2` });
      expect(collided.keyedBy).toBe("texts");
      expect(comparable(collided)).toEqual(comparable(hashed));
      expect({ ...collided, totals: [], keyedBy: "" }).toEqual({ ...hashed, totals: [], keyedBy: "" });
    },
  );

  it("folds the rows of AI models by resource and other services' rows by meter (the server's fold)", async () => {
    const t = await readFileTotals(await exportFile(FIX + "ea-ai-and-others.csv"));
    expect(t.keyedBy).toBe("hash");
    // By hand from the file: gpt-4o on two accounts; three storage accounts 0.2 + 0.3 + 0.4; one VM.
    expect(t.totals.map((k) => [k.texts[2], k.texts[10], k.cost.actual]).sort()).toEqual([
      ["D2s v3", "", 2_500_000_000_000n],
      ["LRS Data Stored", "", 900_000_000_000n],
      ["gpt 4o 0513 Input global Tokens", "ai-east", 100_000_000_000n],
      ["gpt 4o 0513 Input global Tokens", "ai-west", 50_000_000_000n],
    ]);
  });

  it("keeps the hash when each bucket holds one text", async () => {
    const file = await exportFile(FIX + "ea-marketplace-resources.csv");
    const wide = await readFileTotals(file, { keyHash: (texts) => `hash(${texts}, 'another seed')` });
    expect(wide.keyedBy).toBe("hash");
    expect(comparable(wide)).toEqual(comparable(await readFileTotals(file)));
  });
});

const ask = (path: string, q: Partial<CostQuery>, oneShot?: boolean) =>
  createExportCostSource({ path, ...(oneShot ? { oneShot } : {}) }).query({ ...ALL, costType: "actual", ...q });

/** Everything a report reads from an aggregation, as plain values. */
function answer(rows: CostRow[], groupBy: "model" | "meter" | "day" | "channel" | "deployment-type") {
  const a = aggregate(rows, { ...ALL, groupBy });
  return {
    total: a.total,
    other: a.other,
    channels: a.channels,
    groups: [...a.groups].sort(([x], [y]) => x.localeCompare(y)),
    byDay: [...a.byDay].sort(),
    unrecognised: [...a.unrecognised].sort(),
    currencies: [...a.currencies],
  };
}

describe("export engine: a question reading meter columns only (the CLI)", () => {
  it.each([
    [REF + "EA_ActualCost_Small.csv", "actual"],
    [REF + "EA_AmortizedCost_Small.csv", "amortized"],
    [REF + "FOCUS-1.0-sample.Microsoft-rows.csv", "amortized"],
    [FIX + "focus-1.0-multi-provider.csv", "actual"],
    [FIX + "mca-actual.csv", "actual"],
    [FIX + "ea-marketplace-resources.csv", "actual"],
    [FIX + "ea-marketplace-signals.csv", "actual"],
    [FIX + "ea-ai-and-others.csv", "actual"],
    [FIX + "focus-vendor-resources.csv", "actual"],
  ] as const)("%s (%s): the same answer by model, meter, day, channel and deployment type", async (path, costType) => {
    const whole = await ask(path, { costType });
    const meters = await ask(path, { costType, columns: "meters" }, true);
    for (const by of ["model", "meter", "day", "channel", "deployment-type"] as const) {
      expect(answer(meters.rows, by), by).toEqual(answer(whole.rows, by));
    }
    expect(meters.rows.length).toBeLessThanOrEqual(whole.rows.length);
    expect({ ...meters, rows: [] }).toEqual({ ...whole, rows: [] });
  });

  it("keeps the resources of Marketplace rows, whose model the resource names, and drops the others'", async () => {
    const { rows } = await ask(FIX + "ea-marketplace-resources.csv", { columns: "meters" }, true);
    // The two gpt-4o rows (two resources, one meter and day) become one; the Marketplace rows stay apart.
    expect(rows).toHaveLength(5);
    const models = answer(rows, "model").groups.map(([model, g]) => [model, g.cost]);
    // By hand from the file: 0.021 + 0, 0.003 + 0.0006, 0.25 + 0.75 (in 1e-12 units).
    expect(models).toEqual([
      ["cohere-command-r", 3_600_000_000n],
      ["gpt-4o", 1_000_000_000_000n],
      ["mistral-large-2411", 21_000_000_000n],
    ]);
    const azure = rows.filter((r) => r.publisherType === "Azure");
    expect(azure.map((r) => [r.resourceId, r.resourceName, r.resourceGroup])).toEqual([
      ["", "", ""],
      ["", "", ""],
    ]);
    expect(rows.filter((r) => r.publisherType === "Marketplace").every((r) => /-[0-9a-f-]{36}$/.test(r.resourceName))).toBe(true);
  });

  it("keeps the resources of a row carrying any one Marketplace signal, in any letter case", async () => {
    const { rows } = await ask(FIX + "ea-marketplace-signals.csv", { columns: "meters" }, true);
    // By hand: publisher type MARKETPLACE; service microsoft.SaaS; meter "- PayGo-"; none (Azure OpenAI).
    expect(rows.map((r) => [r.meterName, r.resourceName]).sort()).toEqual([
      ["Claude Sonnet 4.5 Input Tokens", "claude-sonnet-4-5-1a2b"],
      ["Inference Input Tokens", "cohere-command-r-3c4d"],
      ["Mistral Large 2411 - PayGo-Inference-Input-Tokens", "mistral-large-2411-5e6f"],
      ["gpt 4o 0513 Input global Tokens", ""],
    ]);
  });

  it("reads FOCUS Vendor rows as Marketplace and keeps their resources", async () => {
    const { rows } = await ask(FIX + "focus-vendor-resources.csv", { columns: "meters" }, true);
    const models = answer(rows, "model").groups.map(([model, g]) => [model, g.cost, [...g.channels]]);
    expect(models).toEqual([
      ["gpt-4o", 500_000_000_000n, ["microsoft"]],
      ["meta-llama-3.1-405b", 32_000_000_000n, ["marketplace"]],
      ["mistral-large-2411", 4_000_000_000n, ["marketplace"]],
    ]);
  });

  it("is ignored by a source that keeps whole files for later questions (the server)", async () => {
    for (const costType of ["actual", "amortized"] as CostType[]) {
      const whole = await ask(REF + "EA_ActualCost_Small.csv", { costType });
      const served = await ask(REF + "EA_ActualCost_Small.csv", { costType, columns: "meters" });
      // Rows of one date come in DuckDB's order, which its threads decide.
      const sorted = (rows: CostRow[]) => rows.map((r) => JSON.stringify({ ...r, cost: String(r.cost) })).sort();
      expect(sorted(served.rows)).toEqual(sorted(whole.rows));
      expect({ ...served, rows: [] }).toEqual({ ...whole, rows: [] });
    }
  });
});
