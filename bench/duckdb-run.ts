// Benchmark child: DuckDB's answer to "cost per meter in [from, to]" over an EA export, printed as
// JSON with the exact total. Run as its own process so its wall time and peak RSS are its own.
// Bench-only: must not be imported by src/.
import { DuckDBInstance } from "@duckdb/node-api";

const [file, from, to] = process.argv.slice(2);
const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
const esc = (s: string) => s.replaceAll("'", "''");
// DECIMAL(38,12) keeps the sum exact, like costbot's 1e-12 bigint amounts.
const reader = await conn.runAndReadAll(`
  SELECT MeterName AS meter, CAST(sum(Cost) AS VARCHAR) AS cost, count(*) AS n
  FROM read_csv('${esc(file)}', header = true, dateformat = '%m/%d/%Y',
                types = {'Cost': 'DECIMAL(38,12)', 'Date': 'DATE'})
  WHERE Date BETWEEN DATE '${esc(from)}' AND DATE '${esc(to)}'
  GROUP BY MeterName ORDER BY MeterName`);
const groups = reader.getRowObjectsJS().map((r) => ({ key: String(r.meter), cost: String(r.cost), rows: Number(r.n) }));
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ groups, maxRssKb: process.resourceUsage().maxRSS }));
