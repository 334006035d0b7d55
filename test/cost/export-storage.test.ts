import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential, type ContainerClient } from "@azure/storage-blob";
import { describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import { createCostSource } from "../../src/cost/sources/index.js";
import { parseStorageLocation } from "../../src/cost/sources/storage/location.js";
import { createStorageCostSource } from "../../src/cost/sources/storage/source.js";
import type { CostRow, CostType } from "../../src/cost/types.js";
import { AZURITE_ACCOUNT, AZURITE_KEY } from "../fakes/azurite.js";
import { exportHarness } from "./export-harness.js";
import { ACTUAL, ALL, AMORTIZED, cents, FOCUS, head, REF, total, uploadRun, type RunSpec } from "./export-runs-fixture.js";

/** One actual-cost run of the reference rows (855 in cents), under root folder "r" unless `other` says. */
const uploadActualRun = (c: ContainerClient, other: Partial<RunSpec> = {}) =>
  uploadRun(c, {
    root: "r",
    exportName: "e",
    type: "ActualCost",
    stamp: "202309170944",
    runId: "r1",
    startDate: "2023-09-01",
    files: [{ name: "part_0_0001.csv.gz", body: gzipSync(ACTUAL) }],
    ...other,
  });

const h = exportHarness();
const { container, source } = h;
const newCache = () => h.tempDir();
const ask = (
  s: { query: (q: { from: string; to: string; costType: CostType }) => Promise<{ rows: CostRow[]; warnings: string[] }> },
  costType: CostType = "actual",
) => s.query({ ...ALL, costType });

describe("exports in Azure Storage (Azurite)", () => {
  it("reads the latest complete run per period, skips a newer partial run, and keeps actual and amortized apart", async () => {
    const c = await container("runs");
    const base = { root: "costs", startDate: "2023-09-01" } as const;
    await uploadRun(c, {
      ...base,
      exportName: "daily-actual",
      type: "ActualCost",
      stamp: "202309160944",
      runId: "r1",
      files: [{ name: "part_0_0001.csv.gz", body: gzipSync(head(ACTUAL, 4)) }],
    });
    await uploadRun(c, {
      ...base,
      exportName: "daily-actual",
      type: "ActualCost",
      stamp: "202309170944",
      runId: "r2",
      files: [
        { name: "part_0_0001.csv.gz", body: gzipSync(head(ACTUAL, 6)) },
        { name: "part_0_0002.csv", body: Buffer.concat([head(ACTUAL, 0), Buffer.from(ACTUAL.toString("utf8").split("\n").slice(7).join("\n"))]) },
      ],
    });
    const partial = await uploadRun(c, {
      ...base,
      exportName: "daily-actual",
      type: "ActualCost",
      stamp: "202309180944",
      runId: "r3",
      files: [{ name: "part_0_0001.csv.gz", body: gzipSync(head(ACTUAL, 2)) }],
      missing: ["part_0_0002.csv.gz"],
    });
    await uploadRun(c, {
      ...base,
      exportName: "daily-amortized",
      type: "AmortizedCost",
      stamp: "202309170950",
      runId: "a1",
      files: [{ name: "part_0_0001.csv.gz", body: gzipSync(AMORTIZED) }],
    });

    const s = await source("runs/costs");
    const actual = await ask(s);
    expect(total(actual.rows)).toBe(855n); // the whole actual file: 8.55, never r1 + r2, never the partial r3
    expect(total(actual.rows)).toBe(cents(ACTUAL, "Cost"));
    expect(actual.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Skipped the incomplete export run ${partial}/ (${partial}/part_0_0002.csv.gz is listed`),
        expect.stringMatching(/actual-cost export only; left out amortized-cost data.*daily-amortized/),
      ]),
    );
    const amortized = await ask(s, "amortized");
    expect(total(amortized.rows)).toBe(cents(AMORTIZED, "Cost"));
    expect(amortized.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/amortized-cost export only/)]));
  });

  it("downloads nothing on a second sync or after a restart, and only the changed blob after an overwrite; a new run replaces the old", async () => {
    const c = await container("incremental");
    const run = { root: "x", exportName: "e", type: "ActualCost", startDate: "2023-09-01" } as const;
    const folder = await uploadRun(c, {
      ...run,
      stamp: "202309170944",
      runId: "r1",
      files: [{ name: "part_0_0001.csv.gz", body: gzipSync(ACTUAL) }],
    });
    const cache = await newCache();
    const s = await source("incremental/x", cache);
    const first = await s.sync();
    expect(first.stats.blobsDownloaded).toBe(2); // manifest + one part
    const second = await s.sync();
    expect(second.stats).toEqual({ requests: 1, blobsDownloaded: 0, bytesDownloaded: 0 }); // one listing, nothing else
    const restarted = await source("incremental/x", cache);
    expect((await restarted.sync()).stats.blobsDownloaded).toBe(0);
    expect(total((await ask(restarted)).rows)).toBe(855n);

    // OverwritePreviousReport: the same blob name with new content (and a manifest saying so).
    await uploadRun(c, { ...run, stamp: "202309170944", runId: "r1", files: [{ name: "part_0_0001.csv.gz", body: gzipSync(head(ACTUAL, 3)) }] });
    const overwritten = await restarted.sync();
    expect(overwritten.stats.blobsDownloaded).toBe(2);
    expect(total((await ask(restarted)).rows)).toBe(cents(head(ACTUAL, 3), "Cost"));
    expect(folder).toContain("/r1");

    // CreateNewReport: a later run of the same period supersedes it.
    await uploadRun(c, { ...run, stamp: "202309180944", runId: "r2", files: [{ name: "part_0_0001.csv.gz", body: gzipSync(ACTUAL) }] });
    await restarted.sync();
    expect(total((await ask(restarted)).rows)).toBe(855n);
  });

  it("gives identical answers to the cent from CSV.gz and from Parquet of the same FOCUS data", async () => {
    const dir = await newCache();
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    await conn.run(
      `COPY (SELECT * FROM read_csv('${REF}exports/FOCUS-1.0-sample.Microsoft-rows.csv', header = true)) TO '${dir}/p.parquet' (FORMAT parquet, COMPRESSION snappy)`,
    );
    conn.closeSync();
    db.closeSync();
    const csv = await container("focus-csv");
    const pq = await container("focus-parquet");
    const run = { root: "focus", exportName: "focus-cost", type: "FocusCost", stamp: "202410010944", runId: "f1", startDate: "2024-09-01" } as const;
    await uploadRun(csv, { ...run, files: [{ name: "part_0_0001.csv.gz", body: gzipSync(FOCUS) }] });
    await uploadRun(pq, { ...run, format: "Parquet", files: [{ name: "part_0_0001.snappy.parquet", body: await readFile(`${dir}/p.parquet`) }] });
    for (const costType of ["actual", "amortized"] as const) {
      const a = await ask(await source("focus-csv/focus"), costType);
      const b = await ask(await source("focus-parquet/focus"), costType);
      expect(total(b.rows)).toBe(total(a.rows));
      expect(total(a.rows)).toBe(cents(FOCUS, costType === "actual" ? "BilledCost" : "EffectiveCost"));
      const byMeter = (rows: CostRow[]) => rows.map((r) => `${r.date}|${r.meterName}|${r.resourceId}|${r.cost}`).sort();
      expect(byMeter(b.rows)).toEqual(byMeter(a.rows));
    }
  });

  it("works as COSTBOT_SOURCE / --source: a path-style URL with AZURE_STORAGE_CONNECTION_STRING", async () => {
    await uploadActualRun(await container("viaindex"));
    const s = await createCostSource(`${h.azurite.blobUrl}/viaindex/r`, {
      storage: { connectionString: h.azurite.connectionString, cacheDir: await newCache(), syncEveryMs: 3_600_000 },
    });
    expect(total((await ask(s)).rows)).toBe(855n);
  });

  it("reads meter columns only for a one-shot question (the CLI), with the same total", async () => {
    await uploadActualRun(await container("oneshot"));
    const storage = { connectionString: h.azurite.connectionString, cacheDir: await newCache(), syncEveryMs: 3_600_000 };
    const cli = await createCostSource(`${h.azurite.blobUrl}/oneshot/r`, { storage, oneShot: true });
    const meters = await cli.query({ ...ALL, costType: "actual", columns: "meters" });
    const whole = await ask(await createCostSource(`${h.azurite.blobUrl}/oneshot/r`, { storage }));
    expect(total(meters.rows)).toBe(855n);
    expect(total(whole.rows)).toBe(855n);
    // The reference rows are no AI models: neither read keeps their resources.
    expect([...whole.rows, ...meters.rows].every((r) => r.resourceId === "")).toBe(true);
  });
});

describe("exports in Azure Storage: progress", () => {
  it("tells the CLI's progress line how far the blob downloading now has come", async () => {
    // ~3 MB of reference rows: the download arrives in several chunks.
    const rows = ACTUAL.toString("utf8").split("\n").slice(1).filter(Boolean);
    const big = Buffer.from([ACTUAL.toString("utf8").split("\n")[0], ...Array.from({ length: 1000 }, () => rows).flat()].join("\n") + "\n");
    await uploadActualRun(await container("progress"), { files: [{ name: "part_0_0001.csv", body: big }] });
    const lines: string[] = [];
    const s = createStorageCostSource({
      location: parseStorageLocation(`${h.azurite.blobUrl}/progress/r`),
      connectionString: h.azurite.connectionString,
      cacheDir: await newCache(),
      progress: (l) => lines.push(l),
    });
    await ask(s);
    const size = (big.length / 1e6).toFixed(1);
    const during = lines.filter((l) => l.includes("; now part_0_0001.csv"));
    const loaded = during.map((l) => Number(/now part_0_0001\.csv, ([\d.]+) MB of /.exec(l)![1]));
    expect(during.length).toBeGreaterThan(1);
    expect(during.every((l) => l.includes(`0/1 files, 0.0 MB downloaded; now part_0_0001.csv,`) && l.endsWith(` of ${size} MB`))).toBe(true);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).toBe(Number(size));
    expect(lines).toContain(`syncing ${h.azurite.blobUrl}/progress/r: 1/1 files, ${size} MB downloaded`);
  });
});

describe("exports in Azure Storage: bad input, one line each, nothing half-counted", () => {
  const fails = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CostbotError);
    expect((err as Error).message).not.toContain("\n");
    return err as CostbotError;
  };

  it("refuses a URL that is not a storage location", async () => {
    for (const url of ["https://example.com/exports", "https://acct.blob.core.windows.net/", "ftp://127.0.0.1/devstoreaccount1/c"]) {
      const err = await fails(createCostSource(url));
      expect(err.code).toBe("BAD_INPUT");
      expect(err.message).toMatch(/is not an Azure Storage location/);
    }
  });

  it("names the role when the identity may not list the container", async () => {
    await container("locked");
    const sas = generateBlobSASQueryParameters(
      { containerName: "locked", permissions: ContainerSASPermissions.parse("r"), expiresOn: new Date(Date.now() + 3_600_000) },
      new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
    ).toString();
    const s = createStorageCostSource({ location: parseStorageLocation(`${h.azurite.blobUrl}/locked/x?${sas}`), cacheDir: await newCache() });
    const err = await fails(ask(s));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/Storage Blob Data Reader/);
  });

  it("says the container is empty", async () => {
    await container("empty");
    const err = await fails(ask(await source("empty")));
    expect(err.message).toMatch(/empty/);
  });

  it("names a missing container", async () => {
    const err = await fails(ask(await source("nosuchcontainer/x")));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toMatch(/nosuchcontainer/);
  });

  it("names the blob a manifest lists but the container lacks, when no complete run is left", async () => {
    const c = await container("missing");
    const folder = await uploadActualRun(c, { root: "m", missing: ["part_0_0002.csv.gz"] });
    const err = await fails(ask(await source("missing/m")));
    expect(err.message).toContain(`${folder}/part_0_0002.csv.gz`);
    expect(err.message).toMatch(/nothing counted/);
  });

  it.each([
    ["a corrupt Parquet file", "part_0_0001.snappy.parquet", "Parquet", Buffer.from("PAR1 this is not parquet at all PAR1")],
    ["a corrupt gzip CSV", "part_0_0001.csv.gz", "Csv", Buffer.from("not gzip at all")],
  ] as const)("names the blob of %s and counts nothing", async (_what, name, format, body) => {
    const c = await container(`corrupt-${format.toLowerCase()}`);
    await uploadRun(c, {
      root: "m",
      exportName: "e",
      type: "ActualCost",
      stamp: "202309170944",
      runId: "r1",
      startDate: "2023-09-01",
      format,
      files: [
        { name: "part_0_0000.csv.gz", body: gzipSync(ACTUAL) },
        { name, body },
      ],
    });
    const err = await fails(ask(await source(`corrupt-${format.toLowerCase()}/m`)));
    expect(err.message).toContain(`/r1/${name}`);
  });
});
