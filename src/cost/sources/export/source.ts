// CostSource over Azure Cost Management exports on disk: one CSV, a .csv.gz, or a folder of
// partitioned files. Streams every file (memory bounded by distinct keys), never loads one whole.
// Must not import platform SDKs or the Azure SDK.
import { availableParallelism } from "node:os";
import type { CostQuery, CostResult, CostRow, CostSource, CostType } from "../../types.js";
import { findExportFiles, type ExportFile } from "./files.js";
import type { ColumnPlan } from "./format.js";
import { readInParallel, type FileRead } from "./parallel.js";
import { RowAggregator, type FileStats } from "./row-aggregator.js";
import { scanInto } from "./task.js";

export interface ExportSourceOptions {
  /** An export file (.csv, .csv.gz) or a folder searched recursively for them. */
  path: string;
  /** Used when a query does not say; the query's own costType wins. */
  costType?: CostType;
  /** Worker threads to read with; 1 reads in this thread. Default: the available cores, at most 4. */
  workers?: number;
  /**
   * Inputs smaller than this (bytes on disk, all files together) are read in this thread, as are
   * plain CSVs smaller than it within a larger input. Default 32 MiB; 0 forces workers (tests).
   */
  parallelFrom?: number;
}

const MAX_WORKERS = 4;
const PARALLEL_FROM = 32 << 20;

export function createExportCostSource(opts: ExportSourceOptions): CostSource {
  return {
    name: `export ${opts.path}`,
    async query(q: CostQuery): Promise<CostResult> {
      const costType: CostType = q.costType ?? opts.costType ?? "actual";
      const files = await findExportFiles(opts.path);
      const lanes = Math.max(1, Math.floor(opts.workers ?? Math.min(availableParallelism(), MAX_WORKERS)));
      const splitFrom = opts.parallelFrom ?? PARALLEL_FROM;
      const bytes = files.reduce((n, f) => n + f.bytes, 0);
      // Starting workers costs tens of milliseconds: only worth it for large inputs.
      const parallel = lanes > 1 && bytes >= splitFrom && (files.length > 1 || !files[0].gzip);
      const read = parallel
        ? await readInParallel(files, { from: q.from, to: q.to, costType }, { lanes, splitFrom })
        : await readInThread(files, q, costType);
      const warnings: string[] = [];
      const mismatched: string[] = [];
      const undetermined: string[] = [];
      for (const { file, plan, stats } of read.files) {
        if (!plan) {
          warnings.push(`${file.path} is empty; skipped.`);
          continue;
        }
        if (plan.costHolds === "unknown" && costType === "amortized") undetermined.push(file.path);
        else if (plan.costHolds !== "unknown" && plan.costHolds !== costType) mismatched.push(file.path);
        warnings.push(...statWarnings(file, plan, stats));
      }
      if (mismatched.length > 0) {
        const other = costType === "actual" ? "amortized" : "actual";
        warnings.unshift(
          `${listFiles(mismatched)} ${mismatched.length === 1 ? "holds" : "hold"} ${other} costs, not the ${costType} costs asked for; showing ${other} costs.`,
        );
      }
      if (undetermined.length > 0) {
        warnings.unshift(
          `Cannot tell whether ${listFiles(undetermined)} ${undetermined.length === 1 ? "holds" : "hold"} actual or amortized costs (the export's name or folder does not say); amounts are shown as exported.`,
        );
      }
      return { rows: read.rows, dataAsOf: freshness(read.latestDate, files), warnings };
    },
  };
}

/** Reads the files one after another in this thread, into one aggregator. */
async function readInThread(files: ExportFile[], q: CostQuery, costType: CostType) {
  const agg = new RowAggregator(q.from, q.to);
  const out: { rows: CostRow[]; latestDate: string | null; files: FileRead[] } = { rows: [], latestDate: null, files: [] };
  for (const file of files) {
    const { plan, stats } = await scanInto({ file, costType, from: q.from, to: q.to }, agg);
    out.files.push({ file, plan, stats });
  }
  out.rows = agg.rows();
  out.latestDate = agg.latestDate;
  return out;
}

function statWarnings(file: ExportFile, plan: ColumnPlan, s: FileStats): string[] {
  const out: string[] = [];
  if (s.badCost > 0) {
    out.push(
      `${file.path}: ${s.badCost} row(s) with an unreadable ${plan.costColumn} value left out (first: data row ${s.firstBadCostRow}).`,
    );
  }
  if (s.badDate > 0) {
    out.push(`${file.path}: ${s.badDate} row(s) with an unreadable date left out (first: data row ${s.firstBadDateRow}).`);
  }
  return out;
}

function listFiles(paths: string[]): string {
  return paths.length === 1 ? paths[0] : `${paths.length} export files (e.g. ${paths[0]})`;
}

/**
 * dataAsOf is the end of the latest usage date seen in any row (in range or not): the data covers
 * usage through that day. Capped by the newest file's mtime, since an export cannot hold usage
 * from after it was written; the mtime alone is used when no row had a date.
 */
function freshness(latestDate: string | null, files: ExportFile[]): string | null {
  const mtime = Math.max(...files.map((f) => f.mtimeMs));
  if (!latestDate) return Number.isFinite(mtime) ? new Date(mtime).toISOString() : null;
  const endOfDay = Date.parse(`${latestDate}T00:00:00Z`) + 86_400_000;
  return new Date(Math.min(endOfDay, mtime)).toISOString();
}
