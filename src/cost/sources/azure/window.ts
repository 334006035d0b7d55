// Calendar windows for Azure queries: the canonical per-scope window every asked range is cut from,
// and splitting long windows into pieces one query may cover. Pure; dates are UTC YYYY-MM-DD.

export interface DateWindow {
  /** Inclusive first date. */
  from: string;
  /** Inclusive last date. */
  to: string;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** First day of the month `monthsBack` months before the one containing `now` (UTC). */
export function monthStart(now: Date, monthsBack: number): string {
  return isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1)));
}

/**
 * The window one query per scope reads: from the first day of the month two months back (earlier
 * if asked) through today, so "today", "this week", "last month" — and the period each is compared
 * with, e.g. last month vs the month before — all hit the same cached query. A range wholly before
 * that reads just itself.
 */
export function canonicalWindow(asked: DateWindow, now: Date, monthsBack = 2): DateWindow {
  const start = monthStart(now, monthsBack);
  const today = isoDate(now);
  if (asked.to < start) return { from: asked.from, to: asked.to };
  return { from: asked.from < start ? asked.from : start, to: asked.to > today ? asked.to : today };
}

export function covers(outer: DateWindow, inner: DateWindow): boolean {
  return outer.from <= inner.from && outer.to >= inner.to;
}

const DAY = 86_400_000;

/** Splits a window into consecutive pieces of at most `maxDays` days (Azure caps a query's period). */
export function splitWindow(w: DateWindow, maxDays = 365): DateWindow[] {
  const out: DateWindow[] = [];
  const end = Date.parse(`${w.to}T00:00:00Z`);
  for (let t = Date.parse(`${w.from}T00:00:00Z`); t <= end; t += maxDays * DAY) {
    const last = Math.min(end, t + (maxDays - 1) * DAY);
    out.push({ from: isoDate(new Date(t)), to: isoDate(new Date(last)) });
  }
  return out;
}

/** The whole calendar month containing `now` (UTC). */
export function monthOf(now: Date): DateWindow {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return { from: isoDate(new Date(Date.UTC(y, m, 1))), to: isoDate(new Date(Date.UTC(y, m + 1, 0))) };
}

export function timePeriod(w: DateWindow) {
  return { from: `${w.from}T00:00:00+00:00`, to: `${w.to}T23:59:59+00:00` };
}
