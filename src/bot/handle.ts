// The shared intent handler: asks the cost source once for the range plus the period it is
// compared with, aggregates exactly, and builds the platform-neutral Report. No platform imports.
import { aggregate, type Aggregation } from "../cost/aggregate.js";
import { apportionMoney } from "../cost/apportion.js";
import { toMoneyNumber } from "../cost/money.js";
import { derived } from "../base/derived.js";
import type { CostResult, CostSource } from "../cost/types.js";
import { formatDate, formatDates } from "./date-style.js";
import { helpReport } from "./help.js";
import type { CommandIntent, DateRange, Intent, SpendIntent } from "./intent-types.js";
import { comparisonFor } from "./periods.js";
import { eachDate, shiftDays } from "../base/dates.js";
import type { Report, SpendReport } from "./report.js";
import { groupsOf } from "./report-groups.js";
import { spendActions } from "./spend-actions.js";
import { firstOpenDay, lastMonthWithData } from "./data-days.js";
import { localDate } from "../base/zones.js";

export interface HandleDeps {
  costSource: CostSource;
  now: Date;
  tz: string;
  /** The asker's locale: warnings write dates its way (cards read it from the report). */
  locale?: string;
}

/** Default number of groups a card lists before rolling up the rest. */
const DEFAULT_TOP = 8;

/** A cost question, help or unreadable words; a source's CostbotError is turned into a report by the bot's `answer`. */
export async function handle(intent: Exclude<Intent, CommandIntent>, deps: HandleDeps): Promise<Report> {
  switch (intent.kind) {
    case "help":
      return helpReport();
    case "invalid":
      return intent.hint ? { kind: "error", message: intent.message, hint: intent.hint } : { kind: "error", message: intent.message };
    case "spend":
      return spendReport(intent, deps);
  }
}

type Period = ReturnType<typeof comparisonFor>;

async function fetchFor(intent: SpendIntent, deps: HandleDeps) {
  const prev = intent.previous ?? comparisonFor(intent.range.from, intent.range.to);
  const from = [intent.range.from, prev.from].sort()[0];
  const to = [intent.range.to, prev.to].sort()[1];
  // Only questions about resources need their columns; the rest read meters (far fewer rows).
  const columns = RESOURCE_GROUPINGS.has(intent.groupBy) ? {} : { columns: "meters" as const };
  const result = await deps.costSource.query({ from, to, costType: intent.costType, ...columns });
  return { prev, result };
}

/** Groupings that read resource columns (deployments are split from the model rows, kept here too). */
const RESOURCE_GROUPINGS = new Set<SpendIntent["groupBy"]>(["resource", "resource-group", "deployment"]);

async function spendReport(asked: SpendIntent, deps: HandleDeps): Promise<SpendReport> {
  let intent = asked;
  let { prev, result } = await fetchFor(intent, deps);
  const notes: string[] = [...(intent.notes ?? [])];
  // No date words over a source whose data ends before this month: the last month it has.
  const moved = intent.defaultRange ? lastMonthWithData(intent.range, result.coverage, deps.locale) : null;
  if (moved) {
    const upTo = moved.whole ? "" : ` (only to that day: not the whole month)`;
    notes.push(`The source's data ends ${formatDate(moved.dataEnds, true, deps.locale)}, so this is ${moved.month}, the last month it has${upTo}.`);
    intent = { ...intent, range: moved.range, previous: comparisonFor(moved.range.from, moved.range.to, { unit: "month" }) };
    ({ prev, result } = await fetchFor(intent, deps));
  }
  // Built once per kept source answer, question, zone, locale and local day (the source's one cache
  // says how fresh the answer is), and shared, frozen, by every asker.
  const key = [JSON.stringify(intent), JSON.stringify(prev), notes.join("\n"), deps.tz, deps.locale ?? "", localDate(deps.now, deps.tz)].join(
    "\u0000",
  );
  return derived(result, key, () => buildReport(intent, prev, result, notes, deps));
}

function buildReport(intent: SpendIntent, prev: Period, result: CostResult, notes: string[], deps: HandleDeps): SpendReport {
  const { from, to } = intent.range;
  // By deployment starts from the model rows; bot.ts splits them by the usage metrics.
  const byKey = intent.groupBy === "deployment" ? "model" : intent.groupBy;
  const opts = { groupBy: byKey, model: intent.model, channel: intent.channel };
  const now = aggregate(result.rows, { ...opts, from, to });
  const before = aggregate(result.rows, { ...opts, from: prev.from, to: prev.to });
  const total = toMoneyNumber(now.total);
  // A compared period wholly outside the source's data has no figures, not zeros.
  const prevTotal = outside(prev, result.coverage) ? null : toMoneyNumber(before.total);
  // A range wholly after the source's last day has no cost data yet: nothing to compare (not ▼ 100%).
  const noDataYet = !!result.coverage && from > result.coverage.to;
  const prevCost = (c: bigint) => (prevTotal === null || noDataYet ? {} : { previousCost: toMoneyNumber(c) });
  const open = firstOpenDay(localDate(deps.now, deps.tz), result.dataAsOf);
  const range: DateRange & { complete: boolean } = { ...intent.range, complete: to < open };
  if (!range.complete && from === to && intent.range.label === "Today") range.label = "Today so far";
  const [microsoft, marketplace] = apportionMoney([now.channels.microsoft, now.channels.marketplace]);
  const days = eachDate(from, to);
  const seriesCost = apportionMoney(days.map((d) => now.byDay.get(d) ?? 0n));
  return {
    kind: "spend",
    range,
    currency: [...now.currencies][0] ?? [...before.currencies][0] ?? "USD",
    total,
    groupBy: intent.groupBy,
    groups: groupsOf(now, before, {
      groupBy: byKey,
      from,
      to,
      prevFrom: prev.from,
      prevTo: prev.to,
      withVanished: intent.compare,
      noPrevious: prevTotal === null || noDataYet,
    }),
    channels: [
      { channel: "microsoft", cost: microsoft, ...prevCost(before.channels.microsoft), prepaymentEligible: true },
      { channel: "marketplace", cost: marketplace, ...prevCost(before.channels.marketplace), prepaymentEligible: false },
    ],
    otherCost: toMoneyNumber(now.other),
    dataAsOf: result.dataAsOf,
    warnings: [
      ...result.warnings,
      ...notes,
      ...warningsOf(intent, now, result, prev, deps.locale),
      ...openWarning(range, open, result.coverage, deps.locale),
    ],
    costType: intent.costType,
    coverage: result.coverage ?? null,
    ...(deps.locale ? { locale: deps.locale } : {}),
    source: deps.costSource.name,
    filters: { model: intent.model, channel: intent.channel },
    previous: {
      from: prev.from,
      to: prev.to,
      label: prev.label,
      total: prevTotal,
      // A compared period the source only partly holds gives no change worth showing.
      change: !prevTotal || noDataYet || beforeData(prev, result.coverage) ? null : (total - prevTotal) / prevTotal,
    },
    compare: intent.compare,
    series: days.map((date, i) => ({ date, cost: seriesCost[i] })),
    top: intent.top ?? DEFAULT_TOP,
    actions: spendActions(intent, prev),
  };
}

const beforeData = (p: { from: string }, cov: CostResult["coverage"]) => !!cov && p.from < cov.from;
/** Whether a period lies wholly outside the dates the source has data for. */
const outside = (p: { from: string; to: string }, cov: CostResult["coverage"]) => !!cov && (p.to < cov.from || p.from > cov.to);

function openWarning(range: { from: string; to: string; complete: boolean }, open: string, cov?: CostResult["coverage"], locale?: string): string[] {
  // A source whose data simply ends says so itself ("Data ends ..."), below.
  if (range.complete || (cov && cov.to < range.to)) return [];
  const start = open > range.from ? open : range.from;
  return [
    `Incomplete: cost data for ${formatDates(start, range.to, locale)} is not final yet (Azure bills hours to a day late), so it will still grow.`,
  ];
}

function warningsOf(intent: SpendIntent, agg: Aggregation, result: CostResult, prev: { from: string; to: string }, locale?: string): string[] {
  const day = (d: string) => formatDate(d, true, locale);
  const days = (from: string, to: string) => formatDates(from, to, locale);
  const w: string[] = [];
  if (agg.unrecognised.size > 0) {
    const currency = [...agg.currencies][0] ?? "USD";
    const names = [...agg.unrecognised]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, cost]) => `${name} (${toMoneyNumber(cost).toFixed(2)} ${currency})`);
    w.push(`Unrecognised AI meter${names.length > 1 ? "s" : ""} kept under the raw name, never merged into a model: ${names.join(", ")}`);
  }
  if (agg.currencies.size > 1) {
    w.push(`Costs come in several currencies (${[...agg.currencies].join(", ")}); totals add them as they are.`);
  }
  if (intent.model && agg.groups.size === 0 && agg.modelsSeen.size > 0) {
    const seen = [...agg.modelsSeen].sort().slice(0, 10).join(", ");
    w.push(`No costs for ${intent.model} in this range. Models with costs: ${seen}.`);
  }
  const cov = result.coverage;
  if (cov && intent.range.from < cov.from) {
    w.push(
      `Data begins ${day(cov.from)}: this range starts before it, so its total leaves out ${days(intent.range.from, prevDay(cov.from, intent.range.to))}.`,
    );
  } else if (cov && prev.from < cov.from && !outside(prev, cov)) {
    w.push(
      `Data begins ${day(cov.from)}: the period compared with (${days(prev.from, prev.to)}) starts before it, so the change is not like for like.`,
    );
  }
  if (cov && outside(prev, cov)) {
    const edge = prev.to < cov.from ? `begins ${day(cov.from)}` : `ends ${day(cov.to)}`;
    w.push(`No data for the period compared with (${days(prev.from, prev.to)}): the source's data ${edge}, so there is no change to show.`);
  }
  if (cov && intent.range.to > cov.to) {
    w.push(`Data ends ${day(cov.to)}: nothing after it is in the source yet.`);
  }
  if (result.rows.length === 0) w.push("The cost source returned no rows for this range.");
  return w;
}

/** The day before `date`, but not after `cap`. */
function prevDay(date: string, cap: string): string {
  const s = shiftDays(date, -1);
  return s < cap ? s : cap;
}
