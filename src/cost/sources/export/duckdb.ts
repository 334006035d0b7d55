// The embedded DuckDB that reads export files: one in-memory instance per process, queries run
// one at a time on its connection. Must not import platform SDKs.
import type { DuckDBConnection } from "@duckdb/node-api";
import { createRequire } from "node:module";
import type { ExportFile } from "./files.js";

let connection: Promise<DuckDBConnection> | null = null;
let queue: Promise<unknown> = Promise.resolve();

async function connect(): Promise<DuckDBConnection> {
  // Loaded on the first query, with require: an ESM `import` of this CommonJS package has Node scan
  // each of its ~180 files for export names first (~0.2 s of every CLI start, export or not).
  const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");
  // Big enough for one export's GROUP BY; DuckDB spills beyond it instead of growing the process.
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: "256MB" });
  return instance.connect();
}

/** Runs one statement and returns its rows as arrays of plain values (strings, bigints, null). */
export function queryRows(sql: string): Promise<unknown[][]> {
  const run = queue.then(async () => {
    connection ??= connect();
    const conn = await connection;
    const reader = await conn.runAndReadAll(sql);
    return reader.getRows() as unknown[][];
  });
  queue = run.catch(() => {});
  return run;
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The table expression reading one file. CSV columns are read as text so that costbot, not the
 * sniffer, decides what a value means; NULL (as some exports write) is empty.
 */
export function tableOf(file: ExportFile): string {
  if (file.kind === "parquet") return `read_parquet(${quoteText(file.path)})`;
  return (
    `read_csv(${quoteText(file.path)}, header = true, all_varchar = true, quote = '"', escape = '"', ` +
    // 4 MB buffers (DuckDB's default is 32 MB per thread): a third less memory, no slower.
    `nullstr = ['NULL', ''], buffer_size = 4194304, compression = ${file.gzip ? "'gzip'" : "'none'"})`
  );
}

/** A file's columns in order, with the type DuckDB reads each as (always VARCHAR for CSV). */
export async function columnsOf(file: ExportFile): Promise<{ names: string[]; types: string[] }> {
  const rows = await queryRows(`DESCRIBE SELECT * FROM ${tableOf(file)}`);
  return { names: rows.map((r) => String(r[0])), types: rows.map((r) => String(r[1])) };
}
