// Classifies a cost row: AI model spend or other, which model, channel, direction, deployment, tokens.
// Runs the rule table of meter-rules.ts, cached per distinct meter; must not import sources or SDKs.
import {
  AI_SERVICE, MARKETPLACE, MARKETPLACE_RULES, MICROSOFT_RULES, MODEL_FAMILY, MODEL_METER, MODEL_SERVICE,
  type MeterRule, type RuleInput,
} from "./meter-rules.js";
import { tokensPerUnit } from "./meter-units.js";
import { splitMeterName } from "./meter-words.js";
import type { Channel, Classification, CostRow } from "./types.js";

/** Everything about a row except its token count, which depends on its quantity. */
type MeterClass = Omit<Classification, "tokens"> & { tokenBlock: number };

/** Every column the classification depends on, except quantity. */
const KEY_COLUMNS = ["meterName", "meterCategory", "meterSubCategory", "product", "serviceName",
  "publisherType", "publisherName", "resourceName", "resourceId", "unitOfMeasure"] as const satisfies ReadonlyArray<keyof CostRow>;
const cache = new Map<string, unknown>();
let cached = 0;
// Bounds memory on long-running servers; a real scope has a few thousand distinct meters.
const MAX_CACHE = 200_000;

export function classify(row: CostRow): Classification {
  // Nested maps, one level per column: no key string is built per row (export parsing hands
  // every row fresh strings, and concatenating them dominated the cost).
  let level: Map<string, unknown> = cache;
  for (let i = 0; i < KEY_COLUMNS.length - 1; i++) {
    const v = row[KEY_COLUMNS[i]];
    let next = level.get(v) as Map<string, unknown> | undefined;
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
  const q = row.quantity;
  // Math.round: 0.0123 of "1K" must be 12 tokens, not 12.299999999999999.
  const tokens = c.tokenBlock > 0 && Number.isFinite(q) ? Math.round(q * c.tokenBlock) : 0;
  return { isModel: c.isModel, model: c.model, channel: c.channel, direction: c.direction,
    deployment: c.deployment, tokens, recognised: c.recognised };
}

function classifyMeter(row: CostRow): MeterClass {
  const parts = splitMeterName(row.meterName);
  // Query API rows grouped by ResourceId carry no name: the id ends in it.
  const resourceName = row.resourceName || (row.resourceId.split("/").filter(Boolean).pop() ?? "");
  const input: RuleInput = { ...pick(row), resourceName, words: parts.words };
  const marketplace = MARKETPLACE.publisherType.test(row.publisherType)
    || MARKETPLACE.serviceName.test(row.serviceName.trim()) || MARKETPLACE.meterName.test(row.meterName);
  const channel: Channel = marketplace ? "marketplace" : "microsoft";
  const other: MeterClass = {
    isModel: false, model: row.meterName, channel, direction: "none", deployment: "unknown",
    recognised: true, tokenBlock: 0,
  };

  let rule: MeterRule | null = null;
  let model: string | null = null;
  if (marketplace) {
    const modelish = MODEL_METER.test(row.meterName) || [resourceName, row.meterName, row.product,
      row.meterSubCategory, row.publisherName].some((v) => MODEL_FAMILY.test(v));
    if (!modelish) return other;
    [rule, model] = firstMatch(MARKETPLACE_RULES, input);
  } else {
    const tokenMeter = /\btokens?\s*$/i.test(row.meterName) || /token/i.test(row.unitOfMeasure);
    const aiService = [row.meterCategory, row.meterSubCategory, row.product, row.serviceName]
      .some((v) => AI_SERVICE.test(v));
    if (!aiService && !tokenMeter && !/^provisioned managed\b/i.test(row.meterName)) return other;
    [rule, model] = firstMatch(MICROSOFT_RULES, input);
    if (rule?.kind === "other") return other;
    const modelService = [row.meterCategory, row.meterSubCategory, row.product, row.serviceName]
      .some((v) => MODEL_SERVICE.test(v));
    if (!rule && !tokenMeter && !modelService) return other;
  }

  const deployment = rule?.deployment ?? parts.deployment ?? "unknown";
  const direction = parts.direction ?? rule?.direction ?? "none";
  // Consumption units, hosting hours and PTU are model spend without a token count.
  const countsTokens = deployment !== "provisioned"
    && (direction !== "none" || /token/i.test(row.meterName) || /token/i.test(row.unitOfMeasure));
  return {
    isModel: true,
    model: model ?? row.meterName,
    channel,
    direction,
    deployment,
    recognised: model !== null,
    tokenBlock: countsTokens ? tokensPerUnit(row.unitOfMeasure, parts.blockHint) : 0,
  };
}

function firstMatch(rules: MeterRule[], input: RuleInput): [MeterRule | null, string | null] {
  for (const rule of rules) {
    const entries = Object.entries(rule.match) as Array<[keyof RuleInput, RegExp]>;
    const from = rule.from ?? entries[0][0];
    let fromMatch: RegExpExecArray | null = null;
    let ok = true;
    for (const [col, re] of entries) {
      const m = re.exec(input[col]);
      if (!m) { ok = false; break; }
      if (col === from) fromMatch = m;
    }
    if (!ok) continue;
    if (rule.kind === "other") return [rule, null];
    const name = rule.model && fromMatch ? rule.model(fromMatch).toLowerCase() : "";
    if (name) return [rule, name];
  }
  return [null, null];
}

function pick(row: CostRow): Omit<RuleInput, "words"> {
  const { meterName, meterCategory, meterSubCategory, product, serviceName, publisherType, publisherName,
    resourceName } = row;
  return { meterName, meterCategory, meterSubCategory, product, serviceName, publisherType, publisherName,
    resourceName };
}
