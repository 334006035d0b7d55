// Retail (list) prices per token from the meter catalogue, for models with usage but no billed
// history: the meters of the model, the deployment's type and (when the meter names carry it) its
// version, per direction. A direction with no list price, or with several different ones, has none:
// costbot does not guess. USD only; discounts and commitments are not in a list price. Pure.
import { catalogueEntries, onCatalogueChange, type CatalogueEntry } from "../meter-catalogue.js";
import { parseAmount, type Amount } from "../money.js";
import type { FallbackRate } from "./estimate.js";
import type { ModelRate } from "./rates.js";
import type { DeploymentInfo } from "./types.js";

export const RETAIL_BASIS = "retail price (Azure list price in USD; discounts and commitments not applied)";

/** Fine-tuned, training and grader meters price other work than inference on a base deployment. */
const NOT_INFERENCE = /\b(ft|fine[- ]?tun\w*|trng|training|grader|grdr)\b/i;

/** ARM deployment sku name -> the catalogue's deployment type (`DataZoneStandard` -> `data-zone-standard`). */
export function catalogueDeploymentType(sku: string): string {
  if (sku === "Standard") return "regional-standard";
  return sku
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/-managed$/, "");
}

/** "2024-08-06" -> "0806", the way meter names carry a model version; null for other versions. */
function versionTag(version: string): string | null {
  const m = /^\d{4}-(\d\d)-(\d\d)$/.exec(version.trim());
  return m ? `${m[1]}${m[2]}` : null;
}

let byModel: Map<string, CatalogueEntry[]> | null = null;
onCatalogueChange(() => (byModel = null));

function priced(model: string): CatalogueEntry[] {
  if (!byModel) {
    byModel = new Map();
    for (const e of catalogueEntries()) {
      if (!e.isModel || e.unit !== "tokens" || e.direction === "none" || e.retailPrice === undefined || !(e.per > 0)) continue;
      if (NOT_INFERENCE.test(e.meterName)) continue;
      byModel.set(e.model, [...(byModel.get(e.model) ?? []), e]);
    }
  }
  return byModel.get(model) ?? [];
}

const perToken = (e: CatalogueEntry): Amount | null => {
  const a = parseAmount(e.retailPrice!);
  return a === null ? null : a / BigInt(e.per);
};

/**
 * List price per token and direction for `model` on a deployment of ARM sku `sku` and version
 * `version`; undefined when the list has no price for any direction. Provisioned deployments bill
 * per hour: they get none.
 */
export function retailRate(model: string, sku: string, version: string): ModelRate | undefined {
  if (/provisioned/i.test(sku)) return undefined;
  const type = catalogueDeploymentType(sku);
  let entries = priced(model).filter((e) => e.deploymentType === type);
  const tag = versionTag(version);
  const tagged = tag ? entries.filter((e) => new RegExp(`(^|[^0-9])${tag}([^0-9]|$)`).test(e.meterName)) : [];
  // Meter names that carry this version win; otherwise only names without any version tag qualify.
  if (tagged.length) entries = tagged;
  else entries = entries.filter((e) => !/(^|[\s-])(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([\s-]|$)/.test(e.meterName));
  const rate = (direction: string): Amount | undefined => {
    const prices = new Set<Amount>();
    for (const e of entries.filter((x) => x.direction === direction)) {
      const p = perToken(e);
      if (p !== null) prices.add(p);
    }
    return prices.size === 1 ? [...prices][0] : undefined;
  };
  const r: ModelRate = { channel: "microsoft", input: rate("input"), cachedInput: rate("cached-input"), output: rate("output") };
  return r.input === undefined && r.output === undefined && r.cachedInput === undefined ? undefined : r;
}

/**
 * The list price of each usage row's deployment (type and version from the deployments list), as
 * the estimate's fallback; none when the bill is not in USD (the price list is).
 */
export function listPriceFallback(currency: string, deployments: DeploymentInfo[]): FallbackRate | undefined {
  if (currency !== "USD") return undefined;
  const info = new Map(deployments.map((d) => [`${d.account}|${d.name}`, d]));
  return (u) => {
    const d = info.get(`${u.account}|${u.deployment}`);
    return d ? retailRate(u.model, d.type, d.modelVersion) : undefined;
  };
}
