// Spend reports computed once per question per minute, shared by every platform and every asker:
// a channel pressing the same button, or fifty people asking "this week", cost one aggregation.
// Concurrent identical questions share one computation. Holds plain reports; no platform imports.
import type { SpendIntent } from "./intent-types.js";
import type { Report } from "./report.js";

/** Cost data refreshes a few times a day and every card says how fresh it is: a minute is safe. */
const REPORT_TTL_MS = 60_000;
const MAX_ENTRIES = 500;

export interface ReportCache {
  get(intent: SpendIntent, tz: string, compute: () => Promise<Report>): Promise<Report>;
}

export function createReportCache(nowMs: () => number, ttlMs = REPORT_TTL_MS): ReportCache {
  const entries = new Map<string, { until: number; report: Promise<Report> }>();
  return {
    get(intent, tz, compute) {
      // The intent carries its resolved dates, so "today" turns over at midnight whatever the TTL.
      const key = `${tz}\u0000${JSON.stringify(intent)}`;
      const now = nowMs();
      const hit = entries.get(key);
      if (hit && now < hit.until) return hit.report.then((r) => structuredClone(r));
      const report = compute();
      entries.set(key, { until: now + ttlMs, report });
      // Errors and failures are answered once, never remembered: the next ask tries again.
      report.then(
        (r) => r.kind === "error" && entries.delete(key),
        () => entries.delete(key),
      );
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      return report.then((r) => structuredClone(r));
    },
  };
}
