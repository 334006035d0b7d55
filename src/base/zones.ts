// Whether a string names an IANA time zone this runtime knows. One check for every entry point
// (chat text, Teams' localTimezone, the playground, the CLI's --tz), and the calendar date an
// instant falls on in a zone. Pure; no platform imports.

// Building an Intl formatter costs ~0.3 ms; zones are few, so remember each answer.
const known = new Map<string, boolean>();

export function isKnownZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length === 0) return false;
  let ok = known.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (known.size < 1000) known.set(tz, ok);
  }
  return ok;
}

/** One formatter per zone for `localDate` (an Intl formatter costs ~0.3 ms to build, little to use). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) an instant falls on in `tz`; throws RangeError for an unknown zone or an invalid instant. */
export function localDate(instant: Date, tz: string): string {
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    if (dayFormats.size < 1000) dayFormats.set(tz, f);
  }
  let y = "";
  let m = "";
  let d = "";
  for (const part of f.formatToParts(instant)) {
    if (part.type === "year") y = part.value.padStart(4, "0");
    else if (part.type === "month") m = part.value;
    else if (part.type === "day") d = part.value;
  }
  return `${y}-${m}-${d}`;
}
