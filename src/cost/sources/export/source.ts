// CostSource over Azure Cost Management exports on disk: one CSV, a .csv.gz, or a folder of
// partitioned files. Streams every file (memory bounded by distinct keys), never loads one whole.
// Must not import platform SDKs or the Azure SDK.
import { CostbotError } from "../../errors.js";
import type { CostQuery, CostResult, CostSource, CostType } from "../../types.js";
import { CsvScanner } from "./csv-scanner.js";
import { findExportFiles, openExportFile, type ExportFile } from "./files.js";
import { EXPECTED_COLUMNS, planColumns, type ColumnPlan } from "./format.js";
import { RowAggregator, type FileStats } from "./row-aggregator.js";

export interface ExportSourceOptions {
  /** An export file (.csv, .csv.gz) or a folder searched recursively for them. */
  path: string;
  /** Used when a query does not say; the query's own costType wins. */
  costType?: CostType;
}

export function createExportCostSource(opts: ExportSourceOptions): CostSource {
  return {
    name: `export ${opts.path}`,
    async query(q: CostQuery): Promise<CostResult> {
      const costType: CostType = q.costType ?? opts.costType ?? "actual";
      const files = await findExportFiles(opts.path);
      const agg = new RowAggregator(q.from, q.to);
      const warnings: string[] = [];
      const mismatched: string[] = [];
      const undetermined: string[] = [];
      for (const file of files) {
        const { plan, stats } = await readFile(file, agg, costType);
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
      return { rows: agg.rows(), dataAsOf: freshness(agg.latestDate, files), warnings };
    },
  };
}

async function readFile(file: ExportFile, agg: RowAggregator, costType: CostType) {
  let plan: ColumnPlan | null = null;
  const stats: FileStats = { rows: 0, inRange: 0, badCost: 0, firstBadCostRow: 0, badDate: 0, firstBadDateRow: 0 };
  const scanner = new CsvScanner(
    (names) => {
      plan = planColumns(names, costType, file.label);
      if (!plan) {
        const shown = names.slice(0, 12).join(", ") + (names.length > 12 ? ", ..." : "");
        throw new CostbotError(
          `${file.path} is not a recognised Azure cost export: expected cost columns (${EXPECTED_COLUMNS}), found: ${shown}.`,
          "BAD_INPUT",
        );
      }
      return agg.slotsFor(plan, names.length);
    },
    (buf, spans, row) => agg.add(buf, spans, row, plan!, stats),
  );
  try {
    for await (const chunk of openExportFile(file)) scanner.push(chunk as Buffer);
    scanner.end();
  } catch (err) {
    if (err instanceof CostbotError) throw err;
    throw new CostbotError(`Could not read ${file.path}: ${(err as Error).message}`, "SOURCE_FAILED", { cause: err });
  }
  return { plan: plan as ColumnPlan | null, stats };
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
