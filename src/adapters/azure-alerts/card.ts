// An Azure budget alert as the notice card posted in routed channels. Words only; no HTTP here.
import { formatMoney } from "../../bot/render/format.js";
import type { NoticeReport } from "../../bot/report.js";
import { toMoneyNumber, type Amount } from "../../cost/money.js";
import type { AzureBudgetAlert } from "./parse.js";

export function azureAlertCard(a: AzureBudgetAlert): NoticeReport {
  const money = (x: Amount) => formatMoney(toMoneyNumber(x), a.currency);
  const pct = `${a.thresholdPercent}%`;
  const title =
    a.thresholdType === "Forecasted"
      ? `Azure budget "${a.budgetName}" is forecast to reach ${a.forecast !== null ? money(a.forecast) : "its threshold"}, past its ${pct} alert (${money(a.threshold)})`
      : `Azure budget "${a.budgetName}" passed its ${pct} alert: ${a.spent !== null ? money(a.spent) : "?"} spent of ${money(a.budget)}`;
  const lines = [
    ...(a.description ? [a.description] : []),
    `Budget ${money(a.budget)} on ${a.scope || "an unnamed scope"}; this counts every cost in that scope, not only AI models.`,
  ];
  const fields = [
    { label: "Budget", value: money(a.budget) },
    { label: "Alert at", value: `${pct} (${money(a.threshold)}, ${a.thresholdType === "Forecasted" ? "forecast" : "actual"})` },
    ...(a.spent !== null ? [{ label: "Spent", value: money(a.spent) }] : []),
    ...(a.forecast !== null ? [{ label: "Forecast for the period", value: money(a.forecast) }] : []),
  ];
  return {
    kind: "notice",
    tone: "warning",
    title,
    lines,
    fields,
    actions: [{ id: "azure-alert-spend", label: "AI spend this month", command: "this month" }],
  };
}
