// Export runs as Cost Management writes them, for the storage and local-folder tests: part files
// and a manifest.json built from a real one (test/fixtures/reference/azure-storage-exports/).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ContainerClient } from "@azure/storage-blob";
import { parse } from "csv-parse/sync";
import { endOfMonth } from "../../src/base/dates.js";
import { toCents } from "../../src/cost/money.js";
import type { CostRow } from "../../src/cost/types.js";

export const REF = fileURLToPath(new URL("../fixtures/reference/", import.meta.url));
export const ACTUAL = readFileSync(REF + "exports/EA_ActualCost_Small.csv");
export const AMORTIZED = readFileSync(REF + "exports/EA_AmortizedCost_Small.csv");
export const FOCUS = readFileSync(REF + "exports/FOCUS-1.0-sample.Microsoft-rows.csv");
/** A real manifest (Cost Management, 2025-03-01) as the template every run's manifest is built from. */
const TEMPLATE = JSON.parse(readFileSync(REF + "azure-storage-exports/manifest.real.focuscost-parquet-snappy.scheduled-mtd.json", "utf8"));
export const ALL = { from: "2000-01-01", to: "2099-12-31" };

/** The data lines of a CSV whose `column` passes `keep` (header kept), as written. */
export function rowsWhere(csv: Buffer, column: string, keep: (value: string) => boolean): Buffer {
  const rows = parse(csv, { bom: true, columns: true, raw: true }) as Array<{ record: Record<string, string>; raw: string }>;
  const header = csv.toString("utf8").split("\n")[0];
  return Buffer.from([header, ...rows.filter((r) => keep(r.record[column])).map((r) => r.raw.replace(/\r?\n$/, ""))].join("\n") + "\n");
}

/** The first `n` data lines of a CSV (header kept). */
export const head = (csv: Buffer, n: number) =>
  Buffer.from(
    csv
      .toString("utf8")
      .split("\n")
      .slice(0, n + 1)
      .join("\n") + "\n",
  );
/** The CSV's data rows `n` times under its header. */
export const copies = (csv: Buffer, n: number) => {
  const [header, ...rows] = csv.toString("utf8").trimEnd().split("\n");
  return Buffer.from([header, ...Array.from({ length: n }, () => rows).flat()].join("\n") + "\n");
};
/** Exact total of a CSV column in cents, with csv-parse and BigInt (not the code under test). */
export function cents(csv: Buffer, column: string): bigint {
  const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
  let pico = 0n;
  for (const r of rows) {
    const [i, f = ""] = r[column].replace("-", "").split(".");
    const v = BigInt(i + f.padEnd(12, "0").slice(0, 12));
    pico += r[column].startsWith("-") ? -v : v;
  }
  return toCents(pico);
}
export const total = (rows: CostRow[]) => toCents(rows.reduce((t, r) => t + r.cost, 0n));

export interface RunSpec {
  root: string;
  exportName: string;
  type: "ActualCost" | "AmortizedCost" | "FocusCost";
  stamp: string;
  runId: string;
  startDate: string;
  format?: "Csv" | "Parquet";
  files: Array<{ name: string; body: Buffer }>;
  /** Listed in the manifest but never written (a partial run). */
  missing?: string[];
  /** The exported scope; default one subscription. */
  scope?: string;
  /** The run's last day (runInfo.endDate); default the end of startDate's month. */
  endDate?: string;
  /** A part's byteCount in the manifest when it is not the part's length. */
  byteCounts?: Record<string, number>;
}

/** Where a run lives: <root>/<export>/<range>/<stamp>/<runId>. */
export function runFolder(r: RunSpec): string {
  const month = r.startDate.slice(0, 7).replace("-", "");
  return `${r.root}/${r.exportName}/${month}01-${month}30/${r.stamp}/${r.runId}`;
}

/** The run's manifest.json text, listing its files (and the missing ones) by their path in the container. */
export function manifestOf(r: RunSpec): string {
  const folder = runFolder(r);
  const listed = [
    ...r.files.map((f) => ({ name: f.name, bytes: r.byteCounts?.[f.name] ?? f.body.length })),
    ...(r.missing ?? []).map((name) => ({ name, bytes: 1000 })),
  ];
  const manifest = structuredClone(TEMPLATE);
  manifest.blobCount = listed.length;
  manifest.exportConfig = {
    ...manifest.exportConfig,
    exportName: r.exportName,
    type: r.type,
    resourceId: `${r.scope ?? "/subscriptions/00000000-0000-0000-0000-000000000001"}/providers/Microsoft.CostManagement/exports/${r.exportName}`,
  };
  manifest.deliveryConfig = {
    ...manifest.deliveryConfig,
    fileFormat: r.format ?? "Csv",
    compressionMode: r.format === "Parquet" ? "Snappy" : "Gzip",
    rootFolderPath: r.root,
  };
  const t = r.stamp;
  manifest.runInfo = {
    ...manifest.runInfo,
    runId: r.runId,
    startDate: `${r.startDate}T00:00:00`,
    endDate: `${r.endDate ?? endOfMonth(r.startDate)}T00:00:00+00:00`,
    submittedTime: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:00.0000000Z`,
  };
  manifest.blobs = listed.map((b) => ({ blobName: `${folder}/${b.name}`, byteCount: b.bytes, dataRowCount: 1 }));
  return JSON.stringify(manifest, null, 2);
}

/** Uploads a run the way Cost Management lays it out: <root>/<export>/<range>/<stamp>/<runId>/part files + manifest.json. */
export async function uploadRun(c: ContainerClient, r: RunSpec): Promise<string> {
  const folder = runFolder(r);
  for (const f of r.files) await c.getBlockBlobClient(`${folder}/${f.name}`).uploadData(f.body);
  await c.getBlockBlobClient(`${folder}/manifest.json`).uploadData(Buffer.from(manifestOf(r)));
  return folder;
}
