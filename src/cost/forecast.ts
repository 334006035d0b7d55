// Projects spend to the end of a period from the completed days only: each day after the last day
// with final cost data is forecast as the average of the same weekday over the four weeks before.
// The one method behind the forecast command, the digest and budgets. Pure; platform-free.
import { shiftDays } from "../base/dates.js";
import type { Amount } from "./money.js";

export interface Projection {
  /** Spend from `from` through `asOf`, the last day with final cost data. */
  actual: Amount;
  /** Forecast for the days after `asOf` through `to` (a partial day is forecast, not counted). */
  forecast: Amount;
  projected: Amount;
  /** Each remaining day's forecast, in order (for "forecast to exceed on Nov 24"). */
  days: Array<{ date: string; cost: Amount }>;
}

/**
 * @param daily spend per date (YYYY-MM-DD), covering at least 28 days before `asOf` for a useful
 *   weekday profile.
 * @param asOf the last date with final cost data; days after it (today, a partial day) are forecast.
 */
export function projectSpend(daily: Map<string, Amount>, from: string, to: string, asOf: string): Projection {
  let actual = 0n;
  for (const [date, cost] of daily) if (date >= from && date <= to && date <= asOf) actual += cost;
  const days: Projection["days"] = [];
  let forecast = 0n;
  for (let d = asOf < from ? from : shiftDays(asOf, 1); d <= to; d = shiftDays(d, 1)) {
    const cost = weekdayAverage(daily, d, asOf);
    days.push({ date: d, cost });
    forecast += cost;
  }
  return { actual, forecast, projected: actual + forecast, days };
}

/** Average of the same weekday in the four weeks up to `asOf` (the last final day). */
function weekdayAverage(daily: Map<string, Amount>, date: string, asOf: string): Amount {
  // Walk back in whole weeks from `date` to a final day, then take four samples.
  let probe = date;
  while (probe > asOf) probe = shiftDays(probe, -7);
  let sum = 0n;
  for (let i = 0; i < 4; i++, probe = shiftDays(probe, -7)) sum += daily.get(probe) ?? 0n;
  return sum / 4n;
}

/** The date on which cumulative spend first exceeds `limit`, or null if it does not within the days. */
export function crossingDate(start: Amount, days: Projection["days"], limit: Amount): string | null {
  let running = start;
  for (const d of days) {
    running += d.cost;
    if (running > limit) return d.date;
  }
  return null;
}
