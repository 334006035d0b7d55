// The digest card's words: title, yesterday and its comparisons, month to date, forecast, budgets,
// movers, restatements and billed failures, as a platform-neutral WordedCard that bot/render draws
// for Slack, Teams and text. The report itself (report.ts) stays the JSON data.
// Pure; must not import any platform SDK.
import { formatDay } from "../bot/date-style.js";
import { channelName, formatChange, formatDate, formatDates, formatMoney, freshnessLine, prepaymentNote } from "../bot/render/format.js";
import type { Tone, WordedCard, WordedList } from "../bot/render/worded.js";
import type { DigestBudget, DigestMover, DigestReport } from "./report.js";

/** "Wed 26 Nov" (in the digest's locale). */
const dayName = (date: string, locale?: string) => formatDay(date, locale);

/** "Daily AI spend digest · Wed 26 Nov 2025" (the reporting day, not the sending day). */
function digestTitle(r: DigestReport): string {
  return `${r.cadence === "weekly" ? "Weekly" : "Daily"} AI spend digest · ${formatDay(r.day.date, r.locale, true)}`;
}

/** "Yesterday", or "Sun 29 Nov so far" while the reported day's cost data is not final. */
function dayLabel(r: DigestReport): string {
  return r.day.complete === false ? `${dayName(r.day.date, r.locale)} so far` : "Yesterday";
}

/** The one-line summary used as notification text and the Teams headline. */
function digestHeadline(r: DigestReport): string {
  return `${digestTitle(r)}: ${formatMoney(r.day.total, r.currency)} ${dayLabel(r) === "Yesterday" ? "yesterday" : "so far"} (${formatChange(r.day.total, r.day.dayBefore.total).text}), ${formatMoney(r.monthToDate.total, r.currency)} month to date`;
}

/** "▲ 12.3% vs Tue 25 Nov ($1,099.00)". */
function comparisonLine(r: DigestReport, which: "dayBefore" | "weekBefore"): string {
  const other = r.day[which];
  return `${formatChange(r.day.total, other.total).text} vs ${dayName(other.date, r.locale)} (${formatMoney(other.total, r.currency)})`;
}

const monthToDateLine = (r: DigestReport) =>
  `${formatMoney(r.monthToDate.total, r.currency)} (${formatDates(r.monthToDate.from, r.monthToDate.to, r.locale)})`;

const forecastLine = (r: DigestReport) => `${formatMoney(r.forecast.projected, r.currency)} by ${formatDate(r.forecast.to, false, r.locale)}`;

const sourceForecastLine = (f: NonNullable<DigestReport["sourceForecast"]>) => `${f.note}: ${formatMoney(f.projected, f.currency)}`;

/** "monthly (gpt-4o): $3,000.00 of $5,000.00 (60%), 1–26 Nov 2025". */
function budgetLine(b: DigestBudget, currency: string, locale?: string): string {
  const filter = [b.model, b.channel && channelName(b.channel)].filter(Boolean).join(", ");
  const pct = `${Math.round(b.ratio * 100)}%`;
  return `${b.name}${filter ? ` (${filter})` : ""}: ${formatMoney(b.spent, currency)} of ${formatMoney(b.amount, currency)} (${pct}), ${formatDates(b.from, b.to, locale)}`;
}

const budgetMark = (b: DigestBudget) => (b.ratio >= 1 ? "over" : b.ratio >= 0.8 ? "near" : "ok");

/** "gpt-4o (Microsoft): $500.00, ▲ $200.00 vs 7-day average $300.00". */
function moverLine(m: DigestMover, currency: string): string {
  const name = m.kind === "channel" ? channelName(m.key as "microsoft" | "marketplace") : m.key;
  const tag = m.kind === "model" && m.channel ? ` (${channelName(m.channel)})` : "";
  const arrow = m.change > 0 ? "▲" : m.change < 0 ? "▼" : "±";
  return `${name}${tag}: ${formatMoney(m.cost, currency)}, ${arrow} ${formatMoney(Math.abs(m.change), currency)} vs 7-day average ${formatMoney(m.average, currency)}`;
}

const restatedLine = (x: DigestReport["restated"][number], currency: string, locale?: string) =>
  `Azure restated ${dayName(x.date, locale)}: ${formatMoney(x.before, currency)} → ${formatMoney(x.now, currency)}`;

/** "Billed failed requests on 25 Nov: 13,120 of 90,214 (14.5%), ≈ $12.34 (Azure charges 400 and 408)". */
function failuresLine(f: NonNullable<DigestReport["failures"]>, currency: string, locale?: string): string {
  const share = f.requests ? ` (${((100 * f.billedRequests) / f.requests).toFixed(1)}%)` : "";
  return `Billed failed requests on ${formatDate(f.date, false, locale)}: ${f.billedRequests.toLocaleString("en-US")} of ${f.requests.toLocaleString("en-US")}${share}, ≈ ${formatMoney(f.estimatedCost, currency)} (Azure charges 400 and 408 it processed; see "errors yesterday")`;
}

const CHANGE_TONES: Record<string, Tone> = { up: "rise", down: "fall" };

export function digestCard(r: DigestReport): WordedCard {
  const money = (n: number) => formatMoney(n, r.currency);
  const lists: WordedList[] = [];
  if (r.budgets.length)
    lists.push({ title: "Budgets", items: r.budgets.map((b) => ({ text: budgetLine(b, r.currency, r.locale), mark: budgetMark(b) })) });
  if (r.movers.length) lists.push({ title: "Top movers", items: r.movers.map((m) => ({ text: moverLine(m, r.currency) })) });
  return {
    title: digestTitle(r),
    headline: digestHeadline(r),
    figure: {
      label: dayLabel(r),
      value: money(r.day.total),
      notes: [
        { text: comparisonLine(r, "dayBefore"), tone: CHANGE_TONES[formatChange(r.day.total, r.day.dayBefore.total).direction] ?? "steady" },
        { text: comparisonLine(r, "weekBefore"), tone: "subtle" },
      ],
      parts: r.channels.map((c) => ({ label: channelName(c.channel), value: money(c.cost), detail: prepaymentNote(c.prepaymentEligible) })),
    },
    fields: [
      { label: "Month to date", value: monthToDateLine(r) },
      {
        label: "Month-end forecast",
        value: forecastLine(r),
        ...(r.sourceForecast ? { more: { label: "Azure", text: sourceForecastLine(r.sourceForecast) } } : {}),
      },
    ],
    lists,
    notes: [
      ...r.restated.map((x) => ({ text: restatedLine(x, r.currency, r.locale), tone: "info" as const })),
      ...(r.failures ? [{ text: failuresLine(r.failures, r.currency, r.locale), tone: "warning" as const }] : []),
    ],
    freshness: freshnessLine(r.dataAsOf, r.source, r.locale),
    warnings: r.warnings,
  };
}
