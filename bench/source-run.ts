// Benchmark child used while `costbot ask` cannot run yet: the export source plus a group-by-meter,
// printed as JSON with exact totals. Bench-only: must not be imported by src/.
import { createExportCostSource } from "../src/cost/sources/export/index.js";

const [file, from, to] = process.argv.slice(2);
const { rows } = await createExportCostSource({ path: file }).query({ from, to, costType: "actual" });
const byMeter = new Map<string, bigint>();
for (const r of rows) byMeter.set(r.meterName, (byMeter.get(r.meterName) ?? 0n) + r.cost);
const groups = [...byMeter].map(([key, cost]) => ({ key, pico: cost.toString() }));
console.log(JSON.stringify({ groups, rows: rows.length, maxRssKb: process.resourceUsage().maxRSS }));
