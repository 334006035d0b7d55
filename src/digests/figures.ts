// Builds the digest card of one channel: yesterday and its changes, month to date, month-end
// projection, budget status, top movers, freshness and restatements. Every amount comes from the
// same cost rows and `aggregate` as a spend card. No platform imports and no store access here.
import { aggregate } from "../cost/aggregate.js";
import { projectSpend } from "../cost/forecast.js";
import { toCents, toMoneyNumber, type Amount } from "../cost/money.js";
import type { MetricsSource } from "../cost/metrics/types.js";
import type { CostSource, CostType } from "../cost/types.js";
import { periodSpend } from "../budgets/evaluate.js";
import { periodContaining } from "../budgets/period.js";
import type { Budget } from "../store/types.js";
import { apportionMoney } from "../cost/apportion.js";
import { lastFinalDay } from "../bot/data-days.js";
import { formatDay } from "../bot/date-style.js";
import { endOfMonth, shiftDays, startOfMonth } from "../base/dates.js";
import type { DigestBudget, DigestReport } from "./report.js";
import { digestFailures } from "./failures.js";
import { moversOf } from "./movers.js";

/** What a digest remembers of itself (in the delivery log) to spot restated days next time. */
export interface DigestFigures {
  dataAsOf: string | null;
  /** Daily AI model spend in whole cents, for the last days the digest saw. */
  days: Record<string, number>;
}

export interface DigestRequest {
  costSource: CostSource;
  cadence: "daily" | "weekly";
  /** The local date the digest is sent on, in `tz`; it reports the day before. */
  date: string;
  tz: string;
  costType?: CostType;
  /** Usage metrics, for the line on billed failed requests. */
  metrics?: MetricsSource;
}

/** The part shared by every channel with the same sending date: built once per run. */
export interface DigestBase {
  report: DigestReport;
  rows: Awaited<ReturnType<CostSource["query"]>>["rows"];
  /** Daily totals (cents) of the last days, the same for every channel. */
  days: Record<string, number>;
}

const REMEMBERED_DAYS = 8;

export async function buildDigestBase(req: DigestRequest): Promise<DigestBase> {
  const day = shiftDays(req.date, -1);
  const monthFrom = startOfMonth(day);
  const monthTo = endOfMonth(day);
  const from = [monthFrom, shiftDays(day, -35)].sort()[0];
  const result = await req.costSource.query({ from, to: day, costType: req.costType ?? "actual" });
  const all = aggregate(result.rows, { from, to: day, groupBy: "channel" });
  const at = (d: string) => toMoneyNumber(all.byDay.get(d) ?? 0n);
  const yesterday = aggregate(result.rows, { from: day, to: day, groupBy: "channel" });
  const month = aggregate(result.rows, { from: monthFrom, to: day, groupBy: "channel" });
  // The same forecast as the `forecast` command: completed days only (the reported day may be partial).
  const lastFinal = lastFinalDay(req.date, result.dataAsOf);
  const projection = projectSpend(all.byDay, monthFrom, monthTo, lastFinal < day ? lastFinal : day);
  const currency = [...all.currencies][0] ?? "USD";
  const warnings = [...result.warnings];
  const complete = lastFinal >= day;
  const [microsoft, marketplace] = apportionMoney([yesterday.channels.microsoft, yesterday.channels.marketplace]);
  const report: DigestReport = {
    kind: "digest",
    cadence: req.cadence,
    date: req.date,
    tz: req.tz,
    currency,
    day: {
      date: day,
      complete,
      total: toMoneyNumber(yesterday.total),
      dayBefore: { date: shiftDays(day, -1), total: at(shiftDays(day, -1)) },
      weekBefore: { date: shiftDays(day, -7), total: at(shiftDays(day, -7)) },
    },
    channels: [
      { channel: "microsoft", cost: microsoft, prepaymentEligible: true },
      { channel: "marketplace", cost: marketplace, prepaymentEligible: false },
    ],
    monthToDate: { from: monthFrom, to: day, total: toMoneyNumber(month.total) },
    forecast: { to: monthTo, projected: toMoneyNumber(projection.projected) },
    budgets: [],
    movers: moversOf(result.rows, day),
    restated: [],
    dataAsOf: result.dataAsOf,
    source: req.costSource.name,
    warnings,
  };
  if (req.metrics) {
    try {
      report.failures = await digestFailures(req.metrics, day, result.rows, report.day.total);
    } catch (err) {
      warnings.push(`No line on failed requests: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const own = await sourceForecast(req.costSource, monthFrom, monthTo);
  if (own?.projected != null) {
    report.sourceForecast = { projected: toMoneyNumber(own.projected), currency: own.currency, note: "Azure's forecast, all costs in scope" };
  }
  const days: Record<string, number> = {};
  for (let d = shiftDays(day, -REMEMBERED_DAYS + 1); d <= day; d = shiftDays(d, 1)) days[d] = Number(toCents(all.byDay.get(d) ?? 0n));
  return { report, rows: result.rows, days };
}

/** One channel's digest: the shared base plus its budgets, what changed since its last digest, its locale. */
export function digestFor(
  base: DigestBase,
  budgets: Budget[],
  previous?: DigestFigures,
  locale?: string,
): { report: DigestReport; figures: DigestFigures } {
  const r = base.report;
  const days = base.days;
  // Written per channel: the day reads in the subscriber's locale when known.
  const open =
    r.day.complete === false
      ? [`${formatDay(r.day.date, locale)} is not complete yet: cost data usually lags by several hours, so it will still grow.`]
      : [];
  const report: DigestReport = {
    ...r,
    budgets: budgets.map((b) => budgetStatus(base, b)),
    restated: restatedDays(days, previous),
    warnings: [...r.warnings, ...open],
    ...(locale ? { locale } : {}),
  };
  return { report, figures: { dataAsOf: r.dataAsOf, days } };
}

function budgetStatus(base: DigestBase, b: Budget): DigestBudget {
  const day = base.report.day.date;
  // The same period and spend the budget checks count (budgets/): to the digest's day.
  const { from } = periodContaining(b.period, day);
  const spent = periodSpend(base.rows, b, from, day);
  const out: DigestBudget = {
    name: b.name,
    period: b.period,
    from,
    to: day,
    spent: toMoneyNumber(spent),
    amount: toMoneyNumber(b.amount),
    // Ratio from exact amounts, in basis points, so 99.995 % never rounds to "100 %" by accident.
    ratio: Number((spent * 10_000n) / b.amount) / 10_000,
  };
  if (b.model) out.model = b.model;
  if (b.channel) out.channel = b.channel;
  return out;
}

/** Days the previous digest saw as complete whose totals differ now (by a cent or more). */
function restatedDays(now: Record<string, number>, previous?: DigestFigures): DigestReport["restated"] {
  if (!previous?.dataAsOf) return [];
  const complete = previous.dataAsOf.slice(0, 10);
  return Object.keys(previous.days)
    .filter((d) => d < complete && d in now && now[d] !== previous.days[d])
    .sort()
    .map((d) => ({ date: d, before: previous.days[d] / 100, now: now[d] / 100 }));
}

interface ForecastingSource extends CostSource {
  forecast(range?: { from: string; to: string }): Promise<{ projected: Amount | null; currency: string }>;
}

/** The source's own forecast (Azure's, whole scope); null when it has none or cannot say. */
async function sourceForecast(source: CostSource, from: string, to: string) {
  if (typeof (source as Partial<ForecastingSource>).forecast !== "function") return null;
  try {
    return await (source as ForecastingSource).forecast({ from, to });
  } catch {
    // The digest still carries its own projection; a missing Azure forecast is not worth failing it.
    return null;
  }
}
