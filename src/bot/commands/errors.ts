// `errors [date words] [model]`: failed requests by status code and model from the usage metrics,
// billed (Azure processed them) or not, and an estimate of what the billed ones cost.
import { FAILURE_COST_BASIS, FAILURE_EXPLANATION, summariseFailures } from "../../cost/metrics/failures.js";
import { toMoneyNumber } from "../../cost/money.js";
import { type Bot, type ChatCommand, type CommandContext, defineCommand } from "../bot.js";
import type { ErrorsReport } from "../errors-report.js";
import { helpReport } from "../help.js";
import { parseIntent } from "../intent.js";
import type { HelpIntent, InvalidIntent, ParseContext, SpendIntent } from "../intent-types.js";
import type { Report } from "../report.js";
import { usageBasis } from "../usage-rates.js";

/** `errors [date words] [model]`: the words after the head are a cost question's (this week when none). */
function parse(words: string[], ctx: ParseContext): SpendIntent | HelpIntent | InvalidIntent {
  const rest = words.slice(1).filter((w) => w !== "requests");
  return parseIntent(rest.length ? rest.join(" ") : "this week", { now: ctx.now, tz: ctx.tz });
}

export const errorsCommand: ChatCommand = defineCommand({ heads: ["errors", "error", "failures", "failed"], parse, run: failedRequests });

async function failedRequests(intent: SpendIntent | HelpIntent, _ctx: CommandContext, bot: Bot): Promise<Report> {
  if (intent.kind === "help") return helpReport();
  if (!bot.metrics) {
    return { kind: "error", message: "Failed requests come from usage metrics, and this cost source has none.", hint: "Use --source demo or azure." };
  }
  const { from, to } = intent.range;
  const [metrics, basis] = await Promise.all([bot.metrics.usage({ from, to }), usageBasis(bot.costSource, to, intent.costType)]);
  const keep = <T extends { model: string }>(rows: T[]) => (intent.model ? rows.filter((r) => r.model === intent.model) : rows);
  const s = summariseFailures(keep(metrics.requests), keep(metrics.usage), basis.rates);
  const warnings = [...metrics.warnings];
  if (s.unpriced.size) warnings.push(`No rate history to price billed failures of ${[...s.unpriced].sort().join(", ")}: not in the estimate.`);
  const report: ErrorsReport = {
    kind: "errors",
    range: intent.range,
    currency: basis.costs.rows[0]?.currency ?? "USD",
    groups: s.groups.map((g) => ({ ...g, estimatedCost: g.estimatedCost === null ? null : toMoneyNumber(g.estimatedCost) })),
    totalRequests: s.totalRequests,
    failedRequests: s.failedRequests,
    billedRequests: s.billedRequests,
    estimatedBilledCost: toMoneyNumber(s.estimatedBilledCost),
    explanation: FAILURE_EXPLANATION,
    basis: `${FAILURE_COST_BASIS} Rates observed ${basis.rates.from} to ${basis.rates.to}.`,
    dataAsOf: metrics.asOf,
    source: bot.metrics.name,
    warnings,
  };
  return report;
}
