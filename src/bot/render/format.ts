// Shared wording for every renderer: money, tokens, change, channel names, dates, freshness.
// Slack, Teams, text and JSON all read their words from here so they never drift apart.
// Pure and platform-free: must not import any SDK or any platform renderer.
import type { Channel } from "../../cost/types.js";
import { formatDate, formatDates, formatDay } from "../date-style.js";
import type { DateRange, GroupBy } from "../intent-types.js";
import type { SpendGroup } from "../report.js";

export { formatDate, formatDates };

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Money as people read it: `$1,234.56` for USD, `€1,234.56` / `CHF 1,234.56` via Intl for other
 * ISO codes. The report already holds cents; an unknown code is written after the number.
 */
export function formatMoney(amount: number, currency = "USD"): string {
  const code = currency.toUpperCase();
  let fmt = moneyFormats.get(code);
  if (!fmt) {
    try {
      fmt = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    } catch {
      const plain = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return `${plain.format(amount)} ${code}`;
    }
    moneyFormats.set(code, fmt);
  }
  // -0 would print as "-$0.00"
  return fmt.format(amount === 0 ? 0 : amount);
}

/** Sums cent-rounded money exactly (integer cents), never as a running float sum. */
export function sumMoney(values: Iterable<number>): number {
  let cents = 0n;
  for (const v of values) cents += BigInt(Math.round(v * 100));
  return Number(cents) / 100;
}

/** Token counts, short: 950, 1.5K, 350K, 1.2M, 12M, 3.4B. */
export function formatTokens(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  const units: Array<[number, string]> = [
    [1e3, "K"],
    [1e6, "M"],
    [1e9, "B"],
    [1e12, "T"],
  ];
  for (let i = 0; i < units.length; i++) {
    const [size, suffix] = units[i];
    const v = n / size;
    const shown = Math.abs(v) < 10 ? Math.round(v * 10) / 10 : Math.round(v);
    // 999,950 rounds to "1000K": let the next unit say "1M" instead
    if (Math.abs(shown) >= 1000 && i < units.length - 1) continue;
    return `${shown}${suffix}`;
  }
  return String(n);
}

export interface Change {
  /** "▲ 12.3%", "▼ 4.0%", "no change", or "n/a" when the previous period cost nothing. */
  text: string;
  /** "partial": the range has days without final cost data, so the change is not the last word. */
  direction: "up" | "down" | "flat" | "none" | "partial";
  /** Fractional change (0.123 = +12.3%), null when not defined. */
  ratio: number | null;
}

/** Change from `previous` to `current` (both cent-rounded money). */
export function formatChange(current: number, previous: number): Change {
  const cur = Math.round(current * 100);
  const prev = Math.round(previous * 100);
  if (prev === 0) return { text: "n/a", direction: "none", ratio: null };
  const ratio = (cur - prev) / Math.abs(prev);
  const pct = Math.abs(ratio * 100);
  const shown = pct >= 1000 ? Math.round(pct).toLocaleString("en-US") : pct.toFixed(1);
  if (shown === "0.0") return { text: "no change", direction: "flat", ratio };
  return ratio > 0 ? { text: `▲ ${shown}%`, direction: "up", ratio } : { text: `▼ ${shown}%`, direction: "down", ratio };
}

type Coverage = { from: string; to: string } | null | undefined;

/** The total's change; "so far" when a day of the range has no final cost data (never a plain ▼). */
export function totalChange(r: {
  total: number;
  previous: { total: number | null; change: number | null };
  range: { from: string; complete: boolean };
  coverage?: Coverage;
}): Change {
  // No data for the compared period: the previous line says so, there is no change to print.
  if (r.previous.total === null) return { text: "", direction: "none", ratio: null };
  // No data yet for any day of the range (it begins after the source's last day): not a ▼ 100%.
  if (r.coverage && r.range.from > r.coverage.to) return { text: "no cost data yet", direction: "none", ratio: null };
  if (r.previous.change === null) return { text: "n/a", direction: "none", ratio: null };
  const c = formatChange(r.total, r.previous.total);
  if (r.range.complete || c.direction === "none") return c;
  return { ...c, text: `${c.text} so far`, direction: "partial" };
}

/** A row's change: "▲ 12.3%", "new" (nothing before), "" when there is nothing to compare with. */
export function rowChange(cost: number, previousCost: number | undefined): string {
  if (previousCost === undefined) return "";
  if (Math.round(previousCost * 100) === 0) return Math.round(cost * 100) === 0 ? "–" : "new";
  return formatChange(cost, previousCost).text;
}

/** "▲ 12.3% from $1,099.00" for cards that show the change inline. */
export function rowChangeLine(cost: number, previousCost: number | undefined, currency: string): string {
  const c = rowChange(cost, previousCost);
  if (!c || previousCost === undefined) return "";
  return `${c} from ${formatMoney(previousCost, currency)}`;
}

/** Share of a total as "81.0%", or "–" when the total is zero. */
export function formatShare(part: number, total: number): string {
  if (Math.round(total * 100) === 0) return "–";
  return `${((part / total) * 100).toFixed(1)}%`;
}

export function channelName(channel: Channel): string {
  return channel === "microsoft" ? "Microsoft" : "Marketplace";
}

/** Microsoft-billed costs can be paid with Azure Prepayment; Marketplace costs cannot. */
export function prepaymentNote(eligible: boolean): string {
  return eligible ? "Prepayment eligible" : "not payable with Prepayment";
}

const GROUP_LABELS: Record<GroupBy, string> = {
  model: "Model",
  channel: "Channel",
  meter: "Meter",
  resource: "Resource",
  "resource-group": "Resource group",
  day: "Day",
  deployment: "Deployment",
  "deployment-type": "Deployment type",
};

export function groupByLabel(groupBy: GroupBy): string {
  return GROUP_LABELS[groupBy] ?? groupBy;
}

/**
 * The heading every card starts with: "AI model spend · This week", "AI model spend (amortized) ·
 * Last month", "... · Today so far", "... · This week (incomplete)".
 */
export function spendTitle(range: DateRange & { complete?: boolean }, costType?: string): string {
  const kind = costType === "amortized" ? "AI model spend (amortized)" : "AI model spend";
  const partial = range.complete === false && !/so far/i.test(range.label) ? " (incomplete)" : "";
  return `${kind} · ${range.label}${partial}`;
}

/** The title with its dates unless the label already is the dates: "AI model spend · This week (23–25 Nov 2026)". */
export function titleWithDates(r: { range: DateRange & { complete?: boolean }; costType?: string; locale?: string }): string {
  const dates = formatDates(r.range.from, r.range.to, r.locale);
  const title = spendTitle({ ...r.range, complete: true }, r.costType);
  const partial = r.range.complete === false && !/so far/i.test(r.range.label);
  if (r.range.label === dates) return partial ? `${title} (incomplete)` : title;
  return `${title} (${dates}${partial ? ", incomplete" : ""})`;
}

/** How a group's key reads on a card: days as "Wed 25 Nov", everything else as it is. */
export function groupKeyLabel(groupBy: GroupBy, key: string, locale?: string): string {
  return groupBy === "day" && /^\d{4}-\d\d-\d\d$/.test(key) ? formatDay(key, locale) : key;
}

/** "Data as of 27 Nov 2025 06:00 UTC (source: demo data)"; dates shown in UTC. */
export function freshnessLine(dataAsOf: string | null, source: string, locale?: string): string {
  const when = dataAsOf ? new Date(dataAsOf) : null;
  if (!when || Number.isNaN(when.getTime())) return `Data freshness unknown (source: ${source})`;
  const iso = when.toISOString();
  return `Data as of ${formatDate(iso.slice(0, 10), true, locale)} ${iso.slice(11, 16)} UTC (source: ${source})`;
}

/**
 * "vs 17–20 Nov 2025 ($1,099.00)"; "no data for the quarter before (data begins 31 Aug 2026)" when
 * the source holds none of the compared period (its total is null, never a real $0.00).
 */
export function previousLine(
  previous: { from: string; to: string; label: string; total: number | null },
  currency: string,
  coverage?: Coverage,
  locale?: string,
): string {
  if (previous.total !== null) return `vs ${formatDates(previous.from, previous.to, locale)} (${formatMoney(previous.total, currency)})`;
  const what = previous.label.charAt(0).toLowerCase() + previous.label.slice(1);
  const edge = !coverage
    ? ""
    : previous.to < coverage.from
      ? ` (data begins ${formatDate(coverage.from, true, locale)})`
      : ` (data ends ${formatDate(coverage.to, true, locale)})`;
  return `no data for ${what}${edge}`;
}

/** "Filtered to Marketplace, model gpt-4o", or "" when unfiltered. */
export function filterLine(filters: { model?: string; channel?: Channel }): string {
  const bits: string[] = [];
  if (filters.channel) bits.push(channelName(filters.channel));
  if (filters.model) bits.push(`model ${filters.model}`);
  return bits.length ? `Filtered to ${bits.join(", ")}` : "";
}

export function otherCostLine(otherCost: number, currency: string): string {
  return `Other costs in scope: ${formatMoney(otherCost, currency)} (Log Analytics, storage, ...; not in the total)`;
}

/** Tokens of one group as "1.2M in / 300K out", "hourly (PTU)" when only hourly billed. */
export function tokensLine(g: { inputTokens: number; outputTokens: number; hourly: boolean }): string {
  const tokens = g.inputTokens + g.outputTokens;
  if (g.hourly && tokens === 0) return "hourly (PTU)";
  const base = `${formatTokens(g.inputTokens)} in / ${formatTokens(g.outputTokens)} out`;
  return g.hourly ? `${base} + hourly (PTU)` : base;
}

/**
 * What a group's token columns cannot say: the cached part of input, usage that is not tokens
 * ("1.2K images", "744 hours"), and a meter costbot could not place. "" when there is nothing.
 */
export function groupNote(
  g: Pick<SpendGroup, "cachedInputTokens" | "otherUsage" | "recognised" | "model" | "deploymentType" | "modelVersion" | "allocated">,
): string {
  const bits: string[] = [];
  // By deployment: which model, deployment type and model version each row is (from the deployments list).
  if (g.allocated) {
    if (g.model) bits.push(g.model);
    bits.push(!g.deploymentType || g.deploymentType === "unknown" ? "type unknown" : g.deploymentType);
    if (g.modelVersion) bits.push(`version ${g.modelVersion}`);
  }
  if (g.cachedInputTokens > 0) bits.push(`${formatTokens(g.cachedInputTokens)} cached`);
  for (const [unit, n] of Object.entries(g.otherUsage ?? {})) bits.push(`${n < 10 && n % 1 ? n.toFixed(1) : formatTokens(n)} ${unit}`);
  if (g.recognised === false) bits.push("unrecognised meter");
  return bits.join(" · ");
}

/** "3 more: $12.00"; "12 earlier days: $40.00" when the oldest days of a by-day list roll up. */
export function moreLine(count: number, cost: number, currency: string, earlier = false): string {
  return earlier ? `${count} earlier day${count === 1 ? "" : "s"}: ${formatMoney(cost, currency)}` : `${count} more: ${formatMoney(cost, currency)}`;
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - 1)) + "…";
}
