// Normalises the usage dates exports write (EA/MCA MM/DD/YYYY, FOCUS ISO times, ...) to YYYY-MM-DD.
// Applied to each distinct date text once, not per row. Must not import platform SDKs.

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
