import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import { toCents } from "../../src/cost/money.js";
import { createExportCostSource } from "../../src/cost/sources/export/index.js";
import type { CostRow, CostType } from "../../src/cost/types.js";

const FIX = fileURLToPath(new URL("../fixtures/exports/", import.meta.url));
const REF = fileURLToPath(new URL("../fixtures/reference/exports/", import.meta.url));
const ALL = { from: "2000-01-01", to: "2099-12-31" };
const run = (path: string, costType: CostType = "actual") => createExportCostSource({ path }).query({ ...ALL, costType });
const cents = (rows: CostRow[]) => toCents(rows.reduce((t, r) => t + r.cost, 0n));

describe("export datasets are never mixed", () => {
  it("answers an actual question from the actual export of a folder holding both, naming the other", async () => {
    const alone = await run(REF + "EA_ActualCost_Small.csv");
    const got = await run(FIX + "mixed");
    expect(cents(got.rows)).toBe(cents(alone.rows));
    expect(cents(got.rows)).toBe(855n); // 8.55, by hand from the file's Cost column
    expect(got.warnings).toHaveLength(1);
    expect(got.warnings[0]).toMatch(/actual-cost export only; left out amortized-cost data.*EA_AmortizedCost_Small\.csv/);
  });

  it("answers an amortized question from the amortized export of the same folder", async () => {
    const alone = await run(REF + "EA_AmortizedCost_Small.csv", "amortized");
    const got = await run(FIX + "mixed", "amortized");
    expect(cents(got.rows)).toBe(cents(alone.rows));
    expect(got.warnings[0]).toMatch(/amortized-cost export only; left out actual-cost data.*EA_ActualCost_Small\.csv/);
  });

  it("refuses with one line naming the file when a file's dataset cannot be told", async () => {
    const err = await run(FIX + "mixed-undecidable").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CostbotError);
    expect((err as CostbotError).code).toBe("BAD_INPUT");
    expect((err as Error).message).toMatch(/costs-november\.csv/);
    expect((err as Error).message).not.toContain("\n");
  });
});

describe("FOCUS rows of other providers", () => {
  it("counts Microsoft's rows only and says how many rows of which providers were left out", async () => {
    const got = await run(FIX + "focus-1.0-multi-provider.csv");
    // BilledCost of the six Microsoft lines, summed by hand:
    // 0.000015 + 0.000006 + 0.00000504 + 0.000001638 + 1.58088 - 0.01288992 = 1.568017758
    expect(got.rows.reduce((t, r) => t + r.cost, 0n)).toBe(1_568_017_758_000n);
    expect(got.warnings).toEqual([expect.stringMatching(/Left out 3 FOCUS row\(s\) of other providers than Microsoft \(AWS 2, Oracle 1\)/)]);
  });
});

describe("Parquet exports", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "costbot-parquet-"));
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    // DuckDB sniffs the CSV's types, so cost columns land in Parquet as DOUBLE, as a typed export would.
    for (const [src, out, codec] of [
      [REF + "FOCUS-1.0-sample.Microsoft-rows.csv", "focus.snappy.parquet", "snappy"],
      [FIX + "focus-1.2.csv", "focus12.parquet", "uncompressed"],
      [REF + "EA_ActualCost_Small.csv", "EA_ActualCost.parquet", "snappy"],
    ]) {
      await conn.run(`COPY (SELECT * FROM read_csv('${src}', header = true)) TO '${join(dir, out)}' (FORMAT parquet, COMPRESSION ${codec})`);
    }
    conn.closeSync();
    db.closeSync();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [REF + "FOCUS-1.0-sample.Microsoft-rows.csv", "focus.snappy.parquet", "actual"],
    [REF + "FOCUS-1.0-sample.Microsoft-rows.csv", "focus.snappy.parquet", "amortized"],
    [FIX + "focus-1.2.csv", "focus12.parquet", "actual"],
    [REF + "EA_ActualCost_Small.csv", "EA_ActualCost.parquet", "actual"],
  ] as const)("gives the same rows from %s as from its Parquet copy %s (%s)", async (csv, parquet, costType) => {
    const a = await run(csv, costType);
    const b = await run(join(dir, parquet), costType);
    const key = (r: CostRow) => `${r.date}|${r.meterName}|${r.resourceId}|${r.cost}|${r.quantity}`;
    expect(b.rows.map(key).sort()).toEqual(a.rows.map(key).sort());
    expect(b.warnings).toEqual(a.warnings);
  });
});
