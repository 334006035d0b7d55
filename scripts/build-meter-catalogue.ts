// Builds src/cost/meter-catalogue.json from Retail Prices API records: a file holding an array of
// items or saved API pages ({ Items, NextPageLink }). Default input: the real Foundry meters in
// test/fixtures/reference/meters/retail/foundry-meters.json.
//   npx tsx scripts/build-meter-catalogue.ts [input.json ...]
import { readFileSync, writeFileSync } from "node:fs";
import { catalogueFromRetail, type RetailItem } from "../src/cost/meter-catalogue.js";

const inputs = process.argv.slice(2);
const files = inputs.length ? inputs : ["test/fixtures/reference/meters/retail/foundry-meters.json"];
const items: RetailItem[] = files.flatMap((f) => {
  const data = JSON.parse(readFileSync(f, "utf8"));
  return Array.isArray(data) ? data : (data.Items ?? []);
});
const entries = catalogueFromRetail(items);
const out = new URL("../src/cost/meter-catalogue.json", import.meta.url);
// One entry per line: diffs of a refreshed price list stay readable.
writeFileSync(out, `[\n${entries.map((e) => JSON.stringify(e)).join(",\n")}\n]\n`);
console.log(`${entries.length} meters from ${items.length} records -> src/cost/meter-catalogue.json`);
