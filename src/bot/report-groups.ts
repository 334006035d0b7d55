// The rows of a spend report: each group's cost and, against the period compared with, its
// previousCost; both rounded so the rows add up to the shown totals. Pure; no platform imports.
import type { Aggregation, GroupTotals } from "../cost/aggregate.js";
import { apportionMoney } from "../cost/apportion.js";
import type { GroupBy } from "./intent-types.js";
import { eachDate, lengthInDays, shiftDays } from "../base/dates.js";
import type { SpendGroup } from "./report.js";

export interface GroupOptions {
  groupBy: GroupBy;
  /** The range (by day every date of it is a row) and the compared period: day i with day i. */
  from: string;
  to: string;
  prevFrom: string;
  prevTo: string;
  /** Also list groups that cost something before and nothing now (when comparing). */
  withVanished: boolean;
  /** Nothing to compare (no data for the compared period, or none yet for the range): rows carry no previousCost. */
  noPrevious?: boolean;
}

const EMPTY: GroupTotals = {
  cost: 0n,
  channels: new Set(),
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  hourly: false,
  otherUsage: {},
  recognised: true,
};

export function groupsOf(now: Aggregation, before: Aggregation, o: GroupOptions): SpendGroup[] {
  const byDay = o.groupBy === "day";
  // Days read best in calendar order; everything else largest first.
  const byCost = ([ka, a]: [string, GroupTotals], [kb, b]: [string, GroupTotals]) =>
    a.cost === b.cost ? ka.localeCompare(kb) : a.cost > b.cost ? -1 : 1;
  const entries = byDay ? eachDate(o.from, o.to).map((d): [string, GroupTotals] => [d, now.groups.get(d) ?? EMPTY]) : [...now.groups].sort(byCost);
  const costs = apportionMoney(entries.map(([, g]) => g.cost));
  const prevEntries = [...before.groups];
  const prevCosts = apportionMoney(prevEntries.map(([, g]) => g.cost));
  const prevByKey = new Map(prevEntries.map(([k], i) => [k, prevCosts[i]]));
  const counterpart = (key: string) => {
    if (o.noPrevious) return undefined;
    if (!byDay) return prevByKey.get(key) ?? 0;
    const day = shiftDays(o.prevFrom, lengthInDays(o.from, key) - 1);
    return day <= o.prevTo ? (prevByKey.get(day) ?? 0) : undefined;
  };
  const rows = entries.map(([key, g], i) => row(key, g, costs[i], counterpart(key)));
  if (o.withVanished && !byDay && !o.noPrevious) {
    const gone = prevEntries.filter(([k]) => !now.groups.has(k)).sort(byCost);
    for (const [key, g] of gone) rows.push(row(key, { ...EMPTY, channels: g.channels }, 0, prevByKey.get(key) ?? 0));
  }
  return rows;
}

function row(key: string, g: GroupTotals, cost: number, previousCost: number | undefined): SpendGroup {
  return {
    key,
    ...(g.channels.size === 1 ? { channel: [...g.channels][0] } : {}),
    cost,
    ...(previousCost === undefined ? {} : { previousCost }),
    inputTokens: g.inputTokens,
    outputTokens: g.outputTokens,
    cachedInputTokens: g.cachedInputTokens,
    hourly: g.hourly,
    ...(Object.keys(g.otherUsage).length ? { otherUsage: roundUsage(g.otherUsage) } : {}),
    ...(g.recognised ? {} : { recognised: false as const }),
  };
}

// Seconds, hours and pages are summed as floats ("1K" pages of 0.0123): show them to 3 decimals.
function roundUsage(u: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(u)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, Math.round(v * 1000) / 1000]),
  );
}
