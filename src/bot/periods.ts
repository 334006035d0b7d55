// The period a range of plain dates (YYYY-MM-DD) is compared with, and the words that say which.
// Day and month arithmetic comes from base/dates.ts (plain dates at noon UTC).
import { addMonths, endOfMonth, isMonthEnd, lengthInDays, monthsBetween, shiftDays } from "../base/dates.js";

export type PeriodUnit = "day" | "week" | "month" | "quarter" | "year";

/**
 * How a range is compared. `unit`: a calendar period or a period to date (this week, last month,
 * q3) compares with the same span of the period before. `rolling`: the N days ending today compare
 * with the N days before. Absent: explicit dates, read by `previousPeriod`.
 */
export type CompareRule = { unit: PeriodUnit } | { rolling: true };

/** A comparison range with the words that say which one it is ("Same days of the previous week"). */
export interface Comparison {
  from: string;
  to: string;
  label: string;
}

const MONTHS: Record<PeriodUnit, number> = { day: 0, week: 0, month: 1, quarter: 3, year: 12 };

/** Shifts a range back by whole months; a range ending on a month end ends on the earlier month end. */
function monthsBack(from: string, to: string, months: number): { from: string; to: string } {
  // addMonths clips the 31st to a shorter month's last day (31 -> 30, 30 -> 28 in February).
  const prevEnd = isMonthEnd(to) ? endOfMonth(addMonths(to, -months)) : addMonths(to, -months);
  return { from: addMonths(from, -months), to: prevEnd };
}

/**
 * The same span one `unit` earlier: Mon–Wed with Mon–Wed of the week before, 1–25 Nov with 1–25
 * Oct (clipped to the shorter month), 1 Oct–25 Nov with 1 Jul–25 Aug, a whole period with the
 * whole period before.
 */
function samePeriodBefore(from: string, to: string, unit: PeriodUnit): { from: string; to: string } {
  if (unit === "day") return { from: shiftDays(from, -1), to: shiftDays(to, -1) };
  if (unit === "week") return { from: shiftDays(from, -7), to: shiftDays(to, -7) };
  return monthsBack(from, to, MONTHS[unit]);
}

/** The N days just before a range of N days. */
function daysBefore(from: string, to: string): { from: string; to: string } {
  const len = lengthInDays(from, to);
  return { from: shiftDays(from, -len), to: shiftDays(from, -1) };
}

/**
 * The period to compare explicit dates with. A range over several months from January 1st compares
 * with the same days a year earlier; one starting on the 1st of another month with the same days as
 * many months earlier as it spans (a whole month with the whole month before); any other range with
 * the equally long period just before it.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const { label: _, ...r } = explicitComparison(from, to);
  return r;
}

function explicitComparison(from: string, to: string): Comparison {
  if (from.endsWith("-01") && from !== to) {
    const spanned = monthsBetween(from, to) + 1;
    const months = spanned > 1 && from.slice(5) === "01-01" ? 12 * Math.ceil(spanned / 12) : spanned;
    const whole = isMonthEnd(to);
    const what = months === 12 ? "year" : months === 1 ? "month" : `${months} months`;
    return { ...monthsBack(from, to, months), label: whole ? `The ${what} before` : `Same days of the ${what} before` };
  }
  return withDaysLabel(daysBefore(from, to));
}

function withDaysLabel(r: { from: string; to: string }): Comparison {
  const n = lengthInDays(r.from, r.to);
  return { ...r, label: n === 1 ? "The day before" : `The ${n} days before` };
}

/** Whether from..to is one whole calendar `unit` (a whole week starts on any weekday). */
function isWhole(from: string, to: string, unit: PeriodUnit): boolean {
  if (unit === "day") return from === to;
  if (unit === "week") return lengthInDays(from, to) === 7;
  return from.endsWith("-01") && isMonthEnd(to) && monthsBetween(from, to) + 1 === MONTHS[unit];
}

/** The range `from..to` is compared with, by its rule, with a label that says which. */
export function comparisonFor(from: string, to: string, rule?: CompareRule): Comparison {
  if (!rule) return explicitComparison(from, to);
  if ("rolling" in rule) return withDaysLabel(daysBefore(from, to));
  const r = samePeriodBefore(from, to, rule.unit);
  if (rule.unit === "day") return { ...r, label: "The day before" };
  const label = isWhole(from, to, rule.unit) ? `The ${rule.unit} before` : `Same days of the ${rule.unit} before`;
  return { ...r, label };
}
