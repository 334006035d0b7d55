// Pure budget evaluation: period-to-date spend under the budget's model/channel filter, the
// period-end projection, which thresholds are crossed on actual and which only on forecast, and
// the models and channel that drove the spend. No store, clock or platform imports.
import { aggregate } from "../cost/aggregate.js";
import { crossingDate, projectSpend } from "../cost/forecast.js";
import type { Amount } from "../cost/money.js";
import type { Channel, CostRow } from "../cost/types.js";
import { shiftDays } from "../bot/periods.js";
import type { Budget } from "../store/types.js";
import type { PeriodWindow } from "./period.js";

/** Days of history before a period that the weekday profile of the projection needs. */
export const HISTORY_DAYS = 35;

export interface Drivers {
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

/**
 * @param rows cost rows from `HISTORY_DAYS` before `window.from` through `window.today`.
 */
export function evaluateBudget(budget: Pick<Budget, "amount" | "thresholds" | "model" | "channel">, rows: CostRow[], window: PeriodWindow, driverLimit = 3): BudgetStatus {
  const { from, to, today } = window;
  const filter = { model: budget.model, channel: budget.channel };
  const history = aggregate(rows, { from: shiftDays(from, -HISTORY_DAYS), to: today, groupBy: "day", ...filter });
  let lastDataDate: string | null = null;
  for (const r of rows) if (r.date <= today && (lastDataDate === null || r.date > lastDataDate)) lastDataDate = r.date;

  // The latest data day is still being billed: project it like the days ahead, but never below
  // what it already cost.
  const partial = lastDataDate && lastDataDate >= from ? lastDataDate : from;
  const p = projectSpend(history.byDay, from, to, shiftDays(partial, -1));
  const days = p.days.map((d) => (d.date === partial ? { date: d.date, cost: max(d.cost, history.byDay.get(d.date) ?? 0n) } : d));
  let spent = 0n;
  for (const [date, cost] of history.byDay) if (date >= from && date <= today) spent += cost;
  const projected = max(spent, p.actual + days.reduce((s, d) => s + d.cost, 0n));

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
