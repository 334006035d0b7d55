// One unit of export reading: a whole file, or one byte range of a plain CSV, scanned into a
// RowAggregator. Runs in this thread or in a worker thread (worker.ts), so it takes and returns
// plain data only. Must not import platform SDKs or the Azure SDK.
import { CostbotError } from "../../errors.js";
import type { CostType } from "../../types.js";
import { CsvScanner } from "./csv-scanner.js";
import { readExportFile, type ExportFile } from "./files.js";
import { EXPECTED_COLUMNS, planColumns, type ColumnPlan } from "./format.js";
import { packTotals, type PackedTotals } from "./packed-totals.js";
import { RowAggregator, type FileStats } from "./row-aggregator.js";

export interface ScanTask {
  file: ExportFile;
  costType: CostType;
  from: string;
  to: string;
  /**
   * Byte range [start, end) of a plain CSV: read the records that start in it. A range starting
   * mid-file assumes a record starts right after the first newline at or after start - 1.
   */
  range?: { start: number; end: number };
}

export interface ScanOutcome {
  /** Null when the file is empty (no header). */
  plan: ColumnPlan | null;
  stats: FileStats;
  /** Offset of the first record read (ranges: the assumed boundary). */
  first: number;
  /** Offset just past the last record read: the true boundary the next range must start at. */
  next: number;
}

/** What a worker sends back for one task (plain data, cheap to clone). */
export interface TaskResult extends ScanOutcome {
  packed: PackedTotals;
  latestDate: string | null;
}

const LF = 10;

/** Runs a task into its own aggregator (the worker-thread unit of work). */
export async function runTask(task: ScanTask): Promise<TaskResult> {
  const agg = new RowAggregator(task.from, task.to);
  const outcome = await scanInto(task, agg);
  return { ...outcome, packed: packTotals(agg.totals()), latestDate: agg.latestDate };
}

/** Scans a task's records into `agg` (shared across files on the in-thread path). */
export async function scanInto(task: ScanTask, agg: RowAggregator): Promise<ScanOutcome> {
  const { file, range } = task;
  let plan: ColumnPlan | null = null;
  const stats: FileStats = { rows: 0, inRange: 0, badCost: 0, firstBadCostRow: 0, badDate: 0, firstBadDateRow: 0 };
  const scanner = new CsvScanner(
    (names) => {
      plan = planOrThrow(names, task.costType, file);
      return agg.slotsFor(plan, names.length);
    },
    (buf, spans, row) => agg.add(buf, spans, row, plan!, stats),
  );
  const start = range?.start ?? 0;
  let first = 0;
  try {
    if (start > 0) scanner.useHeader(await headerOf(file));
    if (range && start === 0) scanner.stopAt = range.end;
    // Mid-file, read from start - 1 so a range starting right after a newline keeps its first record.
    let skipping = start > 0;
    let at = start - 1;
    for await (const raw of readExportFile(file, skipping ? at : 0)) {
      let chunk = raw;
      if (skipping) {
        const lf = chunk.indexOf(LF);
        if (lf < 0) {
          at += chunk.length;
          continue;
        }
        first = at + lf + 1;
        skipping = false;
        scanner.stopAt = range!.end - first;
        chunk = chunk.subarray(lf + 1);
      }
      scanner.push(chunk);
      if (scanner.stoppedAt >= 0) break;
    }
    if (skipping) first = at;
    scanner.end();
  } catch (err) {
    if (err instanceof CostbotError) throw err;
    throw new CostbotError(`Could not read ${file.path}: ${(err as Error).message}`, "SOURCE_FAILED", { cause: err });
  }
  return { plan, stats, first, next: first + scanner.endOffset };
}

function planOrThrow(names: string[], costType: CostType, file: ExportFile): ColumnPlan {
  const plan = planColumns(names, costType, file.label);
  if (plan) return plan;
  const shown = names.slice(0, 12).join(", ") + (names.length > 12 ? ", ..." : "");
  throw new CostbotError(
    `${file.path} is not a recognised Azure cost export: expected cost columns (${EXPECTED_COLUMNS}), found: ${shown}.`,
    "BAD_INPUT",
  );
}

/** The header names of a file, read from its start (for a range that begins mid-file). */
async function headerOf(file: ExportFile): Promise<string[]> {
  let names: string[] = [];
  const scanner = new CsvScanner(
    (found) => {
      names = found;
      return { slotOf: new Int32Array(found.length).fill(-1), slots: 0 };
    },
    () => {},
  );
  scanner.stopAt = 0;
  for await (const chunk of readExportFile(file)) {
    scanner.push(chunk);
    if (scanner.sawHeader) break;
  }
  scanner.end();
  return names;
}
