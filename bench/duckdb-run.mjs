// Benchmark child: DuckDB's answer to "cost per key in [from, to] and in the previous period" over
// an export, as JSON with exact sums. Its own process, so its wall time and peak RSS are its own;
// plain JS so it pays no TypeScript loader. Bench-only: must not be imported by src/.
//   node bench/duckdb-run.mjs <file> <from> <to> <prevFrom> [meter|same]
// meter: GROUP BY meter and period (the smallest plain query). same: GROUP BY the usage date and
// the twelve text columns costbot keeps per row, i.e. the same work as costbot's engine.
import { createRequire } from "node:module";

// require, not an ESM import: importing this CommonJS package from ESM has Node scan its files for
// export names first (~0.1-0.2 s), which is not DuckDB's work; costbot loads it the same way.
const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api");

const [file, from, to, prevFrom, mode = "meter"] = process.argv.slice(2);
const esc = (s) => s.replaceAll("'", "''");
const parquet = /\.parquet$/i.test(file);
const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
const EA = [
  "UnitOfMeasure",
  "MeterName",
  "MeterCategory",
  "MeterSubCategory",
  "Product",
  "ConsumedService",
  "PublisherType",
  "PublisherName",
  "ResourceId",
  "ResourceName",
  "ResourceGroup",
];
const FOCUS = [
  "x_PricingUnitDescription",
  "x_SkuMeterName",
  "x_SkuMeterCategory",
  "x_SkuMeterSubcategory",
  "x_SkuDescription",
  "ServiceName",
  "x_PublisherCategory",
  "PublisherName",
  "ResourceId",
  "ResourceName",
  "x_ResourceGroupName",
];
const [cost, date, meter, texts] = parquet
  ? ["BilledCost", "CAST(ChargePeriodStart AS DATE)", "x_SkuMeterName", FOCUS]
  : ["Cost", "Date", "MeterName", EA];
const table = parquet
  ? `read_parquet('${esc(file)}')`
  : `read_csv('${esc(file)}', header = true, dateformat = '%m/%d/%Y', types = {'Cost': 'DECIMAL(38,12)', 'Date': 'DATE'})`;
const keys = mode === "same" ? [`${date} AS d`, "BillingCurrency", ...texts] : [`${meter} AS meter`];
// DECIMAL(38,12) keeps the sum exact, like costbot's 1e-12 bigint amounts.
const reader = await conn.runAndReadAll(`
  SELECT ${keys.join(", ")}, ${date} >= DATE '${esc(from)}' AS current,
    CAST(sum(CAST(${cost} AS DECIMAL(38,12))) AS VARCHAR) AS cost, count(*) AS n
  FROM ${table}
  WHERE ${date} BETWEEN DATE '${esc(prevFrom ?? from)}' AND DATE '${esc(to)}'
  GROUP BY ALL`);
const groups = reader.getRowObjectsJS().map((r) => ({ current: Boolean(r.current), cost: String(r.cost), rows: Number(r.n) }));
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ groups: groups.length > 5000 ? summarise(groups) : groups, maxRssKb: process.resourceUsage().maxRSS }));

/** Many groups: only the per-period sums matter to the runner. */
function summarise(gs) {
  const out = new Map();
  for (const g of gs) {
    const o = out.get(g.current) ?? { current: g.current, cost: 0n, rows: 0 };
    const [i, f = ""] = g.cost.replace("-", "").split(".");
    const v = BigInt(i + f.padEnd(12, "0"));
    o.cost += g.cost.startsWith("-") ? -v : v;
    o.rows += g.rows;
    out.set(g.current, o);
  }
  return [...out.values()].map((o) => ({ ...o, cost: `${o.cost / 10n ** 12n}.${String(o.cost % 10n ** 12n).padStart(12, "0")}` }));
}
