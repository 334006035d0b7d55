// `accuracy` (or `help accuracy`): how far the usage estimates were off once each day's billed
// cost arrived, over the last complete days; the same figure the benchmark reports. With a store
// the figures are the recorded ones (kept once per day and model), so they outlast the metrics.
import { dayAccuracy } from "../../cost/metrics/reconcile.js";
import { toMoneyNumber } from "../../cost/money.js";
import type { EstimateChecks } from "../../store/types.js";
import { checkEstimates } from "../accuracy-checks.js";
import { type Bot, type ChatCommand, type CommandContext, defineCommand } from "../bot.js";
import type { InvalidIntent } from "../intent-types.js";
import type { Report } from "../report.js";
import { formatMoney } from "../render/format.js";
import { RATE_DAYS } from "../usage-rates.js";

/** `accuracy` alone: any other word is one too many. */
function parse(words: string[]): { kind: "accuracy" } | InvalidIntent {
  return words.length === 1 ? { kind: "accuracy" } : { kind: "invalid", message: `"${words[0]}" takes no other words.`, hint: `Try: ${words[0]}` };
}

export function createAccuracyCommand(deps: { checks?: EstimateChecks } = {}): ChatCommand {
  const run = async (_asked: { kind: "accuracy" }, ctx: CommandContext, bot: Bot): Promise<Report> => {
    if (!bot.metrics) return { kind: "error", message: "Estimates come from usage metrics, and this cost source has none." };
    const r = await checkEstimates({ costSource: bot.costSource, metrics: bot.metrics, checks: deps.checks }, ctx.now);
    const result = dayAccuracy(r.days, r.checks);
    const scored = result.filter((d) => d.error !== null);
    const mean = scored.length ? scored.reduce((s, d) => s + Math.abs(d.error!), 0) / scored.length : null;
    const pct = (e: number | null) => (e === null ? "–" : `${e >= 0 ? "+" : ""}${(100 * e).toFixed(1)}%`);
    const retail = [...new Set(r.checks.filter((c) => c.basis === "retail-price").map((c) => c.model))].sort();
    return {
      kind: "notice",
      tone: "info",
      title: `Estimate accuracy, last ${r.days.length} complete days: ${mean === null ? "no billed days yet" : `off by ${(100 * mean).toFixed(1)}% on average`}`,
      fields: result.map((d) => ({
        label: d.date,
        value: r.checks.some((c) => c.date === d.date)
          ? `estimated ${formatMoney(toMoneyNumber(d.estimate), r.currency)}, billed ${formatMoney(toMoneyNumber(d.billed), r.currency)} (${pct(d.error)})`
          : deps.checks
            ? "no estimate recorded"
            : "no estimate (no usage metrics for that day)",
      })),
      lines: [
        `Each day is estimated as costbot would have that day: its metric tokens × the rates billed over the ${RATE_DAYS} days before (or the retail list price for a model with no billed history), against the billed cost of the same models (hourly/PTU charges left out).`,
        ...(retail.length ? [`Priced at the retail list price (discounts and commitments not applied): ${retail.join(", ")}.`] : []),
        ...(deps.checks ? ["Recorded once per day and model when the day's cost is final, and kept: the figures outlast the usage metrics."] : []),
        ...r.warnings,
        `Sources: ${bot.costSource.name}, ${bot.metrics.name}`,
      ],
    };
  };
  return defineCommand({ heads: ["accuracy", "reconcile", "reconciliation"], helpTopic: true, parse, run });
}

/** Without a store (the CLI): computed on demand from the metrics still available. */
export const accuracyCommand: ChatCommand = createAccuracyCommand();
