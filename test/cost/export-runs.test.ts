// Export runs beyond the common case: a local copy of an export folder follows the same rules as
// Azure Storage (manifest.json picks the runs), older exports without a manifest are read by their
// month folder, loose files are refused with one line, and superseded runs leave the cache.
import { existsSync } from "node:fs";
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import { createExportCostSource } from "../../src/cost/sources/export/index.js";
import { exportHarness, writeBelow, writeRun } from "./export-harness.js";
import { ACTUAL, ALL, AMORTIZED, cents, head, total, uploadRun, type RunSpec } from "./export-runs-fixture.js";

const actualRun = { root: "costs", exportName: "daily-actual", type: "ActualCost", startDate: "2023-09-01" } as const;

const h = exportHarness();
const { tempDir, container } = h;
const storage = (path: string, cacheDir?: string) => h.source(path, cacheDir);
/** A file with the given mtime (an older export's runs are told apart by it). */
async function write(root: string, name: string, body: Buffer | string, mtime: Date): Promise<void> {
  const path = await writeBelow(root, name, body);
  await utimes(path, mtime, mtime);
}

describe("a local copy of an export folder follows the runs' rules", () => {
  it("reads the latest complete run per period, skips a newer partial run and keeps actual and amortized apart", async () => {
    const root = await tempDir();
    await writeRun(root, { ...actualRun, stamp: "202309160944", runId: "r1", files: [{ name: "part_0_0001.csv", body: head(ACTUAL, 4) }] });
    await writeRun(root, { ...actualRun, stamp: "202309170944", runId: "r2", files: [{ name: "part_0_0001.csv.gz", body: gzipSync(ACTUAL) }] });
    const partial = await writeRun(root, {
      ...actualRun,
      stamp: "202309180944",
      runId: "r3",
      files: [{ name: "part_0_0001.csv", body: head(ACTUAL, 2) }],
      missing: ["part_0_0002.csv"],
    });
    await writeRun(root, {
      ...actualRun,
      exportName: "daily-amortized",
      type: "AmortizedCost",
      stamp: "202309170950",
      runId: "a1",
      files: [{ name: "part_0_0001.csv", body: AMORTIZED }],
    });
    const s = createExportCostSource({ path: root });
    const actual = await s.query({ ...ALL, costType: "actual" });
    expect(total(actual.rows)).toBe(cents(ACTUAL, "Cost")); // r2 alone: never r1 + r2, never the partial r3
    expect(actual.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Skipped the incomplete export run ${partial}/`),
        expect.stringMatching(/actual-cost export only; left out amortized-cost data/),
      ]),
    );
    expect(total((await s.query({ ...ALL, costType: "amortized" })).rows)).toBe(cents(AMORTIZED, "Cost"));
  });

  it("reads an older export without manifest.json by its month folder: the newest file is the month's run", async () => {
    const root = await tempDir();
    const month = "export/daily-actual/20230901-20230930";
    await write(root, `${month}/daily-actual_11111111-1111-1111-1111-111111111111.csv`, head(ACTUAL, 3), new Date("2023-09-16T09:44:00Z"));
    await write(root, `${month}/daily-actual_22222222-2222-2222-2222-222222222222.csv`, ACTUAL, new Date("2023-09-17T09:44:00Z"));
    const got = await createExportCostSource({ path: root }).query({ ...ALL, costType: "actual" });
    expect(total(got.rows)).toBe(cents(ACTUAL, "Cost"));
    expect(got.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Read 1 export run\(s\) without manifest\.json by folder layout .*22222222-2222-2222-2222-222222222222\.csv; 1 older file\(s\) there taken as superseded runs/,
        ),
      ]),
    );
  });
});

describe("Azure Storage: runs without a manifest, and the cache", () => {
  /** Resolves once the clock has passed `t` by a whole second (Last-Modified has seconds only). */
  const nextSecond = async (t: Date) => {
    while (Math.floor(Date.now() / 1000) <= Math.floor(t.getTime() / 1000)) await new Promise((r) => setImmediate(r));
  };

  it("reads an older export's month folder by its newest file, with a warning", async () => {
    const c = await container("legacy");
    const month = "export/myExport/20230901-20230930";
    const first = await c.getBlockBlobClient(`${month}/myExport_11111111-1111-1111-1111-111111111111.csv`).uploadData(head(ACTUAL, 3));
    await nextSecond(first.lastModified!);
    await c.getBlockBlobClient(`${month}/myExport_22222222-2222-2222-2222-222222222222.csv`).uploadData(ACTUAL);
    const got = await (await storage("legacy/export")).query({ ...ALL, costType: "actual" });
    expect(total(got.rows)).toBe(cents(ACTUAL, "Cost"));
    expect(got.warnings.join("\n")).toMatch(/without manifest\.json by folder layout.*myExport_2222/);
  });

  it("refuses data files that belong to no run, in one line naming the folder", async () => {
    const c = await container("loose");
    await c.getBlockBlobClient("copied/by/hand/costs.csv").uploadData(ACTUAL);
    const err = await (await storage("loose/copied")).query({ ...ALL, costType: "actual" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CostbotError);
    expect((err as Error).message).not.toContain("\n");
    expect((err as Error).message).toMatch(/^No manifest\.json beside the export files under .*loose\/copied \(e\.g\. in copied\/by\/hand\/\)/);
  });

  it("prunes superseded runs from the cache one sync after they stop being read, never the run in use", async () => {
    const c = await container("prune");
    const upload = (r: RunSpec) => uploadRun(c, r);
    const cache = await tempDir();
    const cached = (folder: string) => existsSync(join(cache, h.azurite.blobUrl.split("/").pop()!, "prune", ...folder.split("/"), "part_0_0001.csv"));
    const r1 = await upload({ ...actualRun, stamp: "202309160944", runId: "r1", files: [{ name: "part_0_0001.csv", body: head(ACTUAL, 2) }] });
    const s = await storage("prune/costs", cache);
    await s.sync();
    expect(cached(r1)).toBe(true);
    const r2 = await upload({ ...actualRun, stamp: "202309170944", runId: "r2", files: [{ name: "part_0_0001.csv", body: head(ACTUAL, 4) }] });
    await s.sync();
    expect([cached(r1), cached(r2)]).toEqual([true, true]); // r1 was read until this sync
    const r3 = await upload({ ...actualRun, stamp: "202309180944", runId: "r3", files: [{ name: "part_0_0001.csv", body: ACTUAL }] });
    await s.sync();
    expect([cached(r1), cached(r2), cached(r3)]).toEqual([false, true, true]);
    expect(total((await s.query({ ...ALL, costType: "actual" })).rows)).toBe(cents(ACTUAL, "Cost"));
    expect((await s.sync()).stats.blobsDownloaded).toBe(0); // pruning does not make the next sync download again
  });
});
