// Finds the export files under a path: a .csv, .csv.gz or .parquet file, or a folder searched
// recursively for them (manifests and other side files are not cost rows). Must not import platform SDKs.
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { CostbotError } from "../../../base/errors.js";
import type { CostType } from "../../types.js";

/** What an export holds: one cost type of EA/MCA cost details, or FOCUS (both cost types). */
export type Dataset = CostType | "focus";

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
}

const DATA_FILE = /\.(csv(\.gz)?|parquet)$/i;

/** Describes one file on disk. */
export async function exportFile(path: string, label = basename(path)): Promise<ExportFile> {
  const { mtimeMs, size } = await stat(path);
  const kind = /\.parquet$/i.test(path) ? "parquet" : "csv";
  return { path, label, kind, gzip: /\.gz$/i.test(path), mtimeMs, bytes: size };
}

/** Lists export files in a stable (sorted) order; throws NOT_FOUND for a missing path or an empty folder. */
export async function findExportFiles(path: string): Promise<ExportFile[]> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new CostbotError(`No export file or folder at "${path}".`, "NOT_FOUND", { cause });
  });
  if (info.isFile()) return [await exportFile(path)];
  const files: ExportFile[] = [];
  await walk(path, path, files);
  if (files.length === 0) {
    throw new CostbotError(`No .csv, .csv.gz or .parquet export files under "${path}".`, "NOT_FOUND");
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(root: string, dir: string, out: ExportFile[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    else if (entry.isFile() && DATA_FILE.test(entry.name)) {
      out.push(await exportFile(full, join(basename(root), relative(root, full))));
    }
  }
}

/** The name a message shows for a file. */
export function shown(file: ExportFile): string {
  return file.shownAs ?? file.path;
}
