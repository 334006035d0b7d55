import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CostbotError } from "../../src/cost/errors.js";
import { findExportFiles } from "../../src/cost/sources/export/files.js";
import { createExportCostSource } from "../../src/cost/sources/export/index.js";
import { readInParallel, splitRanges } from "../../src/cost/sources/export/parallel.js";
import type { CostType } from "../../src/cost/types.js";

const REF = fileURLToPath(new URL("../../test/fixtures/reference/exports/", import.meta.url));
const FIX = fileURLToPath(new URL("../fixtures/exports/", import.meta.url));
const ALL = { from: "2000-01-01", to: "2099-12-31" };
const tmp = mkdtempSync(join(tmpdir(), "costbot-export-parallel-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The same query read in this thread and on `workers` threads, split whatever the size. */
async function both(path: string, workers: number, costType: CostType = "actual", range = ALL) {
  const q = { ...range, costType };
  const single = await createExportCostSource({ path, workers: 1 }).query(q);
  const parallel = await createExportCostSource({ path, workers, parallelFrom: 0 }).query(q);
  return { single, parallel };
}

const HEADER = "Date,MeterName,Cost,Quantity,UnitOfMeasure,ResourceId,Notes\n";
const METERS = ["gpt 4o Inp glbl Tokens", 'DeepSeek "R1" Outp', "PTU, hourly", "Log Analytics"];

/** One EA-like record; `notes` is a quoted field that may hold newlines. */
function record(i: number, notes: string, cost = `${(i % 97) / 7}`.slice(0, 14)): string {
  const meter = METERS[i % METERS.length];
  const quoted = `"${meter.replaceAll('"', '""')}"`;
  const day = String(1 + (i % 28)).padStart(2, "0");
  return `10/${day}/2025,${quoted},${cost},${(i % 13) * 1.125},1K,/subscriptions/s/resourceGroups/rg-${i % 5}/providers/x/accounts/a${i % 11},"${notes}"\n`;
}

/**
 * A file of exactly `size` bytes split for `lanes` lanes, where the record holding each split
 * point has a quoted newline in its Notes field at `offset` bytes from that point (-2: just
 * before it, so the range start resyncs correctly; >= -1: at or after it, so it cannot).
 */
function fileWithNewlinesAtSplits(size: number, lanes: number, offset: number): string {
  const splits = splitRanges(size, lanes).slice(1).map((r) => r.start);
  const parts = [HEADER];
  let length = HEADER.length;
  const add = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  let i = 0;
  for (const split of splits) {
    while (split - length > 600) add(record(i++, i % 3 ? "plain" : 'line one\nline two, ""quoted""'));
    // Notes start after the record's prefix and the opening quote; put the newline at split + offset.
    const notesAt = length + record(i, "").lastIndexOf(',"') + 2;
    add(record(i++, "a".repeat(split + offset - notesAt) + "\nb"));
  }
  const last = record(i, "");
  add(record(i, "z".repeat(size - length - last.length)));
  const out = parts.join("");
  expect(Buffer.byteLength(out)).toBe(size);
  return out;
}

describe("export source on worker threads", () => {
  it.each([
    ["EA_ActualCost_Small.csv", "actual"],
    ["EA_AmortizedCost_Small.csv", "amortized"],
    ["FOCUS-1.0-sample.Microsoft-rows.csv", "actual"],
    ["FOCUS-1.0-sample.Microsoft-rows.csv", "amortized"],
  ] as const)("gives the same rows, totals and warnings as one thread for %s (%s)", async (file, costType) => {
    for (const workers of [2, 3]) {
      const { single, parallel } = await both(REF + file, workers, costType);
      expect(parallel).toEqual(single);
      expect(single.rows.length).toBeGreaterThan(0);
    }
  });

  it("reads ranges whose first record follows a quoted newline just before the split point", async () => {
    const path = join(tmp, "newlines-before-splits.csv");
    writeFileSync(path, fileWithNewlinesAtSplits(3_000_000, 4, -2));
    const read = await readInParallel(await findExportFiles(path), { ...ALL, costType: "actual" }, { lanes: 4, splitFrom: 0 });
    expect(read.resynced).toEqual([]);
    const { single, parallel } = await both(path, 4);
    expect(parallel).toEqual(single);
    expect(single.rows.some((r) => r.meterName === 'DeepSeek "R1" Outp')).toBe(true);
  });

  it.each([-1, 0, 1, 500])(
    "falls back to one thread for a file whose split point is in a quoted field with a newline at %d, still exact",
    async (offset) => {
      const path = join(tmp, `newlines-after-splits${offset}.csv`);
      writeFileSync(path, fileWithNewlinesAtSplits(400_000, 2, offset));
      const files = await findExportFiles(path);
      const read = await readInParallel(files, { ...ALL, costType: "actual" }, { lanes: 2, splitFrom: 0 });
      expect(read.resynced).toEqual([path]);
      const { single, parallel } = await both(path, 2);
      expect(parallel).toEqual(single);
    },
  );

  it("numbers unreadable rows from the start of the file when they fall in a later range", async () => {
    const path = join(tmp, "bad-cost-late.csv");
    const lines = Array.from({ length: 4000 }, (_, i) => record(i, "n", i === 3001 || i === 3500 ? "n/a" : undefined));
    writeFileSync(path, HEADER + lines.join(""));
    const { single, parallel } = await both(path, 3);
    expect(single.warnings).toEqual([`${path}: 2 row(s) with an unreadable Cost value left out (first: data row 3002).`]);
    expect(parallel).toEqual(single);
  });

  it("spreads a folder of .csv and .csv.gz files over the workers with the same result", async () => {
    const dir = join(tmp, "ActualCost");
    mkdirSync(join(dir, "nested"), { recursive: true });
    for (let p = 0; p < 5; p++) {
      const body = HEADER + Array.from({ length: 300 }, (_, i) => record(i * (p + 1), "x\ny")).join("");
      if (p % 2) writeFileSync(join(dir, "nested", `part_${p}.csv.gz`), gzipSync(body));
      else writeFileSync(join(dir, `part_${p}.csv`), body);
    }
    const { single, parallel } = await both(dir, 3);
    expect(parallel).toEqual(single);
    const fixture = await both(FIX + "partitioned", 2, "amortized", { from: "2025-11-01", to: "2025-11-30" });
    expect(fixture.parallel).toEqual(fixture.single);
  });

  it("throws the first failing file's error, as one thread does", async () => {
    const dir = join(tmp, "mixed-bad");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.csv"), HEADER + record(1, "ok"));
    writeFileSync(join(dir, "b.csv"), "Name,Price\nx,1\n");
    writeFileSync(join(dir, "c.csv"), "Other,Columns\n1,2\n");
    const single = await createExportCostSource({ path: dir, workers: 1 }).query({ ...ALL, costType: "actual" }).catch((e: unknown) => e);
    const parallel = await createExportCostSource({ path: dir, workers: 3, parallelFrom: 0 })
      .query({ ...ALL, costType: "actual" })
      .catch((e: unknown) => e);
    expect(single).toBeInstanceOf(CostbotError);
    expect(parallel).toBeInstanceOf(CostbotError);
    expect((parallel as CostbotError).message).toBe((single as CostbotError).message);
    expect((parallel as CostbotError).message).toContain("b.csv");
    expect((parallel as CostbotError).code).toBe("BAD_INPUT");
  });
});
