// What a meter's quantity counts: tokens, or another unit (images, pages, seconds, characters,
// hours, ...) that must never be added to token counts. Reads the unit of measure and the last
// word of the meter name ("Doc AI 2512 glbl Pages", "1K" = thousands of pages). Pure.

/** "tokens", or the plural noun of what else the quantity counts ("images", "hours", "pages"). */
export type UsageKind = string;

export interface MeterUsage {
  kind: UsageKind;
  /** How many of `kind` one unit of quantity stands for ("1K" -> 1000, "100" -> 100, "1 Hour" -> 1). */
  per: number;
}

const cache = new Map<string, number | null>();

/**
 * The block a unit of measure states: "1K", "1K Tokens", "1000" -> 1000; "1M" -> 1e6; "10K" -> 1e4;
 * "100" -> 100. null for units that state no block ("", "1", "Tokens", "1 Hour").
 */
function unitBlockSize(unitOfMeasure: string): number | null {
  let v = cache.get(unitOfMeasure);
  if (v === undefined) {
    v = parseUnit(unitOfMeasure);
    cache.set(unitOfMeasure, v);
  }
  return v;
}

function parseUnit(unit: string): number | null {
  const u = unit.trim().toLowerCase().replace(/,/g, "");
  const m = /^(\d+(?:\.\d+)?)\s*([km])?\b/.exec(u);
  if (m) {
    const size = Number(m[1]) * (m[2] === "k" ? 1000 : m[2] === "m" ? 1e6 : 1);
    // A bare "1" ("1", "1 Token") names no block, so a "1M Tokens" meter name may still apply.
    return size === 1 ? null : size;
  }
  return null;
}

/** The time a unit bills by ("1 Hour", "1/Hour", "1/Month", "1 Second"), as a plural noun. */
function timeKind(unitOfMeasure: string): UsageKind | null {
  const u = unitOfMeasure.toLowerCase();
  if (/\bhours?\b|\/\s*hour|\bhr\b/.test(u)) return "hours";
  if (/\bseconds?\b/.test(u)) return "seconds";
  if (/\bminutes?\b/.test(u)) return "minutes";
  if (/\bday\b|\/day/.test(u)) return "days";
  if (/month/.test(u)) return "months";
  if (/year/.test(u)) return "years";
  return null;
}

// The meter name's last word says what is counted when it is not tokens.
const NAME_KINDS: Array<[RegExp, UsageKind]> = [
  [/\bimages?$/i, "images"],
  [/\bpages?$/i, "pages"],
  [/\bcharacters?$/i, "characters"],
  [/\b(video|seconds?)$/i, "seconds"],
  [/\bcalls?$/i, "calls"],
  [/\bsessions?$/i, "sessions"],
  [/\bsearch(es)?$/i, "searches"],
  [/\bmegapixels?$/i, "megapixels"],
  [/\btransactions?$/i, "transactions"],
  [/\brecords?$/i, "records"],
];

/**
 * What one unit of quantity counts. The unit of measure is authoritative about the block size; a
 * "1M Tokens" meter name (`blockHint`) only fills in when the unit states none.
 */
export function meterUsage(unitOfMeasure: string, meterName: string, blockHint: number | null): MeterUsage {
  const name = meterName.trim();
  const block = unitBlockSize(unitOfMeasure);
  const time = timeKind(unitOfMeasure);
  if (/\bgb$/i.test(name) && time) return { kind: `gb-${time}`, per: block ?? 1 };
  if (time) return { kind: time, per: 1 };
  for (const [re, kind] of NAME_KINDS) if (re.test(name)) return { kind, per: block ?? 1 };
  if (/\btokens?$/i.test(name) || /token/i.test(unitOfMeasure)) return { kind: "tokens", per: block ?? blockHint ?? 1 };
  return { kind: "units", per: block ?? 1 };
}
