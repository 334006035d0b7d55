// Classifies a cost row: AI model spend or other, which model and family, channel, direction,
// deployment type, tokens and non-token usage. Each distinct meter is described once (cached);
// per row only the quantity is scaled. Must not import sources or SDKs.
import { lookupMeter, onCatalogueChange } from "./meter-catalogue.js";
import { describeMeter, type MeterInfo } from "./meter-describe.js";
import { familyFromProduct } from "./meter-families.js";
import { MARKETPLACE, MARKETPLACE_RULES, MODEL_FAMILY, MODEL_METER, type MeterRule, type RuleInput } from "./meter-rules.js";
import { meterUsage } from "./meter-units.js";
import { deploymentType, splitMeterName } from "./meter-words.js";
import type { Channel, Classification, CostRow } from "./types.js";

type MeterClass = MeterInfo & { channel: Channel };

/** Every column the classification depends on, except quantity. */
const KEY_COLUMNS = [
  "meterName",
  "meterCategory",
  "meterSubCategory",
  "product",
  "serviceName",
  "publisherType",
  "publisherName",
  "resourceName",
  "resourceId",
  "unitOfMeasure",
  "meterId",
] as const satisfies ReadonlyArray<keyof CostRow>;
const cache = new Map<unknown, unknown>();
let cached = 0;
// Bounds memory on long-running servers; a real scope has a few thousand distinct meters.
const MAX_CACHE = 200_000;
onCatalogueChange(() => {
  cache.clear();
  cached = 0;
});

export function classify(row: CostRow): Classification {
  // Nested maps, one level per column: no key string is built per row (export parsing hands
  // every row fresh strings, and concatenating them dominated the cost).
  let level: Map<unknown, unknown> = cache;
  for (let i = 0; i < KEY_COLUMNS.length - 1; i++) {
    const v = row[KEY_COLUMNS[i]];
    let next = level.get(v) as Map<unknown, unknown> | undefined;
    if (!next) level.set(v, (next = new Map()));
    level = next;
  }
  const last = row[KEY_COLUMNS[KEY_COLUMNS.length - 1]];
  let c = level.get(last) as MeterClass | undefined;
  if (!c) {
    if (++cached > MAX_CACHE) {
      cache.clear();
      cached = 0;
    }
    c = classifyMeter(row);
    level.set(last, c);
  }
  const q = Number.isFinite(row.quantity) ? row.quantity : 0;
  // PTU bills hours, not tokens; tokens count only with a direction; anything else is other usage.
  const tokenRow = c.isModel && c.unit === "tokens" && c.direction !== "none" && c.deploymentType.indexOf("provisioned") < 0;
  // Math.round: 0.0123 of "1K" must be 12 tokens, not 12.299999999999999.
  const tokens = tokenRow ? Math.round(q * c.per) : 0;
  const other = c.isModel && !tokenRow;
  return {
    isModel: c.isModel,
    model: c.model,
    family: c.family,
    channel: c.channel,
    direction: c.direction,
    deployment: c.deploymentType,
    tokens,
    recognised: c.recognised,
    usageKind: other ? c.unit : null,
    usage: other ? (c.unit === "tokens" ? Math.round(q * c.per) : q * c.per) : 0,
  };
}

function classifyMeter(row: CostRow): MeterClass {
  const marketplace =
    MARKETPLACE.publisherType.test(row.publisherType) ||
    MARKETPLACE.serviceName.test(row.serviceName.trim()) ||
    MARKETPLACE.meterName.test(row.meterName);
  if (marketplace) return { ...marketplaceMeter(row), channel: "marketplace" };
  const product = row.meterSubCategory || row.product;
  const known = lookupMeter(row.meterId, product, row.meterName);
  // Microsoft's split (MeterCategory, else the service) decides; the catalogue fills what a row lacks.
  const service =
    [row.meterCategory, row.serviceName].find((v) => /^foundry (models|tools)$/i.test(v.trim())) ??
    known?.service ??
    [row.meterCategory, row.serviceName].filter(Boolean).join(" ");
  const info = describeMeter({
    meterName: row.meterName,
    // A row's product that names no vendor ("Azure AI Foundry Models") yields to the catalogue's.
    product: known && !familyFromProduct(product) ? known.product : product,
    service,
    unitOfMeasure: row.unitOfMeasure || known?.unitOfMeasure || "",
  });
  return { ...info, channel: "microsoft" };
}

function marketplaceMeter(row: CostRow): MeterInfo {
  // "<offer> - <plan> - <meter>": only the meter part carries billing markers ("Claude in ..." is no input).
  const parts = splitMeterName(row.meterName.split(" - ").pop() ?? "");
  const usage = meterUsage(row.unitOfMeasure, row.meterName, parts.blockHint);
  // Query API rows grouped by ResourceId carry no name: the id ends in it.
  const resourceName = row.resourceName || (row.resourceId.split("/").filter(Boolean).pop() ?? "");
  const base = { deploymentType: deploymentType(parts.scope, parts.mode), unit: usage.kind, per: usage.per, direction: parts.direction ?? "none" };
  const modelish =
    MODEL_METER.test(row.meterName) ||
    [resourceName, row.meterName, row.product, row.meterSubCategory, row.publisherName].some((v) => MODEL_FAMILY.test(v));
  if (!modelish) return { ...base, isModel: false, family: "", model: row.meterName, recognised: true };
  const { meterName, meterCategory, meterSubCategory, product, serviceName, publisherType, publisherName } = row;
  const model = firstMatch(MARKETPLACE_RULES, {
    meterName,
    meterCategory,
    meterSubCategory,
    product,
    serviceName,
    publisherType,
    publisherName,
    resourceName,
  });
  const found = model ? (MODEL_FAMILY.exec(model)?.[0].toLowerCase() ?? "") : "";
  const family = MARKETPLACE_FAMILIES[found] ?? found;
  return { ...base, isModel: true, family, model: model ?? row.meterName, recognised: model !== null };
}

// Marketplace names as the Microsoft-sold families are called, so "llama" or "mistral" keeps both channels.
const MARKETPLACE_FAMILIES: Record<string, string> = {
  meta: "llama",
  ministral: "mistral",
  codestral: "mistral",
  pixtral: "mistral",
  "command-r": "cohere",
  commandr: "cohere",
  "embed-v": "cohere",
  rerank: "cohere",
  "phi-": "phi",
  anthropic: "claude",
  ai21: "ai21",
  jamba: "ai21",
  timegen: "nixtla",
};

function firstMatch(rules: MeterRule[], input: RuleInput): string | null {
  for (const rule of rules) {
    const entries = Object.entries(rule.match) as Array<[keyof RuleInput, RegExp]>;
    const from = rule.from ?? entries[0][0];
    let fromMatch: RegExpExecArray | null = null;
    let ok = true;
    for (const [col, re] of entries) {
      const m = re.exec(input[col]);
      if (!m) {
        ok = false;
        break;
      }
      if (col === from) fromMatch = m;
    }
    if (!ok) continue;
    const name = fromMatch ? rule.model(fromMatch).toLowerCase() : "";
    if (name) return name;
  }
  return null;
}
