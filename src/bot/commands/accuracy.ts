// `accuracy` (or `help accuracy`): how far the usage estimates were off once each day's billed
// cost arrived, over the last complete days; the same figure the benchmark reports.
import { isCostbotError } from "../../base/errors.js";
import { reconcile } from "../../cost/metrics/reconcile.js";
import { toMoneyNumber } from "../../cost/money.js";
import type { CommandHandler } from "../bot.js";
import { firstOpenDay } from "../data-days.js";
import { eachDate, shiftDays } from "../periods.js";
import { formatMoney } from "../render/format.js";
import { RATE_DAYS } from "../usage-rates.js";

const DAYS = 7;

export const accuracyCommand: CommandHandler = async (words, ctx, bot) => {
  const w = words[0] === "help" ? words.slice(1) : words;
  if (w.length !== 1 || !["accuracy", "reconcile", "reconciliation"].includes(w[0])) return null;
  if (!bot.metrics) return { kind: "error", message: "Estimates come from usage metrics, and this cost source has none." };
  try {
    const today = ctx.now.toISOString().slice(0, 10);
    const probe = await bot.costSource.query({ from: shiftDays(today, -(DAYS + RATE_DAYS + 2)), to: today, costType: "actual" });
    const lastFinal = shiftDays(firstOpenDay(today, probe.dataAsOf), -1);
    const days = eachDate(shiftDays(lastFinal, -(DAYS - 1)), lastFinal);
    const metrics = await bot.metrics.usage({ from: days[0], to: lastFinal });
    const result = reconcile(days, probe.rows, metrics.usage, RATE_DAYS);
    const currency = probe.rows[0]?.currency ?? "USD";
    const scored = result.filter((d) => d.error !== null);
    const mean = scored.length ? scored.reduce((s, d) => s + Math.abs(d.error!), 0) / scored.length : null;
    const pct = (e: number | null) => (e === null ? "–" : `${e >= 0 ? "+" : ""}${(100 * e).toFixed(1)}%`);
    return {
      kind: "notice",
      tone: "info",
      title: `Estimate accuracy, last ${days.length} complete days: ${mean === null ? "no billed days yet" : `off by ${(100 * mean).toFixed(1)}% on average`}`,
      fields: result.map((d) => ({
        label: d.date,
        value: `estimated ${formatMoney(toMoneyNumber(d.estimate), currency)}, billed ${formatMoney(toMoneyNumber(d.billed), currency)} (${pct(d.error)})`,
      })),
      lines: [
        `Each day is estimated as costbot would have that day: its metric tokens × the rates billed over the ${RATE_DAYS} days before, against the billed cost of the same models (hourly/PTU charges left out).`,
        ...metrics.warnings,
        `Sources: ${bot.costSource.name}, ${bot.metrics.name}`,
      ],
    };
  } catch (err) {
    if (isCostbotError(err)) return { kind: "error", message: err.message, hint: err.hint };
    throw err;
  }
};
