// Cards list the largest groups and roll the long tail into one "N more: $x" line.
// JSON never rolls up; only card-like renderers use this. Pure, platform-free.
import type { SpendGroup } from "../report.js";
import { sumMoney } from "./format.js";

export interface RolledUp {
  shown: SpendGroup[];
  /** The groups beyond the cut, summed exactly; null when nothing was cut. */
  rest: { count: number; cost: number } | null;
}

/**
 * Keeps the first `top` groups (never more than `cap`, a platform's own limit) and sums the rest.
 * Groups arrive largest first, as the report promises.
 */
export function rollUp(groups: SpendGroup[], top: number, cap = Infinity): RolledUp {
  const keep = Math.max(0, Math.min(Math.floor(top), cap, groups.length));
  // Rolling up a single group saves nothing: show it instead of "1 more".
  const n = groups.length - keep === 1 && keep < cap ? groups.length : keep;
  const shown = groups.slice(0, n);
  const tail = groups.slice(n);
  return {
    shown,
    rest: tail.length ? { count: tail.length, cost: sumMoney(tail.map((g) => g.cost)) } : null,
  };
}
