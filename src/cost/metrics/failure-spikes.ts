// Spikes in billed failed requests (400, 408) per model: a day well above the median of the days
// before it. Billed failures cost money without giving answers, so a jump is worth an alert. Pure.
import { shiftDays } from "../../base/dates.js";
import { isBilledFailure } from "./failures.js";
import type { RequestRow } from "./types.js";

export interface FailureSpike {
  model: string;
  date: string;
  billed: number;
  /** Median billed failures per day over the baseline days. */
  baseline: number;
  samples: number;
}

export interface FailureSpikeOptions {
  baselineDays?: number;
  /** A spike is at least this many times the baseline (default 3)... */
  factor?: number;
  /** ...and at least this many billed failures above it (default 100), so tiny counts stay quiet. */
  minExcess?: number;
}

export function detectFailureSpikes(requests: RequestRow[], date: string, o: FailureSpikeOptions = {}): FailureSpike[] {
  const baselineDays = o.baselineDays ?? 14;
  const from = shiftDays(date, -baselineDays);
  const perModel = new Map<string, Map<string, number>>();
  for (const r of requests) {
    if (r.date < from || r.date > date || !isBilledFailure(r.statusCode)) continue;
    const days = perModel.get(r.model) ?? new Map<string, number>();
    days.set(r.date, (days.get(r.date) ?? 0) + r.requests);
    perModel.set(r.model, days);
  }
  const spikes: FailureSpike[] = [];
  for (const [model, days] of perModel) {
    const billed = days.get(date) ?? 0;
    const before = Array.from({ length: baselineDays }, (_, i) => days.get(shiftDays(date, -(i + 1))) ?? 0).sort((a, b) => a - b);
    const mid = before.length >> 1;
    const baseline = before.length % 2 ? before[mid] : (before[mid - 1] + before[mid]) / 2;
    if (billed >= (o.factor ?? 3) * baseline && billed - baseline >= (o.minExcess ?? 100)) {
      spikes.push({ model, date, billed, baseline, samples: before.length });
    }
  }
  return spikes.sort((a, b) => b.billed - a.billed || a.model.localeCompare(b.model));
}
