// Date words -> an inclusive range of calendar dates in the asker's zone (DESIGN.md §3 "Date words").
// Relative words (today, last week, last 7 days, q3...) and explicit ones (2025-11, since nov 1,
// 2025-11-01 to 2025-11-15). Pure: date-fns only, no platform or cost imports.
import { addDays } from "date-fns/addDays";
import { endOfMonth } from "date-fns/endOfMonth";
import { endOfQuarter } from "date-fns/endOfQuarter";
import { endOfWeek } from "date-fns/endOfWeek";
import { endOfYear } from "date-fns/endOfYear";
import { startOfMonth } from "date-fns/startOfMonth";
import { startOfQuarter } from "date-fns/startOfQuarter";
import { startOfWeek } from "date-fns/startOfWeek";
import { startOfYear } from "date-fns/startOfYear";
import { subDays } from "date-fns/subDays";
import { subMonths } from "date-fns/subMonths";
import { subQuarters } from "date-fns/subQuarters";
import { subWeeks } from "date-fns/subWeeks";
import { subYears } from "date-fns/subYears";
import { type Clock, type Span, dateIn, iso, matchSpan, rangeLabel, sinceLabel, yesterday } from "./intent-calendar.js";
import type { DateRange, InvalidIntent } from "./intent-types.js";
import { wordTable } from "./intent-words.js";
import type { CompareRule, PeriodUnit } from "./periods.js";

export type Unit = PeriodUnit;

/** A range and how it is compared (absent for explicit dates: see periods.ts previousPeriod). */
export type DateMatch = { next: number; range: DateRange; rule?: CompareRule } | { next: number; error: InvalidIntent } | null;

export const UNITS = wordTable<Unit>({
  day: "day",
  days: "day",
  week: "week",
  weeks: "week",
  month: "month",
  months: "month",
  quarter: "quarter",
  quarters: "quarter",
  year: "year",
  years: "year",
});
const SHORTHAND = wordTable<Unit>({ wtd: "week", mtd: "month", qtd: "quarter", ytd: "year" });
const THIS = new Set(["this", "current"]);
const LAST = new Set(["last", "previous", "prev", "prior", "past"]);
const RANGE_TO = new Set(["to", "through", "thru", "until", "till", "-", "–", "—", ".."]);
const BETWEEN = new Set(["and"]);
/** Longest "last N <unit>" we accept, in days: ten years is already more than Azure keeps. */
const MAX_DAYS = 3660;
const UNIT_DAYS: Record<Unit, number> = { day: 1, week: 7, month: 31, quarter: 92, year: 366 };

const make = (from: Date, to: Date, label: string) => ({ from: iso(from), to: iso(to), label });

/** The current period of a unit: this week = first day of the week..today, and so on. */
export function currentPeriod(c: Clock, unit: Unit): DateRange {
  const o = { weekStartsOn: c.weekStartsOn };
  const start: Record<Unit, Date> = {
    day: c.today,
    week: startOfWeek(c.today, o),
    month: startOfMonth(c.today),
    quarter: startOfQuarter(c.today),
    year: startOfYear(c.today),
  };
  const label = unit === "day" ? "Today" : `This ${unit}`;
  return make(start[unit], c.today, label);
}

/** The whole period before the current one: last week, last month, ... (yesterday for days). */
function previousWholePeriod(c: Clock, unit: Unit): DateRange {
  const o = { weekStartsOn: c.weekStartsOn };
  const t = c.today;
  switch (unit) {
    case "day":
      return make(yesterday(c), yesterday(c), "Yesterday");
    case "week": {
      const s = startOfWeek(subWeeks(t, 1), o);
      return make(s, endOfWeek(s, o), "Last week");
    }
    case "month": {
      const s = startOfMonth(subMonths(t, 1));
      return make(s, endOfMonth(s), "Last month");
    }
    case "quarter": {
      const s = startOfQuarter(subQuarters(t, 1));
      return make(s, endOfQuarter(s), "Last quarter");
    }
    case "year": {
      const s = startOfYear(subYears(t, 1));
      return make(s, endOfYear(s), "Last year");
    }
  }
}

/** The N units ending today: last 7 days = today-6..today; last 3 months = 3 months back + 1 day. */
function rolling(c: Clock, n: number, unit: Unit, word: string, next: number): DateMatch {
  const back: Record<Unit, (d: Date) => Date> = {
    day: (d) => subDays(d, n),
    week: (d) => subWeeks(d, n),
    month: (d) => subMonths(d, n),
    quarter: (d) => subQuarters(d, n),
    year: (d) => subYears(d, n),
  };
  if (n < 1 || n * UNIT_DAYS[unit] > MAX_DAYS) {
    return {
      next,
      error: { kind: "invalid", word, message: `"${word}" is not a stretch I can look back over (1 day to ${(MAX_DAYS / 366) | 0} years).` },
    };
  }
  const from = addDays(back[unit](c.today), 1);
  const label = `Last ${n} ${unit}${n === 1 ? "" : "s"}`;
  return { next, range: make(from, c.today, label), rule: { rolling: true } };
}

function quarter(q: number, year: number): DateRange {
  const s = dateIn(year, (q - 1) * 3, 1);
  return { from: iso(s), to: iso(endOfQuarter(s)), label: `Q${q} ${year}` };
}

const per = (unit: Unit) => ({ rule: { unit } });

/** Reads date words starting at w[i]; null when w[i] does not start any. */
export function matchDateWords(w: string[], i: number, c: Clock): DateMatch {
  const [a, b, d] = [w[i], w[i + 1], w[i + 2]];
  if (a === "today") return { next: i + 1, range: currentPeriod(c, "day"), ...per("day") };
  if (a === "yesterday") return { next: i + 1, range: previousWholePeriod(c, "day"), ...per("day") };
  const short = SHORTHAND[a];
  if (short) return { next: i + 1, range: currentPeriod(c, short), ...per(short) };
  const nd = /^(\d+)d$/.exec(a);
  if (nd) return rolling(c, +nd[1], "day", a, i + 1);
  const unit = b === undefined ? undefined : UNITS[b];
  const unitAfterN = d === undefined || !/^\d+$/.test(b ?? "") ? undefined : UNITS[d];
  if (THIS.has(a) && unit) return { next: i + 2, range: currentPeriod(c, unit), ...per(unit) };
  if (LAST.has(a) && unit) return { next: i + 2, range: previousWholePeriod(c, unit), ...per(unit) };
  if (LAST.has(a) && unitAfterN) return rolling(c, +b, unitAfterN, `${a} ${b} ${d}`, i + 3);
  const q = /^q([1-4])$/.exec(a);
  if (q) {
    const year = /^\d{4}$/.test(b ?? "") ? +b : undefined;
    let r = quarter(+q[1], year ?? c.today.getFullYear());
    if (year === undefined && r.from > c.todayIso) r = quarter(+q[1], c.today.getFullYear() - 1);
    return finish(c, { ...r, text: year ? `${a} ${b}` : a, unit: "quarter" }, year ? i + 2 : i + 1);
  }
  if (a === "since" || (a === "from" && !isRangeAhead(w, i + 1, c))) return since(w, i + 1, c);
  if (a === "from") return explicit(w, i + 1, c, RANGE_TO) ?? unknownAfter(w, i);
  if (a === "between") return explicit(w, i + 1, c, BETWEEN) ?? unknownAfter(w, i);
  return explicit(w, i, c, RANGE_TO);
}

function isRangeAhead(w: string[], i: number, c: Clock): boolean {
  const first = matchSpan(w, i, c);
  return !!first && RANGE_TO.has(w[first.next]);
}

function since(w: string[], i: number, c: Clock): DateMatch {
  const m = matchSpan(w, i, c);
  if (!m) return unknownAfter(w, i - 1);
  if ("error" in m) return m;
  const err = futureError(c, m.span, m.next);
  return err ?? { next: m.next, range: { from: m.span.from, to: c.todayIso, label: sinceLabel(m.span.from, c.locale) } };
}

/** One explicit date (`2025-11`, `nov 5`), or two joined by to/through/../-. */
function explicit(w: string[], i: number, c: Clock, joiners: Set<string>): DateMatch {
  const first = matchSpan(w, i, c);
  if (!first || "error" in first) return first;
  if (!joiners.has(w[first.next])) return finish(c, first.span, first.next);
  const second = matchSpan(w, first.next + 1, c, first.span);
  if (!second) return unknownAfter(w, first.next);
  if ("error" in second) return second;
  const s = first.span;
  const e = second.span;
  const late = futureError(c, s, second.next);
  if (late) return late;
  const text = `${s.text} ${w[first.next]} ${e.text}`;
  if (e.to < s.from) {
    const message = `"${text}" runs backwards: ${e.label} is before ${s.label}. Put the earlier date first.`;
    return { next: second.next, error: { kind: "invalid", word: e.text, message } };
  }
  const to = e.to < c.todayIso ? e.to : c.todayIso;
  const r = finish(c, { from: s.from, to, label: rangeLabel(s.from, to, c.locale), text, unit: "day" }, second.next);
  // Two named dates are compared by their dates alone (periods.ts previousPeriod).
  return r && "range" in r ? { next: r.next, range: r.range } : r;
}

/** A span read on its own: refuse the future, stop at today. */
function finish(c: Clock, s: Span, next: number): DateMatch {
  const err = futureError(c, s, next);
  if (err) return err;
  const to = s.to <= c.todayIso ? s.to : c.todayIso;
  return { next, range: { from: s.from, to, label: s.label }, rule: { unit: s.unit } };
}

function futureError(c: Clock, s: Span, next: number): DateMatch {
  if (s.from <= c.todayIso) return null;
  return {
    next,
    error: {
      kind: "invalid",
      word: s.text,
      message: `"${s.text}" starts in the future (today is ${c.todayIso} in ${c.tz}); I can only show spend that has happened.`,
    },
  };
}

function unknownAfter(w: string[], i: number): DateMatch {
  const word = w[i + 1] ?? w[i];
  const text = w.slice(i, i + 2).join(" ");
  return {
    next: i + 2,
    error: {
      kind: "invalid",
      word,
      message: `I can't read "${text}" as a date. Dates look like 2025-11-05, 2025-11, Nov 5, November 2025 or last 7 days.`,
    },
  };
}
