// Exact money: amounts are bigint counts of 1e-12 currency units, parsed from decimal strings.
// Summing never touches floats; rounding to cents (half-up) happens only when shown.
// Must not import anything platform- or source-specific.

/** An exact amount in 1e-12 of the currency unit (pico-dollars for USD). */
export type Amount = bigint;

export const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const CENT = SCALE / 100n;

/**
 * Parses a decimal amount as Azure writes it ("0.493152", "-1.5", "1e-7", "$11,111.00").
 * Digits past 1e-12 are rounded half-up (away from zero). Returns null when it is not a number.
 */
export function parseAmount(text: string | number): Amount | null {
  let s = typeof text === "number" ? numberToPlain(text) : text.trim();
  if (s === "") return null;
  s = s.replace(/[$€£,\s]/g, "");
  if (/e/i.test(s)) {
    const n = Number(s);
    if (!Number.isFinite(n)) return null;
    s = numberToPlain(n);
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const neg = m[1] === "-";
  const frac = m[3] ?? "";
  const kept = frac.slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, "0");
  let v = BigInt(m[2] || "0") * SCALE + BigInt(kept);
  if (frac.length > SCALE_DIGITS && frac.charCodeAt(SCALE_DIGITS) >= 53 /* '5' */) v += 1n;
  return neg ? -v : v;
}

/** Writes a finite number in plain decimal notation (no exponent), as its shortest round-trip form. */
function numberToPlain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mant, expText] = s.toLowerCase().split("e");
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace(/^-/, "").replace(".", "");
  const point = mant.replace(/^-/, "").indexOf(".");
  const intLen = (point === -1 ? mant.replace(/^-/, "").length : point) + exp;
  const out =
    intLen <= 0
      ? "0." + "0".repeat(-intLen) + digits
      : intLen >= digits.length
        ? digits + "0".repeat(intLen - digits.length)
        : digits.slice(0, intLen) + "." + digits.slice(intLen);
  return (neg ? "-" : "") + out;
}

/** Rounds to whole cents, half-up (away from zero), as an integer count of cents. */
export function toCents(a: Amount): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const cents = (abs + CENT / 2n) / CENT;
  return neg ? -cents : cents;
}

/** Rounds to cents and returns a JSON-friendly number (e.g. 1234.56). */
export function toMoneyNumber(a: Amount): number {
  return Number(toCents(a)) / 100;
}

/** Builds an amount from a whole number of cents. */
export function fromCents(cents: number | bigint): Amount {
  return BigInt(cents) * CENT;
}

export function sumAmounts(values: Iterable<Amount>): Amount {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
