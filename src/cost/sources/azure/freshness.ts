// How fresh an answer is, in Azure's own terms: dataAsOf and coverage from the usage dates Azure
// returned, and the warning shown when cached data answers because Azure did not. Pure; no SDK imports.
import { CostbotError } from "../../../base/errors.js";
import type { CacheAnswer } from "./cache.js";
import { AzureHttpError } from "./faults.js";
import type { ScopeCosts } from "./fetch-costs.js";

const HOUR = 3_600_000;

/**
 * dataAsOf: the start (00:00 UTC) of the latest usage date Azure returned — the query API states
 * no refresh time, and every day before that one is in the data. The least fresh scope wins.
 * With no rows at all, when Azure answered (its Date header).
 */
export function dataAsOf(costs: Pick<ScopeCosts, "latestDate" | "answeredAt">[]): string | null {
  const dated = costs.map((c) => (c.latestDate ? `${c.latestDate}T00:00:00Z` : c.answeredAt)).filter((d): d is string => Boolean(d));
  if (dated.length === 0) return null;
  return dated.sort()[0];
}

/**
 * coverage: Azure states neither where a scope's data begins nor how long it keeps it, so costbot
 * says what Azure returned: from the earliest usage date of any scope's answer (no cost of any
 * kind before it, in what was read) to the latest date of the least fresh scope (as dataAsOf).
 * null when no scope returned a row: unknown, not empty.
 */
export function coverageOf(costs: Pick<ScopeCosts, "rows" | "latestDate">[]): { from: string; to: string } | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const c of costs) {
    if (!c.latestDate || c.rows.length === 0) continue;
    for (const r of c.rows) if (from === null || r.date < from) from = r.date;
    if (to === null || c.latestDate < to) to = c.latestDate;
  }
  return from && to ? { from, to } : null;
}

export function staleWarning(scope: string, answer: CacheAnswer<unknown>, now: Date): string {
  const e = answer.staleBecause;
  const why =
    e instanceof AzureHttpError
      ? `HTTP ${e.status}`
      : e instanceof CostbotError
        ? e.code
        : (e as Error)?.name === "AbortError"
          ? "timed out"
          : "unreachable";
  const hours = Math.max(0, (now.getTime() - answer.storedAt) / HOUR);
  const age = hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`;
  return `Azure Cost Management did not answer for ${scope} (${why}): showing data fetched ${age} ago (${new Date(answer.storedAt).toISOString()}).`;
}
