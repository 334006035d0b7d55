// Calendar arithmetic on plain dates (YYYY-MM-DD): day lists and the previous comparable period.
// Plain dates carry no zone: they are read at local noon, so a DST jump never shifts the day.
import { addDays, addMonths, differenceInCalendarDays, endOfMonth, format, getDate } from "date-fns";

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
 * The period to compare with. A range that starts on the 1st and stays in one month compares with
 * the same days of the previous month (a whole month with the whole previous month); any other
 * range with the equally long period just before it.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = toDate(from);
  const end = toDate(to);
  if (getDate(start) === 1 && from.slice(0, 7) === to.slice(0, 7)) {
    const prevStart = addMonths(start, -1);
    const prevMonthEnd = endOfMonth(prevStart);
    const wholeMonth = toIso(end) === toIso(endOfMonth(end));
    const candidate = addMonths(end, -1);
    const prevEnd = wholeMonth || candidate > prevMonthEnd ? prevMonthEnd : candidate;
    return { from: toIso(prevStart), to: toIso(prevEnd) };
  }
  const len = lengthInDays(from, to);
  return { from: shiftDays(from, -len), to: shiftDays(from, -1) };
}
