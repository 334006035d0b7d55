// Synchronises an export's runs from Azure Storage into a local cache folder: lists the container
// under the folder, reads every manifest.json, picks the runs to read (runs.ts) and downloads only
// blobs whose etag changed since the last sync. Each blob lands in a temp file of its own
// (<path>.<pid>-<random>.part), renamed when whole, and is recorded in the state file right away: a
// restart (also after a kill) downloads only what is missing, and never takes a .part for the file.
// The CLI and the server may sync one container into the same folder at once: see `tempOf` and State.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { ContainerClient } from "@azure/storage-blob";
import { CostbotError } from "../../../base/errors.js";
import {
  checkUnpackedSize,
  chooseRuns,
  DATA_FILE,
  exportFile,
  isManifest,
  parseManifest,
  type BlobInfo,
  type ExportFile,
  type Manifest,
  type Run,
} from "../export/index.js";
import { storageError } from "./client.js";
import type { StorageLocation } from "./location.js";

interface SyncStats {
  requests: number;
  blobsDownloaded: number;
  bytesDownloaded: number;
}

export interface SyncResult {
  files: ExportFile[];
  runs: Run[];
  warnings: string[];
  stats: SyncStats;
}

export interface SyncProgress {
  phase: "listing" | "downloading";
  done: number;
  total: number;
  bytes: number;
  /** While a blob downloads: its name, bytes so far and size (absent once it is done). */
  current?: { name: string; loaded: number; size: number };
}

const STATE = ".costbot-sync.json";
/** A temp file not written for this long was left by a process that died (a live download writes on). */
const ABANDONED_MS = 3_600_000;

/**
 * A temp name no other writer uses (pid: other processes; random: other syncs in this one). With one
 * shared <path>.part, two syncs of a blob wrote into one file, and a rename could install a mix of
 * two versions of the right size; now a rename installs one writer's whole download, the last wins.
 */
const tempOf = (path: string) => `${path}.${process.pid}-${randomBytes(4).toString("hex")}.part`;

export async function syncExport(
  container: ContainerClient,
  loc: StorageLocation,
  cacheRoot: string,
  onProgress?: (p: SyncProgress) => void,
  inUse: ReadonlySet<string> = new Set(),
): Promise<SyncResult> {
  const root = resolve(cacheRoot, loc.account, loc.container);
  const sync: Sync = { container, loc, root, state: await loadState(root), stats: { requests: 0, blobsDownloaded: 0, bytesDownloaded: 0 } };
  try {
    const result = await syncInto(sync, onProgress);
    await prune(root, sync.state, new Set([...result.files.map((f) => f.label), ...inUse]));
    return result;
  } finally {
    // What was downloaded stays known even when a later blob fails.
    await saveState(root, sync.state);
  }
}

/** One sync of a container into its cache folder (`root`), and what it has done so far. */
interface Sync {
  container: ContainerClient;
  loc: StorageLocation;
  root: string;
  state: State;
  stats: SyncStats;
}

async function syncInto(sync: Sync, onProgress?: (p: SyncProgress) => void): Promise<SyncResult> {
  const { loc, stats } = sync;
  const listing = await list(sync, onProgress);
  if (listing.size === 0) {
    throw new CostbotError(`Nothing under ${loc.shown}: the container or folder is empty (no export has written there yet?).`, "NOT_FOUND");
  }
  const manifests: Array<{ name: string; manifest: Manifest }> = [];
  for (const m of [...listing.values()].filter((b) => isManifest(b.name))) {
    const path = await fetchBlob(sync, m);
    manifests.push({ name: m.name, manifest: parseManifest(await readFile(path, "utf8"), m.name) });
  }
  const selection = chooseRuns(listing, manifests, loc.shown, "refuse");
  const wanted = selection.runs.flatMap((r) => r.blobs.map((b) => ({ blob: b, run: r })));
  const files: ExportFile[] = [];
  let done = 0;
  for (const { blob, run } of wanted) {
    const current = (loaded: number) =>
      onProgress?.({
        phase: "downloading",
        done,
        total: wanted.length,
        bytes: stats.bytesDownloaded,
        current: { name: blob.name, loaded, size: blob.size },
      });
    const path = await fetchBlob(sync, blob, current);
    if (run.unpacked[blob.name] !== undefined) await checkUnpackedSize(path, run.unpacked[blob.name], `${loc.container}/${blob.name}`);
    const f = await exportFile(path, blob.name);
    files.push({ ...f, dataset: run.dataset, shownAs: `${loc.container}/${blob.name}`, ...(run.skip.length > 0 ? { skipDays: run.skip } : {}) });
    onProgress?.({ phase: "downloading", done: ++done, total: wanted.length, bytes: stats.bytesDownloaded });
  }
  return { files, runs: selection.runs, warnings: selection.warnings, stats };
}

async function list({ container, loc, stats }: Sync, onProgress?: (p: SyncProgress) => void) {
  const listing = new Map<string, BlobInfo>();
  try {
    for await (const page of container.listBlobsFlat({ prefix: loc.prefix || undefined }).byPage({ maxPageSize: 5000 })) {
      stats.requests++;
      for (const b of page.segment.blobItems) {
        listing.set(b.name, {
          name: b.name,
          etag: b.properties.etag ?? "",
          size: b.properties.contentLength ?? 0,
          lastModified: b.properties.lastModified ?? new Date(0),
        });
      }
      onProgress?.({ phase: "listing", done: listing.size, total: 0, bytes: 0 });
    }
  } catch (err) {
    throw storageError(err, loc, `container ${loc.container} in account ${loc.account}`);
  }
  return listing;
}

/**
 * Blob name -> the etag and size of its cached copy, and `ino`: the inode of the file the recording
 * process downloaded itself (a rename keeps it). Two processes syncing into one folder each save
 * their own map, so the last save wins and the other's updates are lost; and process A may rename
 * its copy over B's after B recorded B's etag. An entry is therefore trusted only for the very file
 * it was written for: the cached file's inode must match, otherwise the blob is downloaded again.
 * So a lost or overtaken update costs a download, never an etag standing for other content.
 * (Entries saved before `ino` existed match no file: one download each, once.)
 */
type State = Record<string, { etag: string; size: number; ino?: string }>;

/** Size and inode of a file (bigint: an inode may not fit a double), or null when it is missing. */
const identity = async (path: string) => {
  const s = await stat(path, { bigint: true }).catch(() => null);
  return s && { size: Number(s.size), ino: String(s.ino) };
};

/** The blob's local copy, downloaded only when missing or when its etag changed. */
async function fetchBlob({ container, loc, root, state, stats }: Sync, blob: BlobInfo, onBytes?: (loaded: number) => void) {
  const path = resolve(root, ...blob.name.split("/"));
  if (!path.startsWith(root + sep)) throw new CostbotError(`Blob name ${blob.name} points outside the cache folder.`, "BAD_INPUT");
  const known = state[blob.name];
  const here = await identity(path);
  if (known && known.etag === blob.etag && here?.size === blob.size && here.ino === known.ino) return path;
  await mkdir(dirname(path), { recursive: true });
  const part = tempOf(path);
  try {
    stats.requests++;
    // The listing's etag as a condition: content written after the listing is refused (412), never
    // recorded under the old etag; the next sync lists the new etag and downloads it.
    await container.getBlobClient(blob.name).downloadToFile(part, 0, undefined, {
      conditions: { ifMatch: blob.etag || undefined },
      onProgress: onBytes && ((p) => onBytes(p.loadedBytes)),
    });
  } catch (err) {
    await rm(part, { force: true });
    throw storageError(err, loc, `${loc.container}/${blob.name}`);
  }
  // Null: the temp was taken for abandoned (see removeAbandoned).
  const { size: got, ino } = (await identity(part)) ?? { size: 0, ino: "" };
  if (got !== blob.size) {
    await rm(part, { force: true });
    throw new CostbotError(`Downloaded ${got} of ${blob.size} bytes of ${loc.container}/${blob.name}; nothing counted.`, "SOURCE_FAILED");
  }
  await utimes(part, blob.lastModified, blob.lastModified);
  await rename(part, path);
  stats.blobsDownloaded++;
  stats.bytesDownloaded += got;
  state[blob.name] = { etag: blob.etag, size: blob.size, ino };
  // Saved now, not only at the end: a process killed later in the sync keeps what it downloaded.
  await saveState(root, state);
  return path;
}

/**
 * Deletes the cached copies of data blobs that are neither read now nor `keep` (the files of the
 * sync before, which a question may still be reading): superseded runs leave the cache one sync
 * after they stop being read. Manifests stay (small; they pick the runs without a download).
 */
async function prune(root: string, state: State, keep: ReadonlySet<string>): Promise<void> {
  for (const name of Object.keys(state)) {
    if (!DATA_FILE.test(name) || keep.has(name)) continue;
    await rm(resolve(root, ...name.split("/")), { force: true });
    delete state[name];
  }
  await removeAbandoned(root);
}

/**
 * Deletes temp files (.part: no blob the sync caches ends so) that a killed process left behind,
 * told by an mtime over an hour old. A download in progress keeps its mtime fresh, so another
 * process's temp is left alone; one stalled for an hour loses its temp, and its sync then fails
 * (file missing) without recording anything. Likewise for the instant between setting a finished
 * temp's mtime to the blob's Last-Modified and its rename.
 */
async function removeAbandoned(root: string): Promise<void> {
  const names = await readdir(root, { recursive: true }).catch(() => []);
  for (const name of names.filter((n) => n.endsWith(".part"))) {
    const path = join(root, name);
    const st = await stat(path).catch(() => null);
    if (st?.isFile() && Date.now() - st.mtimeMs > ABANDONED_MS) await rm(path, { force: true });
  }
}

async function loadState(root: string): Promise<State> {
  try {
    return JSON.parse(await readFile(join(root, STATE), "utf8")) as State;
  } catch {
    return {};
  }
}

async function saveState(root: string, state: State): Promise<void> {
  await mkdir(root, { recursive: true });
  const part = tempOf(join(root, STATE));
  try {
    await writeFile(part, JSON.stringify(state));
    await rename(part, join(root, STATE));
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }
}
