// DigestReport -> plain text (CLI, logs, and the fallback text of notifications).
// Pure; wording from digest-format.ts and format.ts. Must not import any platform SDK.
import type { DigestReport } from "../report.js";
import {
  budgetLine,
  dayLabel,
  budgetMark,
  comparisonLine,
  digestTitle,
  forecastLine,
  monthToDateLine,
  moverLine,
  restatedLine,
  sourceForecastLine,
  failuresLine,
} from "./digest-format.js";
import { channelName, formatMoney, freshnessLine, prepaymentNote } from "./format.js";

export function digestText(r: DigestReport): string {
  const money = (n: number) => formatMoney(n, r.currency);
  const rows: Array<[string, string]> = [
    [dayLabel(r), `${money(r.day.total)}   ${comparisonLine(r, "dayBefore")} · ${comparisonLine(r, "weekBefore")}`],
    ...r.channels.map((c): [string, string] => [channelName(c.channel), `${money(c.cost)}   ${prepaymentNote(c.prepaymentEligible)}`]),
    ["Month to date", monthToDateLine(r)],
    ["Month-end forecast", forecastLine(r)],
  ];
  const w = Math.max(...rows.map(([label]) => label.length));
  const lines = [digestTitle(r), "", ...rows.map(([label, value]) => `${label.padEnd(w)}  ${value}`)];
  if (r.sourceForecast) lines.push(sourceForecastLine(r.sourceForecast));
  if (r.budgets.length) {
    lines.push("", "Budgets");
    for (const b of r.budgets) lines.push(`  ${budgetMark(b) === "ok" ? " " : "!"} ${budgetLine(b, r.currency, r.locale)}`);
  }
  if (r.movers.length) {
    lines.push("", "Top movers");
    for (const m of r.movers) lines.push(`  ${moverLine(m, r.currency)}`);
  }
  lines.push("");
  for (const x of r.restated) lines.push(restatedLine(x, r.currency, r.locale));
  if (r.failures) lines.push(failuresLine(r.failures, r.currency, r.locale));
  lines.push(freshnessLine(r.dataAsOf, r.source, r.locale));
  for (const w of r.warnings) lines.push(`! ${w}`);
  return lines.join("\n");
}
