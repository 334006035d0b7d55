// Writes the export benchmark's EA rows as a FOCUS 1.0-style Parquet file (snappy), repeated
// `times` times (10 x the 1M-row CSV = 10M rows over the same keys). Costs as DOUBLE, dates as
// TIMESTAMP, as a typed export carries them. Bench-only: must not be imported by src/.
import { DuckDBInstance } from "@duckdb/node-api";

const [csv, out, times = "10"] = process.argv.slice(2);
const esc = (s) => s.replaceAll("'", "''");
const db = await DuckDBInstance.create(":memory:", { memory_limit: "1GB" });
const conn = await db.connect();
await conn.run(`COPY (
  SELECT CAST(Cost AS DOUBLE) AS BilledCost, CAST(Cost AS DOUBLE) AS EffectiveCost,
    CAST(strptime(Date, '%m/%d/%Y') AS TIMESTAMP) AS ChargePeriodStart, BillingCurrency,
    CAST(Quantity AS DOUBLE) AS PricingQuantity, CAST(Quantity AS DOUBLE) AS ConsumedQuantity,
    UnitOfMeasure AS x_PricingUnitDescription, MeterName AS x_SkuMeterName, MeterCategory AS x_SkuMeterCategory,
    MeterSubCategory AS x_SkuMeterSubcategory, Product AS x_SkuDescription, ConsumedService AS ServiceName,
    CASE WHEN PublisherType = 'Marketplace' THEN 'Vendor' ELSE 'Cloud Provider' END AS x_PublisherCategory,
    PublisherName, ResourceId, ResourceName, ResourceGroup AS x_ResourceGroupName, 'Microsoft' AS ProviderName,
    'Usage' AS ChargeCategory
  FROM read_csv('${esc(csv)}', header = true, all_varchar = true), range(${Number(times)})
) TO '${esc(out)}' (FORMAT parquet, COMPRESSION snappy)`);
conn.closeSync();
db.closeSync();
