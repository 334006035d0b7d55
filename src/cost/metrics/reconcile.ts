// How far the usage estimate was off once a day's cost arrived: for each complete day, the estimate
// costbot would have made (that day's metric tokens × rates of the 7 days before) against the
// billed cost of the same models. Computed on demand from the same data; pure, no SDK imports.
import { classify } from "../classify.js";
import type { Amount } from "../money.js";
import type { CostRow } from "../types.js";
import { estimateUsage } from "./estimate.js";
import { observedRates } from "./rates.js";
import type { UsageRow } from "./types.js";

export interface DayAccuracy {
  date: string;
  estimate: Amount;
  billed: Amount;
  /** (estimate - billed) / billed; null when nothing was billed. */
  error: number | null;
}

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** One line per day in `days` (complete days); rows must cover 7 days before the first. */
export function reconcile(days: string[], rows: CostRow[], usage: UsageRow[], rateDays = 7): DayAccuracy[] {
  return days.map((date) => {
    const rates = observedRates(rows, shift(date, -rateDays), shift(date, -1));
    const used = usage.filter((u) => u.date === date && rates.byModel.has(u.model));
    const models = new Set(used.map((u) => u.model));
    const estimate = estimateUsage(used, rates).cost;
    let billed = 0n;
    for (const r of rows) {
      if (r.date !== date) continue;
      const c = classify(r);
      if (c.isModel && c.tokens > 0 && models.has(c.model)) billed += r.cost;
    }
    const error = billed === 0n ? null : Number(estimate - billed) / Number(billed);
    return { date, estimate, billed, error };
  });
}
