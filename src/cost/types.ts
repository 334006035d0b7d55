// The normalised shapes every cost source returns and the classifier consumes.
// Platform-free: nothing here may import Slack, Teams or Azure SDKs.
import type { Amount } from "./money.js";

/** Billing channel: billed by Microsoft directly, or through Azure Marketplace. */
export type Channel = "microsoft" | "marketplace";
export type Direction = "input" | "output" | "cached-input" | "none";
export type CostType = "actual" | "amortized";

/**
 * One cost line as a source reports it (possibly pre-aggregated per day and meter/resource).
 * `date` is the usage date as Azure bills it (YYYY-MM-DD); `cost` is exact.
 */
export interface CostRow {
  date: string;
  cost: Amount;
  currency: string;
  /** Quantity in `unitOfMeasure` (e.g. 1,250 of "1K" = 1.25M tokens). */
  quantity: number;
  unitOfMeasure: string;
  meterName: string;
  meterCategory: string;
  meterSubCategory: string;
  product: string;
  /** ConsumedService (EA/MCA) or ServiceName (FOCUS); `SaaS` for Marketplace. */
  serviceName: string;
  /** "Azure"/"Microsoft" (first party) or "Marketplace". */
  publisherType: string;
  publisherName: string;
  resourceId: string;
  resourceName: string;
  resourceGroup: string;
  /** MeterId (EA/MCA) or x_SkuMeterId (FOCUS), when the source has it: the catalogue's first key. */
  meterId?: string;
}

/** A request for costs: inclusive calendar dates. */
export interface CostQuery {
  from: string;
  to: string;
  costType: CostType;
  /**
   * "meters": the asker reads only the date, cost, quantity and what classifies a meter, so a
   * source may return coarser rows, resource columns left empty (kept where a Marketplace model is
   * named by its resource). Absent: every column.
   */
  columns?: "meters";
}

export interface CostResult {
  rows: CostRow[];
  /** When the source's data was last refreshed (ISO time), as the source reports it. */
  dataAsOf: string | null;
  /** Things the user should know about these numbers (e.g. a single-resource scope). */
  warnings: string[];
  /**
   * The first and last usage dates the source holds, when it can say; absent or null when it
   * cannot. Exports and demo: all their data. Azure (which states no retention or first date):
   * the dates of what it returned for the windows read (see azure/freshness.ts).
   */
  coverage?: { from: string; to: string } | null;
}

/** Anything that can answer "what did this cost, day by day" for a date window. */
export interface CostSource {
  /** Short human name, e.g. "demo data", "export ./exports", "Azure (2 scopes)". */
  readonly name: string;
  query(q: CostQuery): Promise<CostResult>;
}

/** What the classifier says about one row. */
export interface Classification {
  /** true for AI model spend (either channel); false for other costs in scope. */
  isModel: boolean;
  /** Lowercase catalog name without version date (e.g. "gpt-4o"), or the raw meter name. */
  model: string;
  /** Vendor family ("openai", "deepseek", "mistral", ...); "" when unknown. */
  family: string;
  channel: Channel;
  /** "cached-input" is input too: counted in input tokens and in cached input tokens. */
  direction: Direction;
  /** Deployment type read from the meter: "global-standard", "data-zone-batch", "regional-provisioned", ... */
  deployment: string;
  /** Tokens this row represents (quantity x unit size); 0 for PTU, non-token and direction-less rows. */
  tokens: number;
  /** What a model row counts when it is not input/output tokens ("images", "hours", "pages"); null otherwise. */
  usageKind: string | null;
  /** Quantity in `usageKind` (e.g. 744 hours, 1,200 images); 0 when usageKind is null. */
  usage: number;
  /** false when no rule recognised an AI meter and the raw name was kept. */
  recognised: boolean;
}

/** Build a CostRow with every text column present (sources fill only what they know). */
export function makeRow(partial: Partial<CostRow> & Pick<CostRow, "date" | "cost">): CostRow {
  return {
    currency: "USD",
    quantity: 0,
    unitOfMeasure: "",
    meterName: "",
    meterCategory: "",
    meterSubCategory: "",
    product: "",
    serviceName: "",
    publisherType: "",
    publisherName: "",
    resourceId: "",
    resourceName: "",
    resourceGroup: "",
    ...partial,
  };
}
