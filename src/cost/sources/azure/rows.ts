// Maps positional query rows to CostRows through each page's `columns` (Azure names the cost column:
// Cost, PreTaxCost, CostUSD...). Costs are exact: parsed from the number's decimal form, never summed here.
import { CostbotError } from "../../../base/errors.js";
import { parseAmount } from "../../money.js";
import { makeRow, type CostRow } from "../../types.js";
import type { QueryPage } from "./pages.js";

/** Cost columns in order of preference: billing currency first, USD only when nothing else. */
const COST_COLUMNS = ["cost", "pretaxcost", "costinbillingcurrency", "totalcost", "costusd", "pretaxcostusd"];

/** Dimension column (lowercase) -> CostRow field. */
const TEXT_COLUMNS: Record<string, keyof CostRow> = {
  resourceid: "resourceId",
  resourcegroupname: "resourceGroup",
  resourcegroup: "resourceGroup",
  meter: "meterName",
  metercategory: "meterCategory",
  metersubcategory: "meterSubCategory",
  product: "product",
  publishertype: "publisherType",
  publishername: "publisherName",
  unitofmeasure: "unitOfMeasure",
};

export interface MappedRows {
  rows: CostRow[];
  /** The latest UsageDate seen (YYYY-MM-DD), or null when there are no rows. */
  latestDate: string | null;
}

export function mapPages(pages: QueryPage[]): MappedRows {
  const rows: CostRow[] = [];
  let latestDate: string | null = null;
  for (const page of pages) {
    const at = columnIndex(page);
    const costName = costColumn(at);
    const dateAt = at.get("usagedate");
    if (costName === undefined || dateAt === undefined) {
      if (page.rows.length === 0) continue;
      throw new CostbotError(
        `Azure's answer has no ${costName === undefined ? "cost" : "UsageDate"} column (columns: ${page.columns.map((c) => c.name).join(", ")}).`,
        "SOURCE_FAILED",
      );
    }
    const costAt = at.get(costName)!;
    const currencyAt = at.get("currency") ?? at.get("billingcurrency");
    const quantityAt = at.get("usagequantity");
    const consumedAt = at.get("consumedservice");
    const serviceAt = at.get("servicename");
    const text: [keyof CostRow, number][] = [];
    for (const [col, field] of Object.entries(TEXT_COLUMNS)) {
      const i = at.get(col);
      if (i !== undefined && !text.some(([f]) => f === field)) text.push([field, i]);
    }
    for (const raw of page.rows) {
      const date = usageDate(raw[dateAt]);
      const cost = parseAmount(String(raw[costAt] ?? ""));
      if (cost === null || date === null) {
        throw new CostbotError(`Azure sent a row that is not a dated cost: ${JSON.stringify(raw).slice(0, 200)}`, "SOURCE_FAILED");
      }
      const row = makeRow({ date, cost });
      for (const [field, i] of text) (row as unknown as Record<string, unknown>)[field] = str(raw[i]);
      // Without a Currency column the only cost Azure can have sent is a USD one.
      row.currency = str(currencyAt !== undefined ? raw[currencyAt] : "") || "USD";
      if (quantityAt !== undefined) row.quantity = Number(raw[quantityAt] ?? 0) || 0;
      // ConsumedService (EA) names the resource provider, e.g. SaaS for Marketplace; ServiceName is its MCA peer.
      row.serviceName = str(consumedAt !== undefined ? raw[consumedAt] : "") || str(serviceAt !== undefined ? raw[serviceAt] : "");
      if (row.resourceId) {
        row.resourceName = row.resourceId.split("/").filter(Boolean).pop() ?? "";
        row.resourceGroup ||= /\/resourcegroups\/([^/]+)/i.exec(row.resourceId)?.[1] ?? "";
      }
      rows.push(row);
      if (latestDate === null || date > latestDate) latestDate = date;
    }
  }
  return { rows, latestDate };
}

/** Rows dated from..to (inclusive) out of rows sorted by date: two binary searches and a slice. */
export function rowsBetween(sorted: CostRow[], from: string, to: string): CostRow[] {
  const first = (pred: (r: CostRow) => boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(sorted[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return sorted.slice(
    first((r) => r.date >= from),
    first((r) => r.date > to),
  );
}

/** Column positions by lowercase name. */
export function columnIndex(page: QueryPage): Map<string, number> {
  return new Map(page.columns.map((c, i) => [String(c.name).toLowerCase(), i]));
}

/** The cost column Azure chose to send (its name, lowercase), whatever alias we asked for. */
export function costColumn(at: Map<string, number>): string | undefined {
  return COST_COLUMNS.find((n) => at.has(n));
}

/** 20251127 (number or string) or "2025-11-27T00:00:00" -> "2025-11-27". */
export function usageDate(v: unknown): string | null {
  const s = String(v ?? "").trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
