// The shared intent handler: asks the cost source once for the range plus its previous period,
// aggregates exactly, and builds the platform-neutral Report. No platform imports here.
import { aggregate, type Aggregation } from "../cost/aggregate.js";
import { isCostbotError } from "../cost/errors.js";
import { toMoneyNumber } from "../cost/money.js";
import type { CostSource } from "../cost/types.js";
import { helpReport } from "./help.js";
import type { Intent, SpendIntent } from "./intent-types.js";
import { eachDate, previousPeriod } from "./periods.js";
import type { Report, SpendGroup, SpendReport } from "./report.js";
import { spendActions } from "./spend-actions.js";

export interface HandleDeps {
  costSource: CostSource;
  now: Date;
  tz: string;
}

/** Default number of groups a card lists before rolling up the rest. */
const DEFAULT_TOP = 8;

export async function handle(intent: Intent, deps: HandleDeps): Promise<Report> {
  switch (intent.kind) {
    case "help":
      return helpReport();
    case "invalid":
      return { kind: "error", message: intent.message };
    case "spend":
      try {
        return await spendReport(intent, deps);
      } catch (err) {
        if (isCostbotError(err)) return { kind: "error", message: err.message, hint: err.hint };
        throw err;
      }
  }
}

async function spendReport(intent: SpendIntent, deps: HandleDeps): Promise<SpendReport> {
  const { from, to } = intent.range;
  const prev = previousPeriod(from, to);
  const result = await deps.costSource.query({ from: prev.from, to, costType: intent.costType });
  const opts = { groupBy: intent.groupBy, model: intent.model, channel: intent.channel };
  const now = aggregate(result.rows, { ...opts, from, to });
  const before = aggregate(result.rows, { ...opts, from: prev.from, to: prev.to });
  const total = toMoneyNumber(now.total);
  const prevTotal = toMoneyNumber(before.total);
  return {
    kind: "spend",
    range: intent.range,
    currency: [...now.currencies][0] ?? [...before.currencies][0] ?? "USD",
    total,
    groupBy: intent.groupBy,
    groups: groupsOf(now, intent.groupBy),
    channels: [
      { channel: "microsoft", cost: toMoneyNumber(now.channels.microsoft), prepaymentEligible: true },
      { channel: "marketplace", cost: toMoneyNumber(now.channels.marketplace), prepaymentEligible: false },
    ],
    otherCost: toMoneyNumber(now.other),
    dataAsOf: result.dataAsOf,
    warnings: [...result.warnings, ...warningsOf(intent, now, result.rows.length === 0)],
    source: deps.costSource.name,
    filters: { model: intent.model, channel: intent.channel },
    previous: { ...prev, total: prevTotal, change: prevTotal === 0 ? null : (total - prevTotal) / prevTotal },
    compare: intent.compare,
    series: eachDate(from, to).map((date) => ({ date, cost: toMoneyNumber(now.byDay.get(date) ?? 0n) })),
    top: intent.top ?? DEFAULT_TOP,
    actions: spendActions(intent),
  };
}

function groupsOf(agg: Aggregation, groupBy: SpendIntent["groupBy"]): SpendGroup[] {
  // Days read best in calendar order; everything else largest first.
  const byCost = ([ka, a]: [string, { cost: bigint }], [kb, b]: [string, { cost: bigint }]) =>
    a.cost === b.cost ? ka.localeCompare(kb) : a.cost > b.cost ? -1 : 1;
  return [...agg.groups]
    .sort(groupBy === "day" ? ([ka], [kb]) => ka.localeCompare(kb) : byCost)
    .map(([key, g]) => ({
      key,
      ...(g.channels.size === 1 ? { channel: [...g.channels][0] } : {}),
      cost: toMoneyNumber(g.cost),
      inputTokens: g.inputTokens,
      outputTokens: g.outputTokens,
      cachedInputTokens: g.cachedInputTokens,
      hourly: g.hourly,
    }));
}

function warningsOf(intent: SpendIntent, agg: Aggregation, noData: boolean): string[] {
  const w: string[] = [];
  if (agg.unrecognised.size > 0) {
    const names = [...agg.unrecognised].sort();
    w.push(`Unrecognised AI meter${names.length > 1 ? "s" : ""} kept under the raw name: ${names.join(", ")}`);
  }
  if (agg.currencies.size > 1) {
    w.push(`Costs come in several currencies (${[...agg.currencies].join(", ")}); totals add them as they are.`);
  }
  if (intent.model && agg.groups.size === 0 && agg.modelsSeen.size > 0) {
    const seen = [...agg.modelsSeen].sort().slice(0, 10).join(", ");
    w.push(`No costs for ${intent.model} in this range. Models with costs: ${seen}.`);
  }
  if (noData) w.push("The cost source returned no rows for this range.");
  return w;
}
