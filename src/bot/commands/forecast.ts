// `forecast [model|channel]`: month-end projection of AI model spend, from the same cached rows as
// every answer; beside it Azure's own forecast for the whole scope when the source offers one.
import { aggregate } from "../../cost/aggregate.js";
import { isCostbotError } from "../../base/errors.js";
import { projectSpend } from "../../cost/forecast.js";
import { toMoneyNumber, type Amount } from "../../cost/money.js";
import type { CostSource } from "../../cost/types.js";
import { type Bot, type ChatCommand, type CommandContext, defineCommand } from "../bot.js";
import { helpReport } from "../help.js";
import { parseIntent } from "../intent.js";
import type { HelpIntent, InvalidIntent, ParseContext, SpendIntent } from "../intent-types.js";
import { endOfMonth, shiftDays } from "../../base/dates.js";
import { lastFinalDay } from "../data-days.js";
import { formatMonth } from "../date-style.js";
import { formatDates, formatMoney, freshnessLine } from "../render/format.js";
import type { Report } from "../report.js";

/** What a source with its own forecast (the Azure one) offers; others lack the method. */
interface ForecastingSource extends CostSource {
  forecast(range?: { from: string; to: string }): Promise<{ projected: Amount | null; currency: string; warnings: string[] }>;
}

/** `forecast [model|channel]`: the words after the head narrow this month as in a cost question. */
function parse(words: string[], ctx: ParseContext): SpendIntent | HelpIntent | InvalidIntent {
  return parseIntent(["this month", ...words.slice(1)].join(" "), { now: ctx.now, tz: ctx.tz, locale: ctx.locale });
}

export const forecastCommand: ChatCommand = defineCommand({ heads: ["forecast", "projection", "project"], parse, run: forecast });

async function forecast(intent: SpendIntent | HelpIntent, ctx: CommandContext, bot: Bot): Promise<Report> {
  if (intent.kind === "help") return helpReport();
  const { from, to: today } = intent.range;
  const monthEnd = endOfMonth(from);
  const result = await bot.costSource.query({ from: shiftDays(from, -35), to: today, costType: intent.costType });
  const filters = { model: intent.model, channel: intent.channel, groupBy: "day" as const };
  const history = aggregate(result.rows, { ...filters, from: shiftDays(from, -35), to: today });
  // Completed days only: today and any day after the data's end are forecast, never counted.
  const lastFinal = lastFinalDay(today, result.dataAsOf);
  const p = projectSpend(history.byDay, from, monthEnd, lastFinal);
  const currency = [...history.currencies][0] ?? "USD";
  const money = (a: Amount) => formatMoney(toMoneyNumber(a), currency);
  const scope = [intent.model, intent.channel && `${intent.channel} channel`].filter(Boolean).join(", ");
  const fields = [
    { label: lastFinal < from ? "So far (no completed day yet)" : `So far (${formatDates(from, lastFinal, ctx.locale)})`, value: money(p.actual) },
    { label: `Forecast, ${p.days.length} more days`, value: money(p.forecast) },
    { label: "Projected month end", value: money(p.projected) },
  ];
  const warnings = [...result.warnings];
  const azure = await azureForecast(bot.costSource, from, monthEnd);
  if (azure?.projected != null) {
    fields.push({ label: "Azure's forecast, all costs in scope", value: formatMoney(toMoneyNumber(azure.projected), azure.currency) });
  }
  warnings.push(...(azure?.warnings ?? []));
  const report: Report = {
    kind: "notice",
    tone: "info",
    title: `Forecast for ${formatMonth(from, ctx.locale)}: ${money(p.projected)} on AI models${scope ? ` (${scope})` : ""}`,
    lines: [
      "Completed days only: each day after the last one with final cost data is forecast as the average of the same weekday over the four weeks before.",
      ...warnings,
      freshnessLine(result.dataAsOf, bot.costSource.name, ctx.locale),
    ],
    fields,
  };
  return report;
}

async function azureForecast(source: CostSource, from: string, to: string) {
  if (!("forecast" in source) || typeof (source as ForecastingSource).forecast !== "function") return null;
  try {
    return await (source as ForecastingSource).forecast({ from, to });
  } catch (err) {
    if (isCostbotError(err)) return { projected: null, currency: "USD", warnings: [`Azure's forecast is unavailable: ${err.message}`] };
    throw err;
  }
}
