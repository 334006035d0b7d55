// Comparison words: `vs last week`, `versus the previous period`, `compared to last month`.
// Only the previous period of equal length can be compared with. Pure; no platform imports.
import { currentPeriod, LAST, UNITS } from "./date-words.js";
import type { Clock } from "./intent-calendar.js";
import type { DateRange, InvalidIntent } from "./intent-types.js";
import { VERSUS } from "./intent-words.js";

export type VersusMatch =
  | { next: number; implied?: DateRange }
  | { next: number; error: InvalidIntent }
  | null;

const BEFORE = new Set(["previous", "prior", "before", "earlier", "last"]);

/**
 * Reads a comparison at w[i]. `vs last week` with no other date words means this week: the
 * period it is the previous one of (`implied`).
 */
export function matchVersus(w: string[], i: number, c: Clock): VersusMatch {
  let j: number;
  if (VERSUS.has(w[i])) j = i + 1;
  else if (/^compar(e|ed|ing)$/.test(w[i]) && (w[i + 1] === "to" || w[i + 1] === "with")) j = i + 2;
  else return null;
  if (w[j] === "the") j++;
  const [a, b] = [w[j], w[j + 1]];
  if (a === "yesterday") return { next: j + 1, implied: currentPeriod(c, "day") };
  const unit = b === undefined || b.endsWith("s") ? undefined : UNITS[b];
  if (a !== undefined && LAST.has(a) && unit) {
    return { next: j + 2, implied: currentPeriod(c, unit) };
  }
  if (a !== undefined && BEFORE.has(a)) return { next: b === "period" || b === "one" ? j + 2 : j + 1 };
  const word = a ?? w[i];
  const text = w.slice(i, j + 1).join(" ");
  return {
    next: j + 1,
    error: {
      kind: "invalid",
      word,
      message: `I can't compare with "${word}" ("${text}"): I compare with the previous period of the same length. Try "this week vs last week" or "last month compare".`,
    },
  };
}
