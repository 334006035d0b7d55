// Adds the usage estimate to a spend report whose range reaches days without final cost data:
// metric tokens × the rates the last complete days were billed at, or for a model with no billed
// history its deployment's retail list price; the basis says which models used which. Kept apart
// from `total`.
import { isCostbotError } from "../base/errors.js";
import { estimateUsage } from "../cost/metrics/estimate.js";
import { listPriceFallback, RETAIL_BASIS } from "../cost/metrics/retail.js";
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
  if (hourlyOnly(report, intent)) {
    // Hours are not in the usage metrics: any figure here would be a confident $0.00.
    const note =
      "No usage estimate for the days without final cost data: provisioned (PTU) deployments bill per hour, and the usage metrics count tokens, not hours.";
    return { ...report, warnings: [...report.warnings, note] };
  }
  try {
    const basis = await usageBasis(deps.costSource, today, intent.costType);
    const from = report.range.from > basis.incompleteFrom ? report.range.from : basis.incompleteFrom;
    const to = report.range.to < today ? report.range.to : today;
    if (from > to) return report;
    const metrics = await deps.metrics.usage({ from, to });
    const rate = (model: string) => basis.rates.byModel.get(model);
    const usage = metrics.usage.filter(
      (u) => (!intent.model || u.model === intent.model) && (!intent.channel || rate(u.model)?.channel === intent.channel),
    );
    // List prices are in USD: with a bill in another currency there is no fallback.
    const retail = listPriceFallback(report.currency, metrics.deployments);
    const e = estimateUsage(usage, basis.rates, retail);
    const warnings = [...report.warnings, ...metrics.warnings];
    const billedModels = [...new Set(usage.map((u) => u.model))].filter((m) => basis.rates.byModel.has(m)).sort();
    const retailModels = [...e.fallback].sort();
    const notEstimated = [...e.unpriced].sort();
    if (notEstimated.length) {
      const why = `no billed rate in ${basis.rates.from} to ${basis.rates.to}${retail ? " and no single list price for the deployment type and version" : ""}`;
      warnings.push(`Not in the estimate (${why}): ${notEstimated.map((m) => (e.fallback.has(m) ? `${m} (some deployments)` : m)).join(", ")}.`);
    }
    const parts = [
      billedModels.length ? `per-token rates billed ${basis.rates.from} to ${basis.rates.to} for ${billedModels.join(", ")}` : "",
      retailModels.length ? `${RETAIL_BASIS} for ${retailModels.join(", ")}` : "",
    ].filter(Boolean);
    const estimate: SpendEstimate = {
      from,
      to,
      cost: toMoneyNumber(e.cost),
      includesToday: to === today,
      ...(report.groups.some((g) => g.hourly) ? { excludesHourly: true as const } : {}),
      basis: `usage metrics (${deps.metrics.name}) × ${parts.length ? parts.join("; ") : `per-token rates billed ${basis.rates.from} to ${basis.rates.to}`}, per model and direction; hourly (provisioned) charges not included`,
      pricing: { billedRate: billedModels, retailPrice: retailModels, notEstimated },
    };
    return { ...report, estimate, warnings };
  } catch (err) {
    // Usage metrics are extra: their failure costs the estimate, never the billed answer.
    const why = isCostbotError(err) || err instanceof Error ? err.message : String(err);
    return { ...report, warnings: [...report.warnings, `No estimate from usage: ${why}`] };
  }
}

/** Only hourly-billed (PTU) cost is asked about: nothing a token count can estimate. */
function hourlyOnly(report: SpendReport, intent: SpendIntent): boolean {
  if (intent.model && /^(ptus?|provisioned)$/.test(intent.model)) return true;
  return report.groups.length > 0 && report.groups.every((g) => g.hourly && g.inputTokens + g.outputTokens === 0);
}
