// Finds the export files under a path (a .csv, a .csv.gz, or a folder of partitioned files) and
// opens each as a byte stream, gunzipping on the fly. Must not import platform SDKs.
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { createGunzip } from "node:zlib";
import { CostbotError } from "../../errors.js";

export interface ExportFile {
  path: string;
  /** Root folder name + path below it: what tells actual from amortized, without the machine's directories. */
  label: string;
  gzip: boolean;
  mtimeMs: number;
  /** Size on disk (compressed, for .gz). */
  bytes: number;
}

const DATA_FILE = /\.csv(\.gz)?$/i;
const CHUNK = 1 << 19;

/** Lists export files in a stable (sorted) order; throws NOT_FOUND for a missing path or an empty folder. */
export async function findExportFiles(path: string): Promise<ExportFile[]> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new CostbotError(`No export file or folder at "${path}".`, "NOT_FOUND", { cause });
  });
  if (info.isFile()) {
    return [{ path, label: basename(path), gzip: /\.gz$/i.test(path), mtimeMs: info.mtimeMs, bytes: info.size }];
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
      const { mtimeMs, size } = await stat(full);
      const label = join(basename(root), relative(root, full));
      out.push({ path: full, label, gzip: /\.gz$/i.test(entry.name), mtimeMs, bytes: size });
    }
  }
}

/**
 * A file's raw (decompressed) bytes in large chunks, from `start` (plain files only). Plain files
 * are read into two reused buffers, so a chunk is only valid until the next one is asked for: this
 * keeps gigabytes of short-lived buffers away from the garbage collector.
 */
export async function* readExportFile(file: ExportFile, start = 0): AsyncGenerator<Buffer> {
  if (file.gzip) {
    const gunzip = createGunzip({ chunkSize: 1 << 18 });
    const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
    raw.on("error", (err) => gunzip.destroy(err));
    for await (const chunk of raw.pipe(gunzip)) yield chunk as Buffer;
    return;
  }
  const handle = await open(file.path, "r");
  // Two buffers: the next read fills one while the caller scans the other.
  const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
    let at = start;
    pending = handle.read(bufs[0], 0, CHUNK, at);
    for (let turn = 0; ; turn ^= 1) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead === 0) return;
      at += bytesRead;
      pending = handle.read(bufs[turn ^ 1], 0, CHUNK, at);
      yield bufs[turn].subarray(0, bytesRead);
    }
  } finally {
    await pending?.catch(() => {});
    await handle.close();
  }
}
