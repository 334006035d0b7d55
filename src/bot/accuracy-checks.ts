// Reconciliation of usage estimates with the bill: for the last complete days, the estimate each
// model got (metric tokens × billed rates of the days before, or the retail list price) against its
// billed cost. With a store, each day and model is recorded once when the day's cost is final and
// read back from there, so the recent error outlasts the metrics; a scheduled job keeps it current.
import { reconcileModels, type ModelCheck } from "../cost/metrics/reconcile.js";
import { listPriceFallback } from "../cost/metrics/retail.js";
import type { MetricsSource } from "../cost/metrics/types.js";
import type { CostSource } from "../cost/types.js";
import type { EstimateChecks } from "../store/types.js";
import { lastFinalDay } from "./data-days.js";
import { eachDate, shiftDays } from "../base/dates.js";
import { RATE_DAYS } from "./usage-rates.js";

/** Complete days `help accuracy` shows and the job keeps recorded. */
const CHECK_DAYS = 7;

export interface CheckDeps {
  costSource: CostSource;
  metrics: MetricsSource;
  /** The store's reconciliation log; without it the checks are computed and not kept. */
  checks?: EstimateChecks;
}

export interface CheckResult {
  days: string[];
  currency: string;
  /** Per day and model: from the store when there is one, else computed now. */
  checks: Array<Pick<ModelCheck, "date" | "model" | "estimate" | "billed" | "basis">>;
  /** Newly recorded this time (0 without a store). */
  recorded: number;
  /** Why something could not be checked or recorded now. */
  warnings: string[];
}

export async function checkEstimates(deps: CheckDeps, now: Date): Promise<CheckResult> {
  const today = now.toISOString().slice(0, 10);
  const probe = await deps.costSource.query({ from: shiftDays(today, -(CHECK_DAYS + RATE_DAYS + 2)), to: today, costType: "actual" });
  const lastFinal = lastFinalDay(today, probe.dataAsOf);
  const days = eachDate(shiftDays(lastFinal, -(CHECK_DAYS - 1)), lastFinal);
  const currency = probe.rows[0]?.currency ?? "USD";
  const warnings: string[] = [];
  let computed: ModelCheck[] = [];
  try {
    const m = await deps.metrics.usage({ from: days[0], to: lastFinal });
    computed = reconcileModels(days, probe.rows, m.usage, RATE_DAYS, listPriceFallback(currency, m.deployments));
    if (m.warnings.length) {
      warnings.push(...m.warnings);
      // Metrics missing for some accounts would make a wrong record that never gets corrected.
      if (deps.checks) warnings.push("Nothing recorded this time: the usage metrics were incomplete.");
    }
  } catch (err) {
    warnings.push(`Could not read the usage metrics: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!deps.checks) return { days, currency, checks: computed, recorded: 0, warnings };
  const complete = warnings.length === 0;
  const recorded = complete ? await deps.checks.record(computed.map((c) => ({ ...c, currency }))) : 0;
  const stored = await deps.checks.list({ from: days[0], to: lastFinal });
  return { days, currency, checks: stored, recorded, warnings };
}

/**
 * Records the last complete days every `everyMs` (default hourly); a day already recorded is left as
 * it is. Shaped as a ScheduledJob (schedule/jobs.ts), a layer above bot/, which the composition root hands it to.
 */
export function createEstimateCheckJob(
  deps: CheckDeps & { checks: EstimateChecks },
  everyMs = 60 * 60_000,
): { name: string; everyMs: number; run(now: Date): Promise<void> } {
  return { name: "estimate-checks", everyMs, run: async (now) => void (await checkEstimates(deps, now)) };
}
