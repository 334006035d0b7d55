// Recognises an Azure cost export from its header row (EA, MCA, FOCUS 1.0/1.2) and says which
// column feeds each CostRow field. Names match case-insensitively. Must not import platform SDKs.
import type { CostType } from "../../types.js";

type ExportFormat = "ea" | "mca" | "focus";

/** Text fields of a CostRow that an export column can fill, in aggregation-key order. */
export const TEXT_FIELDS = [
  "currency",
  "unitOfMeasure",
  "meterName",
  "meterCategory",
  "meterSubCategory",
  "product",
  "serviceName",
  "publisherType",
  "publisherName",
  "resourceId",
  "resourceName",
  "resourceGroup",
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Where each value comes from: a column index, or -1 when the file lacks that column. */
export interface ColumnPlan {
  format: ExportFormat;
  /** The cost column actually used, as named in the file. */
  costColumn: string;
  /** What the cost column holds: FOCUS files have both; EA/MCA files are one or the other. */
  costHolds: CostType | "unknown";
  date: number;
  cost: number;
  /** Both cost columns where the format has both (FOCUS); EA/MCA: the one cost column twice. */
  costs: Record<CostType, number>;
  quantity: number;
  /** FOCUS ServiceProviderName / ProviderName: only Microsoft's rows count. -1 for EA/MCA. */
  provider: number;
  text: Record<TextField, number>;
}

type Candidates = Record<TextField | "date" | "quantity", string[]>;

const FOCUS: Candidates = {
  date: ["ChargePeriodStart"],
  quantity: ["PricingQuantity", "ConsumedQuantity"],
  currency: ["BillingCurrency"],
  unitOfMeasure: ["x_PricingUnitDescription", "ConsumedUnit", "PricingUnit"],
  meterName: ["x_SkuMeterName", "SkuMeter"],
  meterCategory: ["x_SkuMeterCategory", "ServiceCategory"],
  meterSubCategory: ["x_SkuMeterSubcategory", "ServiceSubcategory"],
  product: ["x_SkuDescription", "ChargeDescription"],
  serviceName: ["ServiceName"],
  publisherType: ["x_PublisherCategory"],
  publisherName: ["PublisherName"],
  resourceId: ["ResourceId"],
  resourceName: ["ResourceName"],
  resourceGroup: ["x_ResourceGroupName"],
};

// EA and MCA "cost details" name the same things differently (Cost vs costInBillingCurrency, ...).
const DETAILS: Candidates = {
  date: ["Date", "UsageDate", "UsageDateTime"],
  quantity: ["Quantity", "UsageQuantity"],
  currency: ["BillingCurrency", "BillingCurrencyCode", "Currency"],
  unitOfMeasure: ["UnitOfMeasure"],
  meterName: ["MeterName"],
  meterCategory: ["MeterCategory"],
  meterSubCategory: ["MeterSubCategory", "MeterSubcategory"],
  product: ["Product", "ProductName"],
  serviceName: ["ConsumedService"],
  publisherType: ["PublisherType"],
  publisherName: ["PublisherName"],
  resourceId: ["ResourceId", "InstanceId"],
  resourceName: ["ResourceName"],
  resourceGroup: ["ResourceGroup", "ResourceGroupName"],
};

const DETAILS_COST = ["CostInBillingCurrency", "Cost", "PreTaxCost"];

/** Thrown (wrapped by the source) when a header has no recognisable date and cost columns. */
export const EXPECTED_COLUMNS = "EA/MCA: Date + Cost or CostInBillingCurrency; FOCUS: ChargePeriodStart + BilledCost/EffectiveCost";

/**
 * Picks columns for the requested cost type. `pathHint` (the file path) tells an EA/MCA actual
 * export from an amortized one, since both share the same columns. Returns null when unrecognised.
 */
export function planColumns(names: string[], costType: CostType, pathHint: string): ColumnPlan | null {
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    const key = n.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const find = (cands: string[]): number => {
    for (const c of cands) {
      const i = index.get(c.toLowerCase());
      if (i !== undefined) return i;
    }
    return -1;
  };
  const pick = (cands: Candidates, cost: number, costColumn: string, format: ExportFormat, holds: ColumnPlan["costHolds"]) => {
    const text = {} as Record<TextField, number>;
    for (const f of TEXT_FIELDS) text[f] = find(cands[f]);
    const costs = { actual: cost, amortized: cost };
    return { format, costColumn, costHolds: holds, date: find(cands.date), cost, costs, quantity: find(cands.quantity), provider: -1, text };
  };

  const focusDate = find(FOCUS.date);
  const billed = find(["BilledCost"]);
  const effective = find(["EffectiveCost"]);
  if (focusDate >= 0 && (billed >= 0 || effective >= 0)) {
    const useEffective = costType === "amortized" ? effective >= 0 : billed < 0;
    const cost = useEffective ? effective : billed;
    const plan = pick(FOCUS, cost, names[cost].trim(), "focus", useEffective ? "amortized" : "actual");
    plan.costs = { actual: billed >= 0 ? billed : effective, amortized: effective >= 0 ? effective : billed };
    plan.provider = find(["ServiceProviderName", "ProviderName"]);
    // PricingQuantity counts x_PricingUnitDescription blocks; without that column use consumed units.
    if (find(["x_PricingUnitDescription"]) < 0) plan.quantity = find(["ConsumedQuantity", "PricingQuantity"]);
    return plan;
  }

  const date = find(DETAILS.date);
  const cost = find(DETAILS_COST);
  if (date < 0 || cost < 0) return null;
  const mca = index.has("costinbillingcurrency") && index.has("resourcegroupname");
  return pick(DETAILS, cost, names[cost].trim(), mca ? "mca" : "ea", holdsFromPath(pathHint));
}

/** EA/MCA actual and amortized exports share columns; the export's name or folder usually says which. */
export function holdsFromPath(path: string): ColumnPlan["costHolds"] {
  const p = path.toLowerCase();
  if (p.includes("amortiz")) return "amortized";
  if (p.includes("actual")) return "actual";
  return "unknown";
}
