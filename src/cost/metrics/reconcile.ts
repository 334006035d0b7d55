// How far the usage estimate was off once a day's cost arrived: for each complete day and model,
// the estimate costbot would have made (that day's metric tokens × the rates billed over the days
// before, or the retail list price for a model with no billed history) against the billed cost of
// the same model. Pure, no SDK imports; the store keeps the results (EstimateChecks).
import { shiftDays } from "../../base/dates.js";
import { classify } from "../classify.js";
import type { Amount } from "../money.js";
import type { CostRow } from "../types.js";
import { estimateUsage, type FallbackRate } from "./estimate.js";
import { observedRates } from "./rates.js";
import type { UsageRow } from "./types.js";

/** One day and model: the estimate against the bill (token charges only; hourly PTU left out). */
export interface ModelCheck {
  date: string;
  model: string;
  estimate: Amount;
  billed: Amount;
  basis: "billed-rate" | "retail-price";
}

export interface DayAccuracy {
  date: string;
  estimate: Amount;
  billed: Amount;
  /** (estimate - billed) / billed; null when nothing was billed (or nothing estimated). */
  error: number | null;
}

/**
 * Per day in `days` (complete days) and model with a priced estimate; `rows` must cover `rateDays`
 * days before the first. A model the estimate could not price is not checked (it was not estimated).
 */
export function reconcileModels(days: string[], rows: CostRow[], usage: UsageRow[], rateDays = 7, fallback?: FallbackRate): ModelCheck[] {
  const out: ModelCheck[] = [];
  for (const date of days) {
    const rates = observedRates(rows, shiftDays(date, -rateDays), shiftDays(date, -1));
    const e = estimateUsage(
      usage.filter((u) => u.date === date),
      rates,
      fallback,
    );
    const billed = new Map<string, Amount>();
    for (const r of rows) {
      if (r.date !== date) continue;
      const c = classify(r);
      if (c.isModel && c.tokens > 0 && e.byModel.has(c.model)) billed.set(c.model, (billed.get(c.model) ?? 0n) + r.cost);
    }
    for (const [model, estimate] of [...e.byModel].sort(([a], [b]) => a.localeCompare(b))) {
      // Partly priced models would compare part of the usage with the whole bill: left out.
      if (e.unpriced.has(model)) continue;
      out.push({ date, model, estimate, billed: billed.get(model) ?? 0n, basis: e.fallback.has(model) ? "retail-price" : "billed-rate" });
    }
  }
  return out;
}

/** Day totals of model checks, one line per day in `days` (days without checks show zeros). */
export function dayAccuracy(days: string[], checks: Array<Pick<ModelCheck, "date" | "estimate" | "billed">>): DayAccuracy[] {
  return days.map((date) => {
    const mine = checks.filter((c) => c.date === date);
    const estimate = mine.reduce((s, c) => s + c.estimate, 0n);
    const billed = mine.reduce((s, c) => s + c.billed, 0n);
    return { date, estimate, billed, error: billed === 0n || mine.length === 0 ? null : Number(estimate - billed) / Number(billed) };
  });
}
