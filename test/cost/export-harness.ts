// Azurite and temporary folders for one export test file, and export runs written where a test
// reads them (a local folder or a container). Call exportHarness() once at a file's top level: it
// starts Azurite before the file's tests and stops it, and removes the folders, after them.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll } from "vitest";
import { parseStorageLocation } from "../../src/cost/sources/storage/location.js";
import { createStorageCostSource } from "../../src/cost/sources/storage/source.js";
import { startAzurite, type Azurite } from "../fakes/azurite.js";
import { manifestOf, runFolder, type RunSpec } from "./export-runs-fixture.js";

export function exportHarness() {
  let azurite: Azurite | undefined;
  let service: BlobServiceClient | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    azurite = await startAzurite();
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  afterAll(async () => {
    await azurite?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const h = {
    get azurite(): Azurite {
      return azurite!;
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
      return createStorageCostSource({
        location: parseStorageLocation(`${azurite!.blobUrl}/${path}`),
        connectionString: azurite!.connectionString,
        cacheDir: cacheDir ?? (await h.tempDir()),
      });
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
