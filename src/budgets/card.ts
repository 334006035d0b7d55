// Words for budgets: the alert cards (crossed on actual, forecast to cross) and the one-line status
// used by `budgets` and confirmations. Builds NoticeReports only; no store, clock or platform imports.
import { toMoneyNumber, type Amount } from "../cost/money.js";
import { channelName, formatDate, formatDates, formatMoney } from "../bot/render/format.js";
import type { NoticeReport } from "../bot/report.js";
import type { Budget } from "../store/types.js";
import type { BudgetStatus } from "./evaluate.js";
import { periodNoun } from "./period.js";

/** "today", "this week", "this month". */
const thisPeriod = (p: Budget["period"]) => (p === "daily" ? "today" : `this ${periodNoun(p)}`);

type BudgetLike = Pick<Budget, "name" | "amount" | "period" | "model" | "channel" | "thresholds">;

export const money = (a: Amount, currency = "USD") => formatMoney(toMoneyNumber(a), currency);
const pct = (part: Amount, whole: Amount) => (whole > 0n ? `${Number((part * 1000n) / whole) / 10}%` : "–");

/** "gpt-4o, Marketplace only" or "all AI models". */
export function budgetScope(b: Pick<Budget, "model" | "channel">): string {
  const parts = [b.model, b.channel && `${channelName(b.channel)} channel`].filter(Boolean);
  return parts.length ? parts.join(", ") : "all AI models";
}

/** "$4,120.00 of $5,000.00 (82.4%) this month, projected $5,610.00". */
export function statusLine(b: BudgetLike, s: BudgetStatus, locale?: string): string {
  return `${money(s.spent, s.currency)} of ${money(b.amount, s.currency)} (${pct(s.spent, b.amount)}) ${thisPeriod(b.period)}, projected ${money(s.projected, s.currency)} by ${formatDate(s.window.to, false, locale)}`;
}

/** "gpt-4o $2,100.00 (51%), mistral-large-2411 $900.00 (22%); Microsoft $3,000.00 · Marketplace $1,120.00". */
function driversLine(s: BudgetStatus): string {
  const models = s.drivers.models.map((m) => `${m.model} ${money(m.cost, s.currency)} (${pct(m.cost, s.spent)})`);
  const { microsoft, marketplace } = s.drivers.channels;
  const lead = marketplace > microsoft ? "marketplace" : "microsoft";
  const channels = `mostly ${channelName(lead)} (${pct(s.drivers.channels[lead], s.spent)}): Microsoft ${money(microsoft, s.currency)} · Marketplace ${money(marketplace, s.currency)}`;
  return models.length ? `Driven by ${models.join(", ")}; ${channels}.` : "No AI model spend in this period yet.";
}

/**
 * The alert for the highest threshold crossed (`thresholds` lists every one this card announces,
 * ascending). `kind` "actual": spend reached it; "forecast": the projection crosses it on a date.
 * Dates in the channel's `locale` (Target.locale), else the default style.
 */
export function budgetAlertCard(b: BudgetLike, s: BudgetStatus, kind: "actual" | "forecast", thresholds: number[], locale?: string): NoticeReport {
  const top = thresholds[thresholds.length - 1];
  const when = formatDates(s.window.from, s.window.to, locale);
  const day = (date: string) => formatDate(date, false, locale);
  const crossing = s.forecastCrossed.find((f) => f.threshold === top);
  const title =
    kind === "actual"
      ? `Budget "${b.name}" ${top >= 100 ? "exceeded" : `passed ${top}%`}: ${money(s.spent, s.currency)} of ${money(b.amount, s.currency)}`
      : `Budget "${b.name}" is forecast to ${top >= 100 ? "exceed" : `pass ${top}%`} on ${day(crossing?.date ?? s.window.to)}`;
  const lines = [
    kind === "actual"
      ? `AI model spend (${budgetScope(b)}) ${thisPeriod(b.period)} (${when}) is ${money(s.spent, s.currency)}, ${pct(s.spent, b.amount)} of the ${money(b.amount, s.currency)} ${b.period} budget.`
      : `At the current pace, spend (${budgetScope(b)}) reaches ${money(s.projected, s.currency)} by ${day(s.window.to)}, ${pct(s.projected, b.amount)} of the ${money(b.amount, s.currency)} ${b.period} budget; ${money(s.spent, s.currency)} so far.`,
    driversLine(s),
  ];
  if (thresholds.length > 1)
    lines.push(
      `This also covers the ${thresholds
        .slice(0, -1)
        .map((t) => `${t}%`)
        .join(", ")} threshold${thresholds.length > 2 ? "s" : ""}.`,
    );
  if (kind === "actual" && s.projected > s.spent) lines.push(`Projected ${money(s.projected, s.currency)} by ${day(s.window.to)}.`);
  if (s.lastDataDate) lines.push(`Cost data through ${formatDate(s.lastDataDate, true, locale)} (Azure reports with a lag of hours).`);
  return {
    kind: "notice",
    tone: "warning",
    title,
    lines,
    fields: [
      { label: "Budget", value: `${b.name}: ${money(b.amount, s.currency)} ${b.period}` },
      { label: "Spent so far", value: money(s.spent, s.currency) },
      { label: "Projected", value: money(s.projected, s.currency) },
      { label: "Alerts at", value: b.thresholds.map((t) => `${t}%`).join(", ") },
    ],
    actions: [{ id: "budget-spend", label: "See spend", command: spendCommand(b) }],
  };
}

/** The spend question behind a budget, as a user would type it. */
function spendCommand(b: Pick<Budget, "period" | "model" | "channel">): string {
  const range = b.period === "daily" ? "today" : b.period === "weekly" ? "this week" : "this month";
  return [range, b.model, b.channel].filter(Boolean).join(" ");
}
