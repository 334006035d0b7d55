// Turns export field bytes into values: exact amounts, quantities, usage dates and text.
// Fast paths read bytes directly; anything unusual falls back to parseAmount so results stay exact.
// Must not import platform SDKs.
import { parseAmount, type Amount } from "../../money.js";

const ZERO = 48;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
/**
 * Integer parts below this keep a value under 2^52 in 1e-12 units, so adding it to an accumulator
 * that is flushed at 2^52 stays below 2^53: every sum is an exact integer in a double.
 */
const FAST_INT_LIMIT = 4000;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * Parses a plain decimal ("0.493152", "-3.25") to an integer count of 1e-12 units held in a
 * double (exact below 2^53), rounding past 12 decimals half-up like parseAmount.
 * Returns NaN when the text needs the general parser (exponent, currency sign, huge, empty).
 */
export function fastPico(buf: Buffer, s: number, e: number): number {
  if (s >= e) return NaN;
  let i = s;
  let neg = false;
  const first = buf[i];
  if (first === MINUS || first === PLUS) {
    neg = first === MINUS;
    i++;
  }
  let ip = 0;
  let digits = 0;
  for (; i < e; i++) {
    const d = buf[i] - ZERO;
    if (d < 0 || d > 9) break;
    ip = ip * 10 + d;
    digits++;
    if (ip >= FAST_INT_LIMIT) return NaN;
  }
  let fp = 0;
  let fl = 0;
  if (i < e && buf[i] === DOT) {
    for (i++; i < e; i++) {
      const d = buf[i] - ZERO;
      if (d < 0 || d > 9) return NaN;
      digits++;
      if (fl < 12) {
        fp = fp * 10 + d;
        fl++;
      } else if (fl === 12) {
        if (d >= 5) fp += 1;
        fl = 13;
      }
    }
  }
  if (i !== e || digits === 0) return NaN;
  const v = ip * 1e12 + (fl >= 12 ? fp : fp * POW10[12 - fl]);
  return neg ? -v : v;
}

/** Exact amount of a field, or null when it is not a number. */
export function slowAmount(buf: Buffer, s: number, e: number): Amount | null {
  return parseAmount(buf.toString("latin1", s, e));
}

/**
 * A quantity fastPico cannot read, in exact 1e-12 units: empty or NULL (as some exports write) is
 * 0n, exponents and large values stay exact. Junk gives Number()'s answer (NaN), so it shows.
 * Quantities are summed exactly so the total does not depend on the order rows are added in.
 */
export function slowQuantity(buf: Buffer, s: number, e: number): Amount | number {
  const text = buf.toString("latin1", s, e).trim();
  if (text === "" || text === "NULL") return 0n;
  return parseAmount(text) ?? Number(text);
}

/** Decodes a text field: UTF-8, "" escapes undone, a bare NULL (as some exports write) is empty. */
export function fieldText(buf: Buffer, s: number, e: number, flag: number): string {
  if (s >= e) return "";
  const t = buf.toString("utf8", s, e);
  if (flag === 2) return t.replaceAll('""', '"');
  return flag === 0 && t === "NULL" ? "" : t;
}

/**
 * Normalises an export date to YYYY-MM-DD: MM/DD/YYYY (EA, MCA), YYYY-MM-DD, "YYYY-MM-DD hh:mm:ss",
 * ISO with time and zone (the calendar date as written is the billing day), or YYYYMMDD.
 * Returns null when it is none of those or not a real calendar date.
 */
export function normaliseDate(raw: string): string | null {
  const t = raw.trim();
  let y: string, m: string, d: string;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(t);
  if (match) [, y, m, d] = match;
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|[ T])/.exec(t))) [, m, d, y] = match;
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) [, y, m, d] = match;
  else return null;
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(Number(y), mm)) return null;
  return `${y}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
