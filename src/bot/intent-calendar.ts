// The clock in the asker's zone, calendar spans for explicit dates (2025-11-05, 2025-11, nov 5,
// november 2025, 2024) and the human labels of ranges. Pure: date-fns and Intl only.
// The zone is read once, for today's date; every date after that is a calendar date (a UTCDate),
// so the arithmetic of date words never asks the zone database again.
import { UTCDate } from "@date-fns/utc";
import { endOfMonth } from "date-fns/endOfMonth";
import { endOfYear } from "date-fns/endOfYear";
import { format } from "date-fns/format";
import { isExists } from "date-fns/isExists";
import { subDays } from "date-fns/subDays";
import { formatDate, formatDates, formatMonth } from "./date-style.js";
import type { InvalidIntent, ParseContext } from "./intent-types.js";
import type { PeriodUnit } from "./periods.js";
import { isKnownZone, localDate } from "../base/zones.js";

/** "Today" as the asker sees it: the calendar date in `tz` (a UTCDate at midnight), plus the week convention. */
export interface Clock {
  tz: string;
  today: Date;
  todayIso: string;
  weekStartsOn: 0 | 1 | 6;
  /** The asker's locale for labels with dates (undefined: the default style). */
  locale?: string;
}

/** A calendar span some words named, before it is clamped to today. Dates are YYYY-MM-DD. */
export interface Span {
  from: string;
  to: string;
  /** How the span reads on its own ("November 2025", "Nov 5, 2025", "2024"). */
  label: string;
  /** The words that named it, for messages. */
  text: string;
  /** The calendar unit it is one of (a day, a month, a year). */
  unit: PeriodUnit;
  /** Whether the words named the year ("nov 5 2025"), so a range's end is read in the same year. */
  yearGiven?: boolean;
}

export const iso = (d: Date): string => format(d, "yyyy-MM-dd");

export function makeClock(ctx: ParseContext): Clock | InvalidIntent {
  if (!(ctx.now instanceof Date) || Number.isNaN(ctx.now.getTime())) {
    return { kind: "invalid", word: String(ctx.now), message: `The clock reads "${String(ctx.now)}", which is not a time.` };
  }
  if (!isKnownZone(ctx.tz)) {
    return { kind: "invalid", word: ctx.tz, message: `"${ctx.tz}" is not a time zone I know (use an IANA name like Europe/Berlin).` };
  }
  const [y, m, d] = localDate(ctx.now, ctx.tz).split("-").map(Number);
  const today = new UTCDate(y, m - 1, d);
  return { tz: ctx.tz, today, todayIso: iso(today), weekStartsOn: ctx.weekStartsOn ?? 1, locale: ctx.locale };
}

/** A calendar date (month is 0-based), as date words do their arithmetic on it. */
export const dateIn = (y: number, m: number, d: number): Date => new UTCDate(y, m, d);
export const yesterday = (c: Clock): Date => subDays(c.today, 1);

/** "5 Nov 2025", "1–15 Nov 2025", "20 Dec 2024 – 5 Jan 2025". */
export const rangeLabel = (from: string, to: string, locale?: string): string => formatDates(from, to, locale);

export const sinceLabel = (from: string, locale?: string): string => `Since ${formatDate(from, true, locale)}`;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** 0-based month for `nov`, `november`, `sept`; undefined otherwise. */
function monthIndex(word: string | undefined): number | undefined {
  if (!word) return undefined;
  const i = FULL.indexOf(word);
  if (i >= 0) return i;
  if (word === "sept") return 8;
  const j = MONTHS.indexOf(word);
  return j >= 0 ? j : undefined;
}

const YEAR = /^(19|20)\d\d$/;
const DAY = /^(\d{1,2})(st|nd|rd|th)?$/;
const ISO_DAY = /^((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})$/;
const ISO_MONTH = /^((?:19|20)\d\d)[-/](\d{1,2})$/;
/** Month then year, as people write it: 11/2026, 11-2026. */
const MONTH_YEAR = /^(\d{1,2})[-/]((?:19|20)\d\d)$/;

export type SpanMatch = { next: number; span: Span } | { next: number; error: InvalidIntent } | null;

const notADate = (text: string, why: string): InvalidIntent => ({
  kind: "invalid",
  word: text,
  message: `"${text}" is not a real date (${why}). Dates look like 2025-11-05, 2025-11 or Nov 5.`,
});

function daySpan(c: Clock, y: number, m: number, d: number, text: string): Span | InvalidIntent {
  if (m < 0 || m > 11) return notADate(text, "there is no month " + (m + 1));
  if (!isExists(y, m, d)) {
    const monthName = format(dateIn(y, m, 1), "MMMM yyyy");
    return notADate(text, `${monthName} has ${format(endOfMonth(dateIn(y, m, 1)), "d")} days`);
  }
  const day = iso(dateIn(y, m, d));
  return { from: day, to: day, label: formatDate(day, true, c.locale), text, unit: "day" };
}

function monthSpan(c: Clock, y: number, m: number, text: string): Span | InvalidIntent {
  if (m < 0 || m > 11) return notADate(text, "there is no month " + (m + 1));
  const start = dateIn(y, m, 1);
  return { from: iso(start), to: iso(endOfMonth(start)), label: formatMonth(iso(start), c.locale), text, unit: "month" };
}

function yearSpan(y: number, text: string): Span {
  const start = dateIn(y, 0, 1);
  return { from: iso(start), to: iso(endOfYear(start)), label: String(y), text, unit: "year" };
}

/**
 * Reads one explicit date at w[i]. Without a year, a date means the most recent one not in the
 * future, or, when it ends a range (`after`), the first one not before the range's start.
 */
export function matchSpan(w: string[], i: number, c: Clock, after?: Span): SpanMatch {
  const word = w[i];
  if (word === undefined) return null;
  const done = (next: number, s: Span | InvalidIntent) => ("kind" in s ? { next, error: s } : { next, span: s });
  let m = ISO_DAY.exec(word);
  if (m) return done(i + 1, withYear(daySpan(c, +m[1], +m[2] - 1, +m[3], word)));
  m = ISO_MONTH.exec(word);
  if (m) return done(i + 1, withYear(monthSpan(c, +m[1], +m[2] - 1, word)));
  m = MONTH_YEAR.exec(word);
  if (m) return done(i + 1, withYear(monthSpan(c, +m[2], +m[1] - 1, word)));
  if (YEAR.test(word)) return done(i + 1, withYear(yearSpan(+word, word)));
  if (word === "today") return done(i + 1, daySpan(c, ...ymd(c.today), word));
  if (word === "yesterday") return done(i + 1, daySpan(c, ...ymd(yesterday(c)), word));

  // month-name forms: "nov", "nov 5", "nov 5th 2025", "november 2025", "5 nov", "5 nov 2025"
  let month = monthIndex(word);
  let day: number | undefined;
  let j = i + 1;
  if (month === undefined) {
    const d = DAY.exec(word);
    month = monthIndex(w[i + 1]);
    if (!d || month === undefined) return null;
    day = +d[1];
    j = i + 2;
  } else {
    const d = DAY.exec(w[j] ?? "");
    if (d) (day = +d[1]), j++;
  }
  const explicitYear = YEAR.test(w[j] ?? "") ? +w[j++] : undefined;
  const text = w.slice(i, j).join(" ");
  const build = (y: number) => (day === undefined ? monthSpan(c, y, month, text) : daySpan(c, y, month, day, text));
  if (explicitYear !== undefined) return done(j, withYear(build(explicitYear)));
  let y = after ? +after.from.slice(0, 4) : c.today.getFullYear();
  let s = build(y);
  if (!("kind" in s)) {
    // "dec 20 to jan 5" runs into the next year; "nov 5 2025 to nov 1" stays in 2025 (and is refused).
    if (after && !after.yearGiven && s.to < after.from) s = build(++y);
    else if (!after && s.from > c.todayIso) s = build(--y);
  }
  return done(j, s);
}

const withYear = (s: Span | InvalidIntent): Span | InvalidIntent => ("kind" in s ? s : { ...s, yearGiven: true });
const ymd = (d: Date): [number, number, number] => [d.getFullYear(), d.getMonth(), d.getDate()];
