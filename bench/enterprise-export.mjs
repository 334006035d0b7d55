// Writes an EA actual-cost export shaped like a whole enterprise's: most rows other services on many
// resources, a tenth AI model rows on a few accounts. Bench-only: must not be imported by src/.
//   node bench/enterprise-export.mjs [rows=3000000] [resources=200000] [aiAccounts=200]
// then: node bin/costbot.js ask --source bench/out/ea-enterprise-<rows>.csv --now 2025-11-05T12:00:00Z "last month by resource"
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api");
const [rows = 3_000_000, resources = 200_000, ai = 200] = process.argv.slice(2).map(Number);
const out = `bench/out/ea-enterprise-${rows}.csv`;
mkdirSync("bench/out", { recursive: true });
const conn = await (await DuckDBInstance.create(":memory:")).connect();
// Every tenth row is gpt-4o input tokens on one of `ai` accounts; the others a VM hour on one of `resources` VMs, over 30 days.
const pick = (model, other) => `CASE WHEN i % 10 = 0 THEN ${model} ELSE ${other} END`;
await conn.run(`COPY (SELECT
    strftime(DATE '2025-10-01' + (i % 30)::INT, '%m/%d/%Y') AS Date,
    ${pick("'gpt 4o 0513 Input global Tokens'", "'D2s v3'")} AS MeterName,
    ${pick("'Cognitive Services'", "'Virtual Machines'")} AS MeterCategory,
    ${pick("'Azure OpenAI'", "'Dv3 Series'")} AS MeterSubCategory,
    ${pick("'Azure OpenAI'", "'Virtual Machines Dv3 Series'")} AS Product,
    ${pick("'Microsoft.CognitiveServices'", "'Microsoft.Compute'")} AS ConsumedService,
    'Azure' AS PublisherType, 'Microsoft' AS PublisherName,
    ${pick(`'/subscriptions/s1/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-' || (i % ${ai})`, `'/subscriptions/s1/resourceGroups/rg-' || (i % 5000) || '/providers/Microsoft.Compute/virtualMachines/vm-' || (i % ${resources})`)} AS ResourceId,
    ${pick(`'ai-' || (i % ${ai})`, `'vm-' || (i % ${resources})`)} AS ResourceName,
    ${pick("'rg-ai'", "'rg-' || (i % 5000)")} AS ResourceGroup,
    ${pick("'1K'", "'1 Hour'")} AS UnitOfMeasure, 1.5 AS Quantity, 0.0123 AS Cost, 'USD' AS BillingCurrency
  FROM range(${rows}) t(i)) TO '${out}' (HEADER)`);
console.log(out);
