// Benchmark child: DuckDB's answer to "cost per meter in [from, to] and in the previous period"
// over an EA export, as JSON with exact sums. Its own process, so its wall time and peak RSS are
// its own; plain JS so it pays no TypeScript loader. Bench-only: must not be imported by src/.
import { DuckDBInstance } from "@duckdb/node-api";

// prevFrom: costbot's answer also compares with the previous period, so DuckDB sums that too.
const [file, from, to, prevFrom] = process.argv.slice(2);
const esc = (s) => s.replaceAll("'", "''");
const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
// DECIMAL(38,12) keeps the sum exact, like costbot's 1e-12 bigint amounts.
const reader = await conn.runAndReadAll(`
  SELECT MeterName AS meter, Date >= DATE '${esc(from)}' AS current, CAST(sum(Cost) AS VARCHAR) AS cost, count(*) AS n
  FROM read_csv('${esc(file)}', header = true, dateformat = '%m/%d/%Y',
                types = {'Cost': 'DECIMAL(38,12)', 'Date': 'DATE'})
  WHERE Date BETWEEN DATE '${esc(prevFrom ?? from)}' AND DATE '${esc(to)}'
  GROUP BY ALL ORDER BY ALL`);
const groups = reader
  .getRowObjectsJS()
  .map((r) => ({ key: String(r.meter), current: Boolean(r.current), cost: String(r.cost), rows: Number(r.n) }));
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ groups, maxRssKb: process.resourceUsage().maxRSS }));
