// The SQL expressions an export fold reads columns with: money as exact DECIMAL, the quantity as a
// float, text, and which rows may be Marketplace. Pure: builds SQL text only. Must not import platform SDKs.
import { MARKETPLACE_HINTS } from "../../meter-rules.js";
import { quoteIdent } from "./duckdb.js";
import type { ColumnPlan } from "./format.js";

const DECIMAL = "DECIMAL(38,12)";
/**
 * A money column as an exact DECIMAL(38,12); NULL when absent or unreadable (counted). Text goes
 * through DECIMAL(18,12) first: the same value wherever it fits (|x| < 1e6), parsed with 64-bit
 * instead of 128-bit arithmetic, which halves a CSV scan; what does not fit is cast again, wide.
 */
export function money(col: number, names: string[], types: string[]): string {
  if (col < 0) return `NULL::${DECIMAL}`;
  const c = quoteIdent(names[col]);
  return types[col] === "VARCHAR" ? `coalesce(TRY_CAST(${c} AS DECIMAL(18,12)), TRY_CAST(${c} AS ${DECIMAL}))` : `TRY_CAST(${c} AS ${DECIMAL})`;
}
/** A float, as CostRow keeps the quantity (never money); NULL when absent or unreadable. */
export const quantityOf = (col: number, names: string[]) => (col < 0 ? "NULL::DOUBLE" : `TRY_CAST(${quoteIdent(names[col])} AS DOUBLE)`);
export const text = (col: number, names: string[]) => (col < 0 ? "''" : `CAST(${quoteIdent(names[col])} AS VARCHAR)`);

/** Kept on rows that may be Marketplace when only meters are asked for: the resource can name the model. */
export const RESOURCE_FIELDS = new Set<string>(["resourceId", "resourceName"]);

/**
 * SQL true for every row the classifier may take for Marketplace (its model can be named by the
 * resource, so those rows keep their resource columns), and for few others: each MARKETPLACE
 * pattern's match contains its hint, and FOCUS "Vendor" publishers are read as Marketplace.
 */
export function marketplaceHint(plan: ColumnPlan, names: string[]): string {
  // contains(lower()) measured as fast as ILIKE; regexp_matches(…, 'i') made a Parquet scan 2.5 times as slow.
  const has = (col: number, words: string[]) => words.map((w) => `contains(lower(${text(col, names)}), '${w}')`);
  const hints = [
    ...has(plan.text.publisherType, [MARKETPLACE_HINTS.publisherType, "vendor"]),
    ...has(plan.text.serviceName, [MARKETPLACE_HINTS.serviceName]),
    ...has(plan.text.meterName, [MARKETPLACE_HINTS.meterName]),
  ];
  return `coalesce(${hints.join(" OR ")}, false)`;
}
