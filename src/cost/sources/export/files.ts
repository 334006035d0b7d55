// Finds the export files under a path (a .csv, a .csv.gz, or a folder of partitioned files) and
// opens each as a byte stream, gunzipping on the fly. Must not import platform SDKs.
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { CostbotError } from "../../errors.js";

export interface ExportFile {
  path: string;
  /** Root folder name + path below it: what tells actual from amortized, without the machine's directories. */
  label: string;
  gzip: boolean;
  mtimeMs: number;
}

const DATA_FILE = /\.csv(\.gz)?$/i;

/** Lists export files in a stable (sorted) order; throws NOT_FOUND for a missing path or an empty folder. */
export async function findExportFiles(path: string): Promise<ExportFile[]> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new CostbotError(`No export file or folder at "${path}".`, "NOT_FOUND", { cause });
  });
  if (info.isFile()) {
    return [{ path, label: basename(path), gzip: /\.gz$/i.test(path), mtimeMs: info.mtimeMs }];
  }
  const files: ExportFile[] = [];
  await walk(path, path, files);
  if (files.length === 0) {
    throw new CostbotError(`No .csv or .csv.gz export files under "${path}".`, "NOT_FOUND");
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(root: string, dir: string, out: ExportFile[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    // Manifests, _SUCCESS markers and other side files are not cost rows.
    else if (entry.isFile() && DATA_FILE.test(entry.name)) {
      const { mtimeMs } = await stat(full);
      const label = join(basename(root), relative(root, full));
      out.push({ path: full, label, gzip: /\.gz$/i.test(entry.name), mtimeMs });
    }
  }
}

/** Opens a file as a stream of raw (decompressed) bytes in large chunks. */
export function openExportFile(file: ExportFile): Readable {
  const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
  if (!file.gzip) return raw;
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  raw.on("error", (err) => gunzip.destroy(err));
  return raw.pipe(gunzip);
}
