// Reads export files on worker threads: a folder's files spread over the workers, a large plain
// CSV split into byte ranges. Checks that ranges met at true record boundaries (else re-reads
// that file in this thread) and merges the partial totals exactly. Must not import platform SDKs.
import type { CostRow, CostType } from "../../types.js";
import type { ExportFile } from "./files.js";
import type { ColumnPlan } from "./format.js";
import { runOnLanes } from "./pool.js";
import { TotalsMerger } from "./packed-totals.js";
import type { FileStats } from "./row-aggregator.js";
import { runTask, type ScanTask, type TaskResult } from "./task.js";

export interface ParallelOptions {
  /** Threads to read on: this one plus lanes - 1 workers (at most one lane per task). */
  lanes: number;
  /** Plain CSVs of at least this many bytes are split into one byte range per lane. */
  splitFrom: number;
}

export interface FileRead {
  file: ExportFile;
  plan: ColumnPlan | null;
  stats: FileStats;
}

export interface ParallelRead {
  rows: CostRow[];
  latestDate: string | null;
  files: FileRead[];
  /** Files re-read in this thread because a range began inside a quoted field holding a newline. */
  resynced: string[];
}

/** [start, end) byte ranges of near-equal size covering `bytes`. */
export function splitRanges(bytes: number, n: number): { start: number; end: number }[] {
  return Array.from({ length: n }, (_, k) => ({ start: Math.floor((bytes * k) / n), end: Math.floor((bytes * (k + 1)) / n) }));
}

export async function readInParallel(
  files: ExportFile[],
  q: { from: string; to: string; costType: CostType },
  opts: ParallelOptions,
): Promise<ParallelRead> {
  const tasks: ScanTask[] = [];
  const fileOf: number[] = [];
  files.forEach((file, i) => {
    const whole: ScanTask = { file, ...q };
    const split = !file.gzip && file.bytes > 0 && file.bytes >= opts.splitFrom && opts.lanes > 1;
    for (const task of split ? splitRanges(file.bytes, opts.lanes).map((range) => ({ ...whole, range })) : [whole]) {
      tasks.push(task);
      fileOf.push(i);
    }
  });
  const byFile: TaskResult[][] = files.map(() => []);
  (await runOnLanes(tasks, opts.lanes)).forEach((result, t) => byFile[fileOf[t]].push(result));

  const merged = new TotalsMerger();
  const out: ParallelRead = { rows: [], latestDate: null, files: [], resynced: [] };
  for (const [i, file] of files.entries()) {
    let parts = byFile[i];
    // Each range's assumed start must be where the previous range's last record really ended.
    if (!parts.every((p, k) => k === 0 || p.first === parts[k - 1].next)) {
      parts = [await runTask({ file, ...q })];
      out.resynced.push(file.path);
    }
    out.files.push({ file, plan: parts[0].plan, stats: combineStats(parts) });
    for (const part of parts) {
      if (part.latestDate && (out.latestDate === null || part.latestDate > out.latestDate)) out.latestDate = part.latestDate;
      merged.add(part.packed);
    }
  }
  out.rows = merged.rows();
  return out;
}

/** One file's counts from its ranges; data row numbers continue from the ranges before. */
function combineStats(parts: TaskResult[]): FileStats {
  const s: FileStats = { rows: 0, inRange: 0, badCost: 0, firstBadCostRow: 0, badDate: 0, firstBadDateRow: 0 };
  for (const { stats: p } of parts) {
    if (s.badCost === 0 && p.badCost > 0) s.firstBadCostRow = s.rows + p.firstBadCostRow;
    if (s.badDate === 0 && p.badDate > 0) s.firstBadDateRow = s.rows + p.firstBadDateRow;
    s.rows += p.rows;
    s.inRange += p.inRange;
    s.badCost += p.badCost;
    s.badDate += p.badDate;
  }
  return s;
}
