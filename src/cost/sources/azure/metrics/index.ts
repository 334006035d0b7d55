// The Azure usage-metrics source: AI accounts and deployments discovered through ARM once a day,
// daily token and request totals through the Azure Monitor batch API, cached for a few minutes
// (one refresh covers the last five weeks; ranges are cut locally). Both behind the shared cache
// idiom (../../cached.ts: lru-cache with a TTL, concurrent asks share one fetch, failures not kept).
import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { shiftDays, utcDate } from "../../../../base/dates.js";
import type { MetricsQuery, MetricsResult, MetricsSource } from "../../../metrics/types.js";
import { createMemo } from "../../cached.js";
import { planScopes } from "../scopes.js";
import { createMetricsClients, type MetricsClients } from "./clients.js";
import { discoverAccounts, type Discovery } from "./discover.js";
import { fetchMetrics, type FetchedMetrics } from "./fetch.js";

const DAY = 86_400_000;
/** Days one refresh reads, so this week, this month and the rate history share it. */
const WINDOW_DAYS = 35;

export interface AzureMetricsOptions {
  scopes: string[];
  endpoint?: string;
  credential?: TokenCredential;
  staticToken?: string;
  clock?: () => Date;
  /** How long read metrics are reused (default 5 min: Azure Monitor lags a few minutes). */
  ttlMs?: number;
  /** How long the account and deployment lists are reused (default a day). */
  discoveryTtlMs?: number;
  /** Tests without a server: the SDKs' transport seam (real endpoints and auth kept). */
  httpClient?: HttpClient;
}

export interface AzureMetricsSource extends MetricsSource {
  /** HTTP requests sent so far (benchmarks, tests). */
  readonly requests: number;
}

export function createAzureMetricsSource(opts: AzureMetricsOptions): AzureMetricsSource {
  const { scopes } = planScopes(opts.scopes);
  const clock = opts.clock ?? (() => new Date());
  const nowMs = () => clock().getTime();
  const clients: MetricsClients = createMetricsClients(opts);
  const discovery = createMemo<Discovery>(() => discoverAccounts(clients, scopes), { ttlMs: opts.discoveryTtlMs ?? DAY, nowMs, max: 1 });
  /** Read metrics by the first day they cover (the window's start, or an earlier asked date). */
  const windows = createMemo<FetchedMetrics & { asOf: string }, { from: string; now: Date; accounts: Discovery["accounts"] }>(
    async ({ from, now, accounts }) => ({ ...(await fetchMetrics(clients, accounts, from, utcDate(now), now)), asOf: now.toISOString() }),
    { ttlMs: opts.ttlMs ?? 5 * 60_000, nowMs },
  );

  return {
    name: `Azure Monitor (${scopes.length} scope${scopes.length === 1 ? "" : "s"})`,
    get requests() {
      return clients.requests;
    },
    async usage(q: MetricsQuery): Promise<MetricsResult> {
      const d = await discovery.get("", undefined);
      const now = clock();
      const earliest = shiftDays(utcDate(now), -(WINDOW_DAYS - 1));
      const from = q.from < earliest ? q.from : earliest;
      const m = await windows.get(from, { from, now, accounts: d.accounts });
      const inRange = <T extends { date: string }>(rows: T[]) => rows.filter((r) => r.date >= q.from && r.date <= q.to);
      return {
        usage: inRange(m.usage),
        requests: inRange(m.requests),
        deployments: d.accounts.flatMap((a) => a.deployments),
        asOf: m.asOf,
        warnings: [...d.warnings, ...m.warnings],
      };
    },
  };
}
