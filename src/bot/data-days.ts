// Which days of a range have final cost data, and which month to answer for when the source's data
// ends before the current one. Plain dates (YYYY-MM-DD); pure, no platform imports.
import { endOfMonth, shiftDays, startOfMonth, utcDate } from "../base/dates.js";
import { formatMonth } from "./date-style.js";
import type { DateRange } from "./intent-types.js";

/**
 * The first day without final cost data: today (still being billed), or the day `dataAsOf` falls
 * on when that is earlier (cost data lags; a day is final once the data reaches its end).
 */
export function firstOpenDay(todayIso: string, dataAsOf: string | null): string {
  const t = dataAsOf ? Date.parse(dataAsOf) : NaN;
  if (Number.isNaN(t)) return todayIso;
  const day = utcDate(new Date(t));
  return day < todayIso ? day : todayIso;
}

/** The last complete day before `firstOpenDay` (YYYY-MM-DD). */
export function lastFinalDay(todayIso: string, dataAsOf: string | null): string {
  return shiftDays(firstOpenDay(todayIso, dataAsOf), -1);
}

/**
 * When the source's data ends before `range` begins, the month its data ends in, clipped to the day
 * the data ends and labelled so ("October 2026 until the data ends"): never shown as a whole month
 * the source only partly holds. null when the range has data.
 */
export function lastMonthWithData(
  range: DateRange,
  coverage?: { from: string; to: string } | null,
  locale?: string,
): { range: DateRange; dataEnds: string; month: string; whole: boolean } | null {
  if (!coverage || coverage.to >= range.from) return null;
  const first = startOfMonth(coverage.to);
  const month = formatMonth(first, locale);
  const whole = coverage.to === endOfMonth(first);
  // No date in the label: the card shows the dates beside it ("... until the data ends (1–14 Oct 2026)").
  const label = whole ? month : `${month} until the data ends`;
  return { range: { from: first, to: coverage.to, label }, dataEnds: coverage.to, month, whole };
}
