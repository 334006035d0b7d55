// Shared wording of the digest card (title, change lines, budgets, movers, restatements), so the
// text, Slack and Teams renderings say the same thing. Pure; must not import any platform SDK.
import type { DigestBudget, DigestMover, DigestReport } from "../report.js";
import { formatDay } from "../date-style.js";
import { channelName, formatChange, formatDate, formatDates, formatMoney } from "./format.js";

/** "Wed 26 Nov" (in the digest's locale). */
const dayName = (date: string, locale?: string) => formatDay(date, locale);

/** "Daily AI spend digest · Wed 26 Nov 2025" (the reporting day, not the sending day). */
export function digestTitle(r: DigestReport): string {
  return `${r.cadence === "weekly" ? "Weekly" : "Daily"} AI spend digest · ${formatDay(r.day.date, r.locale, true)}`;
}

/** "Yesterday", or "Sun 29 Nov so far" while the reported day's cost data is not final. */
export function dayLabel(r: DigestReport): string {
  return r.day.complete === false ? `${dayName(r.day.date, r.locale)} so far` : "Yesterday";
}

/** The one-line summary used as notification text and the Teams headline. */
export function digestHeadline(r: DigestReport): string {
  return `${digestTitle(r)}: ${formatMoney(r.day.total, r.currency)} ${dayLabel(r) === "Yesterday" ? "yesterday" : "so far"} (${formatChange(r.day.total, r.day.dayBefore.total).text}), ${formatMoney(r.monthToDate.total, r.currency)} month to date`;
}

/** "▲ 12.3% vs Tue 25 Nov ($1,099.00)". */
export function comparisonLine(r: DigestReport, which: "dayBefore" | "weekBefore"): string {
  const other = r.day[which];
  return `${formatChange(r.day.total, other.total).text} vs ${dayName(other.date, r.locale)} (${formatMoney(other.total, r.currency)})`;
}

export function monthToDateLine(r: DigestReport): string {
  return `${formatMoney(r.monthToDate.total, r.currency)} (${formatDates(r.monthToDate.from, r.monthToDate.to, r.locale)})`;
}

export function forecastLine(r: DigestReport): string {
  return `${formatMoney(r.forecast.projected, r.currency)} by ${formatDate(r.forecast.to, false, r.locale)}`;
}

export function sourceForecastLine(f: NonNullable<DigestReport["sourceForecast"]>): string {
  return `${f.note}: ${formatMoney(f.projected, f.currency)}`;
}

/** "monthly (gpt-4o): $3,000.00 of $5,000.00 (60%), 1–26 Nov 2025". */
export function budgetLine(b: DigestBudget, currency: string, locale?: string): string {
  const filter = [b.model, b.channel && channelName(b.channel)].filter(Boolean).join(", ");
  const pct = `${Math.round(b.ratio * 100)}%`;
  return `${b.name}${filter ? ` (${filter})` : ""}: ${formatMoney(b.spent, currency)} of ${formatMoney(b.amount, currency)} (${pct}), ${formatDates(b.from, b.to, locale)}`;
}

export function budgetMark(b: DigestBudget): "over" | "near" | "ok" {
  return b.ratio >= 1 ? "over" : b.ratio >= 0.8 ? "near" : "ok";
}

/** "gpt-4o (Microsoft): $500.00, ▲ $200.00 vs 7-day average $300.00". */
export function moverLine(m: DigestMover, currency: string): string {
  const name = m.kind === "channel" ? channelName(m.key as "microsoft" | "marketplace") : m.key;
  const tag = m.kind === "model" && m.channel ? ` (${channelName(m.channel)})` : "";
  const arrow = m.change > 0 ? "▲" : m.change < 0 ? "▼" : "±";
  return `${name}${tag}: ${formatMoney(m.cost, currency)}, ${arrow} ${formatMoney(Math.abs(m.change), currency)} vs 7-day average ${formatMoney(m.average, currency)}`;
}

export function restatedLine(x: DigestReport["restated"][number], currency: string, locale?: string): string {
  return `Azure restated ${dayName(x.date, locale)}: ${formatMoney(x.before, currency)} → ${formatMoney(x.now, currency)}`;
}

/** "Billed failed requests on 25 Nov: 13,120 of 90,214 (14.5%), ≈ $12.34 (Azure charges 400 and 408)". */
export function failuresLine(f: NonNullable<DigestReport["failures"]>, currency: string, locale?: string): string {
  const share = f.requests ? ` (${((100 * f.billedRequests) / f.requests).toFixed(1)}%)` : "";
  return `Billed failed requests on ${formatDate(f.date, false, locale)}: ${f.billedRequests.toLocaleString("en-US")} of ${f.requests.toLocaleString("en-US")}${share}, ≈ ${formatMoney(f.estimatedCost, currency)} (Azure charges 400 and 408 it processed; see "errors yesterday")`;
}
