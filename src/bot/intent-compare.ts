// Comparison words: `vs last week`, `versus the previous period`, `last week vs the week before`,
// `this week vs last month` (exactly the two periods named). Pure; no platform imports.
import { matchDateWords, UNITS } from "./date-words.js";
import type { Clock } from "./intent-calendar.js";
import type { DateRange, InvalidIntent } from "./intent-types.js";
import { VERSUS } from "./intent-words.js";
import { type CompareRule, type Comparison, comparisonFor } from "./periods.js";
import { lengthInDays } from "../base/dates.js";

/** What the words after `vs` named: the period before the range, or a period of its own. */
export type Versus = { before: true } | { named: DateRange; rule?: CompareRule };

export type VersusMatch = { next: number; versus: Versus } | { next: number; error: InvalidIntent } | null;

const BEFORE = new Set(["previous", "prior", "before", "earlier"]);

/** Reads a comparison at w[i]: `vs`, `versus`, `against`, `compared to/with`. */
export function matchVersus(w: string[], i: number, c: Clock): VersusMatch {
  let j: number;
  if (VERSUS.has(w[i])) j = i + 1;
  else if (/^compar(e|ed|ing)$/.test(w[i]) && (w[i + 1] === "to" || w[i + 1] === "with")) j = i + 2;
  else return null;
  if (w[j] === "the" || w[j] === "a") j++;
  const [a, b] = [w[j], w[j + 1]];
  // "the previous period", "previous", "the week before", "the one before"
  if (a !== undefined && BEFORE.has(a)) {
    return { next: b === "period" || b === "one" || (b !== undefined && UNITS[b]) ? j + 2 : j + 1, versus: { before: true } };
  }
  if ((a === "period" || a === "one" || (a !== undefined && UNITS[a])) && b === "before") {
    return { next: j + 2, versus: { before: true } };
  }
  const date = a === undefined ? null : matchDateWords(w, j, c);
  if (date && "error" in date) return date;
  if (date) return { next: date.next, versus: { named: date.range, rule: date.rule } };
  const word = a ?? w[i];
  const text = w.slice(i, j + 1).join(" ");
  return {
    next: j + 1,
    error: {
      kind: "invalid",
      word,
      message: `I can't compare with "${word}" ("${text}"). Name a period, as in "this week vs last week", "last week vs the week before" or "this month vs 2025-10".`,
    },
  };
}

/**
 * The range and the period it is compared with. With no range of its own, `vs last week` asks
 * about this week (same days of last week); `this month vs last month` compares the same days;
 * any other named period is compared exactly as named.
 */
export function resolveVersus(
  range: { range: DateRange; rule?: CompareRule } | undefined,
  versus: Versus | undefined,
  fallback: () => { range: DateRange; rule?: CompareRule },
  c: { current: (unit: Exclude<CompareRule, { rolling: true }>["unit"]) => DateRange },
): { range: DateRange; previous: Comparison; note?: string } {
  if (versus && "named" in versus) {
    const unit = versus.rule && "unit" in versus.rule ? versus.rule.unit : undefined;
    if (!range && unit) range = { range: c.current(unit), rule: versus.rule };
    const own = range ?? fallback();
    const sameUnit = unit && own.rule && "unit" in own.rule && own.rule.unit === unit;
    const prev = comparisonFor(own.range.from, own.range.to, own.rule);
    // "this month vs last month": the same days of last month, so the change is like for like.
    if (sameUnit && prev.from >= versus.named.from && prev.to <= versus.named.to) return { range: own.range, previous: prev };
    const named = { from: versus.named.from, to: versus.named.to, label: versus.named.label };
    const [a, b] = [lengthInDays(own.range.from, own.range.to), lengthInDays(named.from, named.to)];
    const note = a === b ? undefined : `The two periods differ in length (${a} vs ${b} days), so the change compares unequal spans.`;
    return { range: own.range, previous: named, ...(note ? { note } : {}) };
  }
  const own = range ?? fallback();
  return { range: own.range, previous: comparisonFor(own.range.from, own.range.to, own.rule) };
}
