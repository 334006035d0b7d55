// Describes one Microsoft-sold meter from what its price-list record says (name, product, service,
// unit): model spend or other, vendor family, model key, direction, deployment type, unit counted.
// Pure, one call per distinct meter; also builds the meter catalogue. Must not import sources.
import { familyFromName, familyFromProduct, modelKeyFor } from "./meter-families.js";
import { AI_SERVICE, FOUNDRY_MODELS, FOUNDRY_TOOLS, MODEL_SERVICE, OTHER_RULES } from "./meter-rules.js";
import { meterUsage, type UsageKind } from "./meter-units.js";
import { deploymentType, splitMeterName } from "./meter-words.js";
import type { Direction } from "./types.js";

/** What a price-list record or cost row says about a meter. Empty strings when unknown. */
export interface MeterFields {
  meterName: string;
  /** productName / MeterSubCategory / x_SkuMeterSubcategory: "Azure OpenAI GPT5", "Azure Deepseek Models". */
  product: string;
  /** serviceName / MeterCategory: "Foundry Models", "Foundry Tools", "Cognitive Services". */
  service: string;
  unitOfMeasure: string;
}

export interface MeterInfo {
  /** Model spend (Foundry Models) rather than other cost (Foundry Tools, ...). */
  isModel: boolean;
  /** Vendor family ("openai", "deepseek", "mistral", "llama", "phi", "cohere"); "" when unknown. */
  family: string;
  /** Model key ("gpt-5.4-nano"), or the raw meter name when the meter cannot be placed. */
  model: string;
  recognised: boolean;
  direction: Direction;
  /** "global-standard", "data-zone-batch", "regional-provisioned", "standard", ... */
  deploymentType: string;
  /** What the quantity counts: "tokens", "images", "pages", "hours", ... */
  unit: UsageKind;
  /** How many of `unit` one unit of quantity stands for. */
  per: number;
}

export function describeMeter(f: MeterFields): MeterInfo {
  const parts = splitMeterName(f.meterName);
  const usage = meterUsage(f.unitOfMeasure, f.meterName, parts.blockHint);
  const base = { deploymentType: deploymentType(parts.scope, parts.mode), unit: usage.kind, per: usage.per };
  const other: MeterInfo = { ...base, isModel: false, family: "", model: f.meterName, recognised: true, direction: parts.direction ?? "none" };

  const service = f.service.trim();
  if (FOUNDRY_TOOLS.test(service)) return other;
  const split = FOUNDRY_MODELS.test(service);
  if (!split && OTHER_RULES.some((r) => Object.entries(r.match).every(([col, re]) => re.test(f[col as "meterName" | "product"])))) {
    return other;
  }
  // The product names the vendor; only a name that says its vendor itself ("gpt", "Phi-4") may
  // stand in when there is no product. A bare "4.3" of another vendor never becomes gpt-4.3.
  const fromProduct = familyFromProduct(f.product);
  const family = fromProduct ?? familyFromName(parts.words) ?? "";
  const key = family || parts.mode === "provisioned" ? modelKeyFor(family, parts.words, parts.mode === "provisioned") : null;
  const aiContext = [f.product, service].some((v) => AI_SERVICE.test(v));
  const tokenMeter = usage.kind === "tokens" && /token/i.test(`${f.meterName} ${f.unitOfMeasure}`);
  if (!split && key === null && !(aiContext && (tokenMeter || [f.product, service].some((v) => MODEL_SERVICE.test(v))))) return other;
  const embedding = key !== null && /^(text-embedding|cohere-embed)/.test(key);
  return {
    ...base,
    isModel: true,
    family,
    model: key ?? f.meterName,
    recognised: key !== null,
    direction: parts.direction ?? (embedding ? "input" : "none"),
  };
}
