// Adds the usage estimate to a spend report whose range reaches days without final cost data:
// metric tokens × the rates the last complete days were billed at. Kept apart from `total`.
import { isCostbotError } from "../base/errors.js";
import { estimateUsage } from "../cost/metrics/estimate.js";
import type { MetricsSource } from "../cost/metrics/types.js";
import { toMoneyNumber } from "../cost/money.js";
import type { CostSource } from "../cost/types.js";
import type { SpendIntent } from "./intent-types.js";
import type { SpendEstimate, SpendReport } from "./report.js";
import { usageBasis } from "./usage-rates.js";


export interface EstimateDeps {
  costSource: CostSource;
  metrics: MetricsSource;
  now: Date;
}

export async function withEstimate(report: SpendReport, intent: SpendIntent, deps: EstimateDeps): Promise<SpendReport> {
  const today = deps.now.toISOString().slice(0, 10);
  if (report.range.complete || report.range.from > today) return report;
  try {
    const basis = await usageBasis(deps.costSource, today, intent.costType);
    const from = report.range.from > basis.incompleteFrom ? report.range.from : basis.incompleteFrom;
    const to = report.range.to < today ? report.range.to : today;
    if (from > to) return report;
    const metrics = await deps.metrics.usage({ from, to });
    const rate = (model: string) => basis.rates.byModel.get(model);
    const usage = metrics.usage.filter((u) =>
      (!intent.model || u.model === intent.model) && (!intent.channel || rate(u.model)?.channel === intent.channel));
    const e = estimateUsage(usage, basis.rates);
    const warnings = [...report.warnings, ...metrics.warnings];
    if (e.unpriced.size) {
      warnings.push(`Not in the estimate (no billed rate in ${basis.rates.from} to ${basis.rates.to}): ${[...e.unpriced].sort().join(", ")}.`);
    }
    const estimate: SpendEstimate = {
      from,
      to,
      cost: toMoneyNumber(e.cost),
      includesToday: to === today,
      basis: `usage metrics (${deps.metrics.name}) × per-token rates billed ${basis.rates.from} to ${basis.rates.to}, per model and direction; hourly (provisioned) charges not included`,
    };
    return { ...report, estimate, warnings };
  } catch (err) {
    // Usage metrics are extra: their failure costs the estimate, never the billed answer.
    const why = isCostbotError(err) || err instanceof Error ? err.message : String(err);
    return { ...report, warnings: [...report.warnings, `No estimate from usage: ${why}`] };
  }
}
