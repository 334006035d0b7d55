// Folds classified cost rows into exact totals: per group, per channel, per day, and other costs.
// Pure and platform-free; amounts stay bigint until a report rounds them for display.
import { classify } from "./classify.js";
import type { Amount } from "./money.js";
import type { Channel, Classification, CostRow } from "./types.js";

type GroupKeyKind = "model" | "channel" | "meter" | "resource" | "resource-group" | "day" | "deployment-type";

export interface GroupTotals {
  cost: Amount;
  channels: Set<Channel>;
  /** Input tokens, cached input included. */
  inputTokens: number;
  outputTokens: number;
  /** The part of inputTokens read from the prompt cache. */
  cachedInputTokens: number;
  hourly: boolean;
  /** Usage that is not input/output tokens, by unit ("images", "hours", "pages"). */
  otherUsage: Record<string, number>;
  /** false when the group is a meter no rule could place (its key is the raw meter name). */
  recognised: boolean;
}

export interface Aggregation {
  /** AI model spend after filters. */
  total: Amount;
  /** Non-model costs in the same scope and range (filters on model/channel do not apply). */
  other: Amount;
  groups: Map<string, GroupTotals>;
  channels: Record<Channel, Amount>;
  /** Model spend (after filters) per usage date. */
  byDay: Map<string, Amount>;
  /** Raw names of AI meters no rule recognised, with their cost in range (before filters). */
  unrecognised: Map<string, Amount>;
  /** Every model key seen in range before filters, to help when a filter matches nothing. */
  modelsSeen: Set<string>;
  currencies: Set<string>;
  rowsInRange: number;
}

export interface AggregateOptions {
  from: string;
  to: string;
  groupBy: GroupKeyKind;
  /** A model key, a family ("openai", "mistral"), a key prefix ("gpt-5" = every gpt-5.x) or "ptu". */
  model?: string;
  channel?: Channel;
}

export function aggregate(rows: Iterable<CostRow>, opts: AggregateOptions): Aggregation {
  const agg: Aggregation = {
    total: 0n,
    other: 0n,
    groups: new Map(),
    channels: { microsoft: 0n, marketplace: 0n },
    byDay: new Map(),
    unrecognised: new Map(),
    modelsSeen: new Set(),
    currencies: new Set(),
    rowsInRange: 0,
  };
  const wanted = opts.model ? modelFilter(opts.model) : null;
  for (const row of rows) {
    // ISO dates compare correctly as strings.
    if (row.date < opts.from || row.date > opts.to) continue;
    agg.rowsInRange++;
    if (row.currency) agg.currencies.add(row.currency);
    const c = classify(row);
    if (!c.isModel) {
      agg.other += row.cost;
      continue;
    }
    agg.modelsSeen.add(c.model);
    if (!c.recognised) {
      const name = row.meterName || c.model;
      agg.unrecognised.set(name, (agg.unrecognised.get(name) ?? 0n) + row.cost);
    }
    if (wanted && !wanted(c)) continue;
    if (opts.channel && c.channel !== opts.channel) continue;
    agg.total += row.cost;
    agg.channels[c.channel] += row.cost;
    agg.byDay.set(row.date, (agg.byDay.get(row.date) ?? 0n) + row.cost);
    const key = groupKey(opts.groupBy, row, c);
    let g = agg.groups.get(key);
    if (!g) {
      g = { cost: 0n, channels: new Set(), inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, hourly: false, otherUsage: {}, recognised: true };
      agg.groups.set(key, g);
    }
    g.cost += row.cost;
    g.channels.add(c.channel);
    // Cached input is input: in inputTokens, and also told apart in cachedInputTokens.
    if (c.direction === "input" || c.direction === "cached-input") g.inputTokens += c.tokens;
    if (c.direction === "cached-input") g.cachedInputTokens += c.tokens;
    if (c.direction === "output") g.outputTokens += c.tokens;
    if (c.usageKind && c.usage) g.otherUsage[c.usageKind] = (g.otherUsage[c.usageKind] ?? 0) + c.usage;
    if (c.deployment.includes("provisioned")) g.hourly = true;
    if (!c.recognised && opts.groupBy === "model") g.recognised = false;
  }
  return agg;
}

/**
 * Which model rows a filter word keeps: the key itself, its family ("openai", "deepseek"), every
 * version under it ("gpt-5" keeps gpt-5.4-nano, "gpt-4" keeps gpt-4.1 but not gpt-4o), or PTU
 * ("ptu", "provisioned"). An unrecognised meter only matches its own raw name.
 */
function modelFilter(word: string): (c: Classification) => boolean {
  const w = word.toLowerCase();
  if (w === "ptu" || w === "provisioned" || w === "ptus") return (c) => c.deployment.includes("provisioned");
  return (c) => {
    const m = c.model.toLowerCase();
    if (m === w) return true;
    if (!c.recognised) return false;
    if (c.family === w) return true;
    // A generation ("gpt-5", "o3") or a bare name ("gpt") keeps every model under it (gpt-5-mini,
    // gpt-5.4-nano); a model ("gpt-4o") keeps its dated versions but never another model (gpt-4o-mini).
    const next = m[w.length];
    const generation = !/\d/.test(w) || /^(gpt-\d+|o\d)$/.test(w);
    return m.startsWith(w) && (next === "." || (next === "-" && generation));
  };
}

function groupKey(kind: GroupKeyKind, row: CostRow, c: Classification): string {
  switch (kind) {
    case "model":
      return c.model;
    case "channel":
      return c.channel;
    case "deployment-type":
      return c.deployment || "unknown";
    case "meter":
      return row.meterName || "(no meter name)";
    case "resource":
      return row.resourceName || lastSegment(row.resourceId) || "(no resource)";
    case "resource-group":
      return row.resourceGroup.toLowerCase() || "(no resource group)";
    case "day":
      return row.date;
  }
}

function lastSegment(id: string): string {
  const parts = id.split("/").filter(Boolean);
  return parts[parts.length - 1] ?? "";
}
