// The one way costbot writes calendar dates, through Intl.DateTimeFormat: the asker's locale when the
// platform gives one (Teams "en-US": "Nov 23 – 29, 2026"), else "23 Nov 2026", "23–29 Nov 2026",
// "28 Oct – 3 Nov 2025". Used by date-word labels and every renderer. Pure.
import { noonUtc } from "../base/dates.js";
import { supportedLocale } from "../base/locale.js";

/** The style without a locale: day month year, as en-GB writes it but with a closed-up "23–29". */
const DEFAULT = "en-GB";

const formats = new Map<string, Intl.DateTimeFormat>();

/** A supported BCP 47 tag ("en-US", "de-DE"; Slack's "en_US" too), or undefined for the default. */
export const dateLocale = supportedLocale;

function formatter(locale: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = dateLocale(locale) ?? DEFAULT;
  const key = `${tag}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, { ...opts, timeZone: "UTC" });
    formats.set(key, f);
  }
  return f;
}

/** Plain dates are calendar days: read at noon UTC (base/dates.ts) and written in UTC, so no zone shifts them. */
const at = noonUtc;
const valid = (date: string) => /^\d{4}-\d\d-\d\d$/.test(date) && !Number.isNaN(at(date).getTime());

/** ICU puts thin spaces around range dashes; plain spaces keep text columns and tests readable. */
function tidy(text: string, locale: string | undefined): string {
  const plain = text.replace(/[\u2009\u202f]/g, " ");
  if (dateLocale(locale)) return plain;
  // en-GB writes "23 – 29 Nov 2026" within a month and "Wed, 26 Nov 2025" with a year; the default
  // closes the range up as en-IE and en-AU do, and keeps "Wed 26 Nov 2025" like "Wed 26 Nov".
  return plain.replace(/^(\d{1,2}) – (\d{1,2}) /, "$1–$2 ").replace(/^([A-Z][a-z]{2}), /, "$1 ");
}

const DAY_MONTH: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" };
const FULL: Intl.DateTimeFormatOptions = { ...DAY_MONTH, year: "numeric" };

/** "27 Nov 2025" ("Nov 27, 2025" in en-US); `withYear: false` gives "27 Nov". */
export function formatDate(date: string, withYear = true, locale?: string): string {
  if (!valid(date)) return date;
  return tidy(formatter(locale, withYear ? FULL : DAY_MONTH).format(at(date)), locale);
}

/** Inclusive dates, compactly: "27 Nov 2025", "24–27 Nov 2025", "28 Oct – 3 Nov 2025". */
export function formatDates(from: string, to: string, locale?: string): string {
  if (!valid(from) || !valid(to)) return from === to ? from : `${from} – ${to}`;
  if (from === to) return formatDate(from, true, locale);
  return tidy(formatter(locale, FULL).formatRange(at(from), at(to)), locale);
}

/** "Wed 26 Nov" ("Wed, Nov 26" in en-US): a day in a by-day list or a digest; or "Wed 26 Nov 2025". */
export function formatDay(date: string, locale?: string, withYear = false): string {
  if (!valid(date)) return date;
  return tidy(formatter(locale, { weekday: "short", ...(withYear ? FULL : DAY_MONTH) }).format(at(date)), locale);
}

/** "November 2025": a whole month. */
export function formatMonth(date: string, locale?: string): string {
  if (!valid(date)) return date;
  return formatter(locale, { month: "long", year: "numeric" }).format(at(date));
}
