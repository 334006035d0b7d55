// Cards list the largest groups and roll the long tail into one "N more: $x" line; by day they
// list every day, newest last, and roll only the oldest days up when a platform runs out of room.
// JSON never rolls up; only card-like renderers use this. Pure, platform-free.
import type { SpendGroup } from "../report.js";
import { sumMoney } from "./format.js";

export interface RolledUp {
  shown: SpendGroup[];
  /** The groups beyond the cut, summed exactly; null when nothing was cut. `earlier`: oldest days. */
  rest: { count: number; cost: number; previousCost?: number; earlier: boolean } | null;
}

/**
 * Keeps the first `top` groups (never more than `cap`, a platform's own limit) and sums the rest.
 * Groups arrive largest first, as the report promises; days arrive in date order and keep the
 * newest `cap` (top does not apply: a by-day list never hides the latest days).
 */
export function rollUp(groups: SpendGroup[], top: number, cap = Infinity, byDay = false): RolledUp {
  const limit = byDay ? cap : Math.min(Math.floor(top), cap);
  const keep = Math.max(0, Math.min(limit, groups.length));
  // Rolling up a single group saves nothing: show it instead of "1 more".
  const n = groups.length - keep === 1 && keep < cap ? groups.length : keep;
  const shown = byDay ? groups.slice(groups.length - n) : groups.slice(0, n);
  const tail = byDay ? groups.slice(0, groups.length - n) : groups.slice(n);
  if (!tail.length) return { shown, rest: null };
  const rest: NonNullable<RolledUp["rest"]> = { count: tail.length, cost: sumMoney(tail.map((g) => g.cost)), earlier: byDay };
  if (tail.every((g) => g.previousCost !== undefined)) rest.previousCost = sumMoney(tail.map((g) => g.previousCost ?? 0));
  return { shown, rest };
}
