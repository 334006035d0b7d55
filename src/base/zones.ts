// Whether a string names an IANA time zone this runtime knows. One check for every entry point
// (chat text, Teams' localTimezone, the playground, the CLI's --tz). Pure; no platform imports.

import { tz as inZone } from "@date-fns/tz";
import { format } from "date-fns/format";

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

/** The calendar date (YYYY-MM-DD) an instant falls on in `tz`; throws RangeError for an unknown zone. */
export function localDate(instant: Date, tz: string): string {
  return format(instant, "yyyy-MM-dd", { in: inZone(tz) });
}
