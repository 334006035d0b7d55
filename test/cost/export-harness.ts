// Azurite (and, when asked, the holding proxy in front of it) and temporary folders for one export
// test file, and export runs written where a test reads them (a local folder or a container). Call
// exportHarness() once at a file's top level: it starts them before the file's tests and stops
// them, and removes the folders, after them.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll } from "vitest";
import { createExportCostSource } from "../../src/cost/sources/export/index.js";
import { parseStorageLocation } from "../../src/cost/sources/storage/location.js";
import { createStorageCostSource, type StorageSourceOptions } from "../../src/cost/sources/storage/source.js";
import { AZURITE_ACCOUNT, startAzurite, type Azurite } from "../fakes/azurite.js";
import { startHoldingProxy, type HoldingProxy } from "../fakes/holding-proxy.js";
import { ACTUAL, manifestOf, runFolder, uploadRun, type RunSpec } from "./export-runs-fixture.js";

/** The run the sync tests put in a container: export "e" under root folder "k", September 2023 actual cost. */
export const SYNC_RUN = { root: "k", exportName: "e", type: "ActualCost", stamp: "202309170944", runId: "r1", startDate: "2023-09-01" } as const;

export function exportHarness(opts: { proxy?: boolean } = {}) {
  let azurite: Azurite | undefined;
  let proxy: HoldingProxy | undefined;
  let service: BlobServiceClient | undefined;
  const dirs: string[] = [];
  let containers = 0;
  beforeAll(async () => {
    azurite = await startAzurite();
    if (opts.proxy) proxy = await startHoldingProxy(azurite.blobUrl);
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  afterAll(async () => {
    await proxy?.close();
    await azurite?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const h = {
    get azurite(): Azurite {
      return azurite!;
    },
    /** The holding proxy in front of Azurite (with `proxy: true`). */
    get proxy(): HoldingProxy {
      return proxy!;
    },
    /** A new empty folder, removed after the file's tests. */
    async tempDir(): Promise<string> {
      const d = await mkdtemp(join(tmpdir(), "costbot-exports-"));
      dirs.push(d);
      return d;
    },
    async container(name: string) {
      const c = service!.getContainerClient(name);
      await c.create();
      return c;
    },
    /** A storage source over `<container>/<folder>` (connection string), with a new cache folder unless given one. */
    async source(path: string, cacheDir?: string) {
      return h.sourceAt(`${azurite!.blobUrl}/${path}`, cacheDir ?? (await h.tempDir()));
    },
    /** `runs` written to a new local folder, and an export source over it. */
    async localCopy(runs: RunSpec[]) {
      const root = await h.tempDir();
      for (const r of runs) await writeRun(root, r);
      return createExportCostSource({ path: root });
    },
    /** `runs` uploaded to a new container, and a storage source over its folder `root` (the runs' root folder). */
    async inStorage(runs: RunSpec[], root = runs[0]?.root ?? "") {
      const name = `runs${++containers}`;
      const c = await h.container(name);
      for (const r of runs) await uploadRun(c, r);
      return h.source(`${name}/${root}`);
    },
    /** A container holding SYNC_RUN (its `folder`) with a small gzip part and `big`, a new cache folder, and where the container and `big` land in it. */
    async runWithBigPart(name: string, big: Buffer) {
      const c = await h.container(name);
      const folder = await uploadRun(c, {
        ...SYNC_RUN,
        files: [
          { name: "part_0_0001.csv.gz", body: gzipSync(ACTUAL) },
          { name: "part_0_0002.csv", body: big },
        ],
      });
      const cache = await h.tempDir();
      const blob = `${folder}/part_0_0002.csv`;
      const root = join(cache, AZURITE_ACCOUNT, name);
      return { c, cache, folder, blob, root, file: join(root, ...blob.split("/")) };
    },
    /** A storage source over a URL (Azurite's or the proxy's), syncing into `cacheDir`. */
    sourceAt(url: string, cacheDir: string, more: Partial<StorageSourceOptions> = {}) {
      return createStorageCostSource({ location: parseStorageLocation(url), connectionString: azurite!.connectionString, cacheDir, ...more });
    },
  };
  return h;
}

/** Writes a file below `root`, creating its folders. */
export async function writeBelow(root: string, name: string, body: Buffer | string): Promise<string> {
  const path = join(root, ...name.split("/"));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
  return path;
}

/** Writes a run's part files and manifest.json into a local folder as Cost Management lays them out; returns the run's folder. */
export async function writeRun(root: string, r: RunSpec): Promise<string> {
  const folder = runFolder(r);
  for (const f of r.files) await writeBelow(root, `${folder}/${f.name}`, f.body);
  await writeBelow(root, `${folder}/manifest.json`, manifestOf(r));
  return folder;
}
