// CostSource over Azure Cost Management exports on disk: a .csv, .csv.gz or .parquet file, or a
// folder of partitioned files. DuckDB folds each file once; the rows stay in memory until a file
// changes. Must not import platform SDKs or the Azure SDK.
import type { CostQuery, CostResult, CostSource, CostType } from "../../types.js";
import type { Fingerprinted } from "../cached.js";
import { filesFingerprint, findExportFiles, type ExportFile } from "./files.js";
import { ExportSnapshot } from "./snapshot.js";

export interface ExportSourceOptions {
  /** An export file (.csv, .csv.gz, .parquet) or a folder searched recursively for them. */
  path: string;
  /** Used when a query does not say; the query's own costType wins. */
  costType?: CostType;
  /** Told which file is being read, as one line of text (the CLI's progress line). */
  progress?: (line: string) => void;
  /** Read each file for the question asked (meter columns only, when that is all it needs) instead of whole. */
  oneShot?: boolean;
}

export function createExportCostSource(opts: ExportSourceOptions): CostSource & Fingerprinted {
  const snapshot = new ExportSnapshot(opts.progress, opts.oneShot);
  return {
    name: `export ${opts.path}`,
    fingerprint: async () => filesFingerprint((await findExportFiles(opts.path)).files),
    async query(q: CostQuery): Promise<CostResult> {
      const costType: CostType = q.costType ?? opts.costType ?? "actual";
      // Listing and stat-ing is cheap; a file is only read again when its size or mtime changed.
      const { files, warnings } = await findExportFiles(opts.path);
      const answer = await snapshot.query(files, { ...q, costType });
      return warnings.length ? { ...answer, warnings: [...warnings, ...answer.warnings] } : answer;
    },
  };
}

/** A source over a file list someone else keeps current (the Azure Storage sync). */
export function createFileListCostSource(
  name: string,
  files: () => Promise<ExportFile[]>,
  costType?: CostType,
  progress?: (line: string) => void,
  oneShot?: boolean,
): CostSource & Fingerprinted {
  const snapshot = new ExportSnapshot(progress, oneShot);
  return {
    name,
    fingerprint: async () => filesFingerprint(await files()),
    async query(q: CostQuery): Promise<CostResult> {
      return snapshot.query(await files(), { ...q, costType: q.costType ?? costType ?? "actual" });
    },
  };
}
