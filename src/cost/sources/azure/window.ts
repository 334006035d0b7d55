// Calendar windows for Azure queries: the canonical per-scope window every asked range is cut from,
// and splitting long windows into pieces one query may cover. Pure; dates are UTC YYYY-MM-DD (arithmetic: base/dates.ts).
import { endOfMonth, shiftDays, utcDate } from "../../../base/dates.js";

export interface DateWindow {
  /** Inclusive first date. */
  from: string;
  /** Inclusive last date. */
  to: string;
}

/** First day of the month `monthsBack` months before the one containing `now` (UTC). */
export function monthStart(now: Date, monthsBack: number): string {
  return utcDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1)));
}

/**
 * The window one query per scope reads: from the first day of the month two months back (earlier
 * if asked) through today, so "today", "this week", "last month" — and the period each is compared
 * with, e.g. last month vs the month before — all hit the same cached query. A range wholly before
 * that reads just itself.
 */
export function canonicalWindow(asked: DateWindow, now: Date, monthsBack = 2): DateWindow {
  const start = monthStart(now, monthsBack);
  const today = utcDate(now);
  if (asked.to < start) return { from: asked.from, to: asked.to };
  return { from: asked.from < start ? asked.from : start, to: asked.to > today ? asked.to : today };
}

export function covers(outer: DateWindow, inner: DateWindow): boolean {
  return outer.from <= inner.from && outer.to >= inner.to;
}

/** Splits a window into consecutive pieces of at most `maxDays` days (Azure caps a query's period). */
export function splitWindow(w: DateWindow, maxDays = 365): DateWindow[] {
  const out: DateWindow[] = [];
  for (let from = w.from; from <= w.to; from = shiftDays(from, maxDays)) {
    const last = shiftDays(from, maxDays - 1);
    out.push({ from, to: last < w.to ? last : w.to });
  }
  return out;
}

/** The whole calendar month containing `now` (UTC). */
export function monthOf(now: Date): DateWindow {
  const from = monthStart(now, 0);
  return { from, to: endOfMonth(from) };
}

export function timePeriod(w: DateWindow) {
  return { from: `${w.from}T00:00:00+00:00`, to: `${w.to}T23:59:59+00:00` };
}
