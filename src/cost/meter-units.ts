// Turns a row's quantity and unit of measure into a token count ("1,250" of "1K" = 1.25M tokens).
// Pure; must not import sources or platform code.

const cache = new Map<string, number | null>();

/**
 * Tokens per unit a unit of measure states: "1K", "1K Tokens", "1000" -> 1000; "1M" -> 1e6;
 * "10K" -> 1e4. null for units that state no block ("", "1", "Tokens", "Units").
 * Hourly units are handled by the caller (they mean "no tokens").
 */
export function unitBlockSize(unitOfMeasure: string): number | null {
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

/** true for units billed by time (PTU, hosting, compute): such rows carry no tokens. */
export function isTimeUnit(unitOfMeasure: string): boolean {
  return /\bhours?\b|\/\s*hour|\bhr\b|\/h\b|\bday\b|\/day|month/i.test(unitOfMeasure);
}

/**
 * Tokens one unit of `quantity` stands for, or 0 for time-billed units. The unit of measure is
 * authoritative about what `quantity` counts; a "1M Tokens" meter name (`blockHint`) only fills in
 * when the unit states no block.
 */
export function tokensPerUnit(unitOfMeasure: string, blockHint: number | null): number {
  if (isTimeUnit(unitOfMeasure)) return 0;
  return unitBlockSize(unitOfMeasure) ?? blockHint ?? 1;
}
