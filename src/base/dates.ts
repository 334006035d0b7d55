// Plain calendar dates (YYYY-MM-DD): the one module that does arithmetic on them. One convention:
// a plain date stands for noon UTC of that day (`noonUtc`), so neither the process zone nor a DST jump
// ever moves it to another day, and day/month arithmetic is exact UTC arithmetic. The instant -> date
// step in a zone is `localDate` (zones.ts). Pure; no imports.

const DAY_MS = 86_400_000;

/** The instant a plain date stands for: noon UTC of that day. */
export function noonUtc(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The instant the UTC day `date` begins: where a range of instants over whole days starts. */
export function startOfUtcDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** How much of its UTC day an instant has passed: 0 at midnight, 0.25 at 06:00. */
export function dayFraction(instant: Date): number {
  return (instant.getTime() - startOfUtcDay(utcDate(instant)).getTime()) / DAY_MS;
}

export function shiftDays(date: string, days: number): string {
  return utcDate(new Date(noonUtc(date).getTime() + days * DAY_MS));
}

/** Every date from..to inclusive. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDays(d, 1)) out.push(d);
  return out;
}

/** Days from..to inclusive (1 for a single day). */
export function lengthInDays(from: string, to: string): number {
  return Math.round((noonUtc(to).getTime() - noonUtc(from).getTime()) / DAY_MS) + 1;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return noonUtc(date).getUTCDay();
}

/** The first day of the week `date` falls in; weeks start on `weekStartsOn` (1 = Monday). */
export function startOfWeek(date: string, weekStartsOn: 0 | 1 | 6 = 1): string {
  return shiftDays(date, -((weekday(date) - weekStartsOn + 7) % 7));
}

export const startOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;

export function endOfMonth(date: string): string {
  const d = noonUtc(date);
  return utcDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0, 12)));
}

export const isMonthEnd = (date: string): boolean => endOfMonth(date) === date;

/** The same day `months` later (earlier when negative), clipped to a shorter month's last day (31 Mar - 1 month = 28 Feb). */
export function addMonths(date: string, months: number): string {
  const d = noonUtc(date);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, 12));
  const last = Number(endOfMonth(utcDate(first)).slice(8));
  return utcDate(new Date(first.getTime() + (Math.min(d.getUTCDate(), last) - 1) * DAY_MS));
}

/** Calendar months from `from`'s month to `to`'s month (0 within one month). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm);
}
