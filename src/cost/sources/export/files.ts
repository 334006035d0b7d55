// Finds the export files under a path: a .csv, .csv.gz or .parquet file, or a folder searched
// recursively for them; a folder of export runs is read by the runs' rules (runs.ts). Must not import platform SDKs.
import { open, readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { CostbotError } from "../../../base/errors.js";
import { chooseRuns, DATA_FILE, isManifest, parseManifest, type BlobInfo, type Dataset, type DayRange } from "./runs.js";

export type { Dataset };

export interface ExportFile {
  path: string;
  /** Root folder name + path below it: what tells actual from amortized, without the machine's directories. */
  label: string;
  kind: "csv" | "parquet";
  gzip: boolean;
  mtimeMs: number;
  /** Size on disk (compressed, for .gz). */
  bytes: number;
  /** The dataset its export's manifest names, when one does (Azure Storage runs). */
  dataset?: Dataset;
  /** How the user knows the file (a blob name for Azure Storage); defaults to `path`. */
  shownAs?: string;
  /** Days a newer export run of the same scope and dataset covers: this file's rows for them are not read. */
  skipDays?: DayRange[];
}

/** Describes one file on disk. */
export async function exportFile(path: string, label = basename(path)): Promise<ExportFile> {
  const { mtimeMs, size } = await stat(path);
  const kind = /\.parquet$/i.test(path) ? "parquet" : "csv";
  return { path, label, kind, gzip: /\.gz$/i.test(path), mtimeMs, bytes: size };
}

/**
 * Lists the export files to read in a stable (sorted) order; throws NOT_FOUND for a missing path
 * or an empty folder. A folder holding export runs (manifest.json, or older exports' month
 * folders) follows the same rules as Azure Storage: the latest complete run per period, datasets
 * kept apart, incomplete runs skipped. A folder without either: every file in it.
 */
export async function findExportFiles(path: string): Promise<{ files: ExportFile[]; warnings: string[] }> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new CostbotError(`No export file or folder at "${path}".`, "NOT_FOUND", { cause });
  });
  if (info.isFile()) return { files: [await exportFile(path)], warnings: [] };
  const found: ExportFile[] = [];
  const manifests: string[] = [];
  await walk(path, path, found, manifests);
  if (found.length === 0) {
    throw new CostbotError(`No .csv, .csv.gz or .parquet export files under "${path}".`, "NOT_FOUND");
  }
  // Names as in a container listing: the path below the folder, with "/".
  const nameOf = (full: string) => relative(path, full).split(sep).join("/");
  const listing = new Map<string, BlobInfo>();
  const byName = new Map<string, ExportFile>();
  for (const f of found) {
    listing.set(nameOf(f.path), { name: nameOf(f.path), etag: "", size: f.bytes, lastModified: new Date(f.mtimeMs) });
    byName.set(nameOf(f.path), f);
  }
  const parsed = [];
  for (const m of manifests) {
    const { size, mtime } = await stat(m);
    listing.set(nameOf(m), { name: nameOf(m), etag: "", size, lastModified: mtime });
    parsed.push({ name: nameOf(m), manifest: parseManifest(await readFile(m, "utf8"), m) });
  }
  const { runs, warnings } = chooseRuns(listing, parsed, `"${path}"`, "read");
  for (const r of runs) for (const [name, bytes] of Object.entries(r.unpacked)) await checkUnpackedSize(byName.get(name)!.path, bytes, name);
  const files = runs.flatMap((r) =>
    r.blobs.map((b) => ({
      ...byName.get(b.name)!,
      ...(r.dataset ? { dataset: r.dataset } : {}),
      ...(r.skip.length > 0 ? { skipDays: r.skip } : {}),
    })),
  );
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), warnings };
}

async function walk(root: string, dir: string, out: ExportFile[], manifests: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out, manifests);
    else if (entry.isFile() && DATA_FILE.test(entry.name)) {
      out.push(await exportFile(full, join(basename(root), relative(root, full))));
    } else if (entry.isFile() && isManifest(entry.name)) manifests.push(full);
  }
}

/**
 * A gzip file whose manifest byteCount differs from its size must hold that many bytes unpacked:
 * the gzip trailer's last four bytes are the uncompressed size (mod 2^32; Azure keeps each part
 * under 1 GB unpacked). Otherwise it is not the file the run wrote: refused, nothing counted.
 */
export async function checkUnpackedSize(path: string, expected: number, name: string): Promise<void> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const trailer = Buffer.alloc(4);
    if (size >= 18) await file.read(trailer, 0, 4, size - 4);
    const unpacked = trailer.readUInt32LE(0);
    if (size >= 18 && unpacked === expected % 2 ** 32) return;
    throw new CostbotError(
      `${name} does not match its export run's manifest (${expected} bytes; the file has ${size}, ${unpacked} unpacked); nothing counted.`,
      "SOURCE_FAILED",
    );
  } finally {
    await file.close();
  }
}

/** A file's key: it is read again only when this changes. */
export const fileKey = (f: ExportFile) => `${f.path}\u0001${f.bytes}\u0001${f.mtimeMs}\u0001${f.dataset ?? ""}`;

/** A file as answers depend on it: its key, and the days it leaves to newer runs. */
export const fileVersion = (f: ExportFile) => `${fileKey(f)}\u0004${(f.skipDays ?? []).map((d) => `${d.from}..${d.to}`).join(",")}`;

/** The version of an export's data, from its files (the one cache's key; the sync's "a new run"). */
export const filesFingerprint = (files: ExportFile[]): string => files.map(fileVersion).join("\u0002");

/** Bytes as megabytes for a progress line: one decimal below 10 MB unless told otherwise. */
export const mb = (bytes: number, decimals = bytes < 1e7 ? 1 : 0) => `${(bytes / 1e6).toFixed(decimals)} MB`;

/** The name a message shows for a file. */
export function shown(file: ExportFile): string {
  return file.shownAs ?? file.path;
}
