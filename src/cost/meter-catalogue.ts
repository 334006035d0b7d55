// The meter catalogue: Azure's public price list for Foundry Models and Foundry Tools, keyed by
// meterId, by (product, meter name) and by meter name alone where unambiguous, so a cost row that
// carries only a meter name or id still gets its product and service. Shipped as
// meter-catalogue.json (scripts/build-meter-catalogue.ts); replaceable at run time by a refresh.
import shipped from "./meter-catalogue.json" with { type: "json" };
import { describeMeter, type MeterInfo } from "./meter-describe.js";

/** One price-list meter and what costbot makes of it. */
export interface CatalogueEntry extends MeterInfo {
  meterId: string;
  meterName: string;
  product: string;
  service: string;
  unitOfMeasure: string;
  /** Retail (list) price in USD per `unitOfMeasure`: first tier, consumption; absent when the price list gave none. */
  retailPrice?: number;
  /** The price list's region for `retailPrice` (armRegionName). */
  priceRegion?: string;
}

/** The fields of a Retail Prices API item the catalogue reads. */
export interface RetailItem {
  meterId?: string;
  meterName?: string;
  productName?: string;
  serviceName?: string;
  unitOfMeasure?: string;
  unitPrice?: number;
  currencyCode?: string;
  type?: string;
  tierMinimumUnits?: number;
  armRegionName?: string;
}

/** A list price costbot can use: USD, pay-as-you-go (Consumption), first tier. */
function listPrice(it: RetailItem): Pick<CatalogueEntry, "retailPrice" | "priceRegion"> | null {
  if (it.type !== "Consumption" || it.currencyCode !== "USD" || (it.tierMinimumUnits ?? 0) !== 0) return null;
  if (typeof it.unitPrice !== "number" || !Number.isFinite(it.unitPrice) || it.unitPrice < 0) return null;
  return { retailPrice: it.unitPrice, ...(it.armRegionName ? { priceRegion: it.armRegionName } : {}) };
}

interface Index {
  entries: CatalogueEntry[];
  byId: Map<string, CatalogueEntry>;
  byProductName: Map<string, CatalogueEntry>;
  /** null when the same name is sold under several products. */
  byName: Map<string, CatalogueEntry | null>;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Catalogue entries for retail items, one per distinct meter (the API repeats a meter per region/price type). */
export function catalogueFromRetail(items: Iterable<RetailItem>): CatalogueEntry[] {
  const seen = new Map<string, CatalogueEntry>();
  for (const it of items) {
    const meterName = it.meterName ?? "";
    if (!meterName) continue;
    const fields = { meterName, product: it.productName ?? "", service: it.serviceName ?? "", unitOfMeasure: it.unitOfMeasure ?? "" };
    const key = it.meterId ? `id:${norm(it.meterId)}` : `pn:${norm(fields.product)}|${norm(meterName)}`;
    const price = listPrice(it);
    const had = seen.get(key);
    if (had) {
      // The API repeats a meter per region; the first usable price stands.
      if (had.retailPrice === undefined && price) Object.assign(had, price);
      continue;
    }
    seen.set(key, { meterId: it.meterId ?? "", ...fields, ...describeMeter(fields), ...price });
  }
  return [...seen.values()].sort(
    (a, b) =>
      a.service.localeCompare(b.service) ||
      a.product.localeCompare(b.product) ||
      a.meterName.localeCompare(b.meterName) ||
      a.meterId.localeCompare(b.meterId),
  );
}

function index(entries: CatalogueEntry[]): Index {
  const idx: Index = { entries, byId: new Map(), byProductName: new Map(), byName: new Map() };
  for (const e of entries) {
    if (e.meterId) idx.byId.set(norm(e.meterId), e);
    idx.byProductName.set(`${norm(e.product)}|${norm(e.meterName)}`, e);
    const name = norm(e.meterName);
    const had = idx.byName.get(name);
    idx.byName.set(name, had === undefined || (had && had.product === e.product) ? e : null);
  }
  return idx;
}

let current = index(shipped as CatalogueEntry[]);
const listeners: Array<() => void> = [];

/** Replaces the catalogue (a refresh from the Retail Prices API); classifications made before are dropped. */
export function setCatalogue(entries: CatalogueEntry[]): void {
  current = index(entries);
  listeners.forEach((l) => l());
}

/** Every entry of the current catalogue (read-only). */
export function catalogueEntries(): readonly CatalogueEntry[] {
  return current.entries;
}

export function catalogueSize(): number {
  return current.entries.length;
}

/** Called after every setCatalogue (the classifier's per-meter cache). */
export function onCatalogueChange(listener: () => void): void {
  listeners.push(listener);
}

/** The meter by id, else by (product, name), else by a name only one product uses. */
export function lookupMeter(meterId: string | undefined, product: string, meterName: string): CatalogueEntry | undefined {
  if (meterId) {
    const e = current.byId.get(norm(meterId));
    if (e) return e;
  }
  if (!meterName) return undefined;
  if (product) {
    const e = current.byProductName.get(`${norm(product)}|${norm(meterName)}`);
    if (e) return e;
  }
  return current.byName.get(norm(meterName)) ?? undefined;
}
