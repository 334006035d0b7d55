// Calendar arithmetic on plain dates (YYYY-MM-DD): day lists and the previous comparable period.
// Plain dates carry no zone: they are read at local noon, so a DST jump never shifts the day.
import { addDays, addMonths, differenceInCalendarDays, differenceInCalendarMonths, endOfMonth, format, getDate } from "date-fns";

const toDate = (iso: string) => new Date(`${iso}T12:00:00`);
const toIso = (d: Date) => format(d, "yyyy-MM-dd");

export function shiftDays(iso: string, days: number): string {
  return toIso(addDays(toDate(iso), days));
}

/** Every date from..to inclusive. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDays(d, 1)) out.push(d);
  return out;
}

export function lengthInDays(from: string, to: string): number {
  return differenceInCalendarDays(toDate(to), toDate(from)) + 1;
}

/**
 * The period to compare with. A range over several months from January 1st compares with the same
 * days a year earlier; one starting on the 1st of another month with the same days as many months earlier as it
 * spans (a whole month with the whole month before); any other range with the equally long period
 * just before it.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = toDate(from);
  const end = toDate(to);
  if (getDate(start) === 1) {
    const spanned = differenceInCalendarMonths(end, start) + 1;
    const months = spanned > 1 && from.slice(5) === "01-01" ? 12 * Math.ceil(spanned / 12) : spanned;
    const prevStart = addMonths(start, -months);
    // addMonths clips Mar 31 -> Feb 28; a range ending on a month end maps to the earlier month end.
    const prevEnd = toIso(end) === toIso(endOfMonth(end)) ? endOfMonth(addMonths(end, -months)) : addMonths(end, -months);
    return { from: toIso(prevStart), to: toIso(prevEnd) };
  }
  const len = lengthInDays(from, to);
  return { from: shiftDays(from, -len), to: shiftDays(from, -1) };
}
