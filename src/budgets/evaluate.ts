// Pure budget evaluation: period-to-date spend under the budget's model/channel filter, the
// period-end projection, which thresholds are crossed on actual and which only on forecast, and
// the models and channel that drove the spend. No store, clock or platform imports.
import { aggregate } from "../cost/aggregate.js";
import { crossingDate, projectSpend } from "../cost/forecast.js";
import type { Amount } from "../cost/money.js";
import type { Channel, CostRow } from "../cost/types.js";
import { lastFinalDay } from "../bot/data-days.js";
import { shiftDays } from "../base/dates.js";
import type { Budget } from "../store/types.js";
import type { PeriodWindow } from "./period.js";

/** Days of history before a period that the weekday profile of the projection needs. */
export const HISTORY_DAYS = 35;

interface Drivers {
  /** Largest first, at most `limit` models (after the budget's filter). */
  models: Array<{ model: string; cost: Amount; channel?: Channel }>;
  channels: Record<Channel, Amount>;
}

export interface BudgetStatus {
  window: PeriodWindow;
  currency: string;
  /** Spend from the period's first day through today (today possibly partial). */
  spent: Amount;
  /** Spent plus the forecast for the rest of the period. */
  projected: Amount;
  /** Thresholds (percent) reached by actual spend, ascending. */
  actualCrossed: number[];
  /** Thresholds not yet reached but projected to be, with the day the projection crosses each. */
  forecastCrossed: Array<{ threshold: number; date: string }>;
  drivers: Drivers;
  /** The latest usage date in the data (cost data lags; days after it are forecast). */
  lastDataDate: string | null;
}

/** The amount a percent threshold stands for, exact (thresholds may have decimals, e.g. 87.5). */
export function thresholdAmount(amount: Amount, percent: number): Amount {
  return (amount * BigInt(Math.round(percent * 1000))) / 100_000n;
}

type Filter = Pick<Budget, "model" | "channel">;

/** A budget's spend from `from` through `to` under its model/channel filter (exact). */
export function periodSpend(rows: CostRow[], budget: Filter, from: string, to: string): Amount {
  return aggregate(rows, { from, to, groupBy: "model", model: budget.model, channel: budget.channel }).total;
}

/**
 * @param data the cost source's answer from `HISTORY_DAYS` before `window.from` through
 *   `window.today`: its rows, and `dataAsOf`, which says which days are complete.
 */
export function evaluateBudget(
  budget: Pick<Budget, "amount" | "thresholds"> & Filter,
  data: { rows: CostRow[]; dataAsOf: string | null },
  window: PeriodWindow,
  driverLimit = 3,
): BudgetStatus {
  const { from, to, today } = window;
  const { rows } = data;
  const filter = { model: budget.model, channel: budget.channel };
  const history = aggregate(rows, { from: shiftDays(from, -HISTORY_DAYS), to: today, groupBy: "day", ...filter });
  let lastDataDate: string | null = null;
  for (const r of rows) if (r.date <= today && (lastDataDate === null || r.date > lastDataDate)) lastDataDate = r.date;

  // The one forecast (the `forecast` command's and the digest's): completed days only; a day still
  // being billed is forecast like the days ahead. Never below what is already spent.
  const p = projectSpend(history.byDay, from, to, lastFinalDay(today, data.dataAsOf));
  const spent = periodSpend(rows, budget, from, today);
  const projected = max(spent, p.projected);
  const days = p.days;

  const actualCrossed: number[] = [];
  const forecastCrossed: BudgetStatus["forecastCrossed"] = [];
  for (const t of [...budget.thresholds].sort((a, b) => a - b)) {
    const limit = thresholdAmount(budget.amount, t);
    if (spent >= limit) actualCrossed.push(t);
    else if (projected >= limit) forecastCrossed.push({ threshold: t, date: crossingDate(p.actual, days, limit - 1n) ?? to });
  }

  const period = aggregate(rows, { from, to: today, groupBy: "model", ...filter });
  const models = [...period.groups]
    .filter(([, g]) => g.cost > 0n)
    .sort(([ka, a], [kb, b]) => (a.cost === b.cost ? (ka < kb ? -1 : 1) : a.cost > b.cost ? -1 : 1))
    .slice(0, driverLimit)
    .map(([model, g]) => ({ model, cost: g.cost, ...(g.channels.size === 1 ? { channel: [...g.channels][0] } : {}) }));

  return {
    window,
    currency: [...history.currencies][0] ?? "USD",
    spent,
    projected,
    actualCrossed,
    forecastCrossed,
    drivers: { models, channels: period.channels },
    lastDataDate,
  };
}

const max = (a: Amount, b: Amount) => (a > b ? a : b);
