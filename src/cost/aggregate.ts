// Folds classified cost rows into exact totals: per group, per channel, per day, and other costs.
// Pure and platform-free; amounts stay bigint until a report rounds them for display.
import { classify } from "./classify.js";
import type { Amount } from "./money.js";
import type { Channel, CostRow } from "./types.js";

export type GroupKeyKind = "model" | "channel" | "meter" | "resource" | "resource-group" | "day";

export interface GroupTotals {
  cost: Amount;
  channels: Set<Channel>;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  hourly: boolean;
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
  /** Raw names of AI meters no rule recognised. */
  unrecognised: Set<string>;
  /** Every model key seen in range before filters, to help when a filter matches nothing. */
  modelsSeen: Set<string>;
  currencies: Set<string>;
  rowsInRange: number;
}

export interface AggregateOptions {
  from: string;
  to: string;
  groupBy: GroupKeyKind;
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
    unrecognised: new Set(),
    modelsSeen: new Set(),
    currencies: new Set(),
    rowsInRange: 0,
  };
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
    if (!c.recognised) agg.unrecognised.add(row.meterName || c.model);
    if (opts.model && c.model !== opts.model) continue;
    if (opts.channel && c.channel !== opts.channel) continue;
    agg.total += row.cost;
    agg.channels[c.channel] += row.cost;
    agg.byDay.set(row.date, (agg.byDay.get(row.date) ?? 0n) + row.cost);
    const key = groupKey(opts.groupBy, row, c.model, c.channel);
    let g = agg.groups.get(key);
    if (!g) {
      g = { cost: 0n, channels: new Set(), inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, hourly: false };
      agg.groups.set(key, g);
    }
    g.cost += row.cost;
    g.channels.add(c.channel);
    if (c.direction === "input") g.inputTokens += c.tokens;
    else if (c.direction === "output") g.outputTokens += c.tokens;
    else if (c.direction === "cached-input") g.cachedInputTokens += c.tokens;
    if (c.deployment === "provisioned") g.hourly = true;
  }
  return agg;
}

function groupKey(kind: GroupKeyKind, row: CostRow, model: string, channel: Channel): string {
  switch (kind) {
    case "model":
      return model;
    case "channel":
      return channel;
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
