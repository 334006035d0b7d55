// The Azure usage-metrics source: AI accounts and deployments discovered through ARM once a day,
// daily token and request totals through the Azure Monitor batch API, cached for a few minutes
// (one refresh covers the last five weeks; ranges are cut locally), concurrent asks coalesced.
import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import type { MetricsQuery, MetricsResult, MetricsSource } from "../../../metrics/types.js";
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

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export function createAzureMetricsSource(opts: AzureMetricsOptions): AzureMetricsSource {
  const { scopes } = planScopes(opts.scopes);
  const clock = opts.clock ?? (() => new Date());
  const clients: MetricsClients = createMetricsClients(opts);
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const discoveryTtl = opts.discoveryTtlMs ?? DAY;
  let discovery: Entry<Discovery> | null = null;
  const windows = new Map<string, Entry<FetchedMetrics & { asOf: string }>>();

  /** A cached promise, dropped on failure so the next ask retries. */
  function cached<T>(get: () => Entry<T> | null | undefined, set: (e: Entry<T> | null) => void, maxAge: number, load: () => Promise<T>): Promise<T> {
    const now = clock().getTime();
    const hit = get();
    if (hit && now - hit.at < maxAge) return hit.value;
    const value = load();
    set({ at: now, value });
    value.catch(() => set(null));
    return value;
  }

  return {
    name: `Azure Monitor (${scopes.length} scope${scopes.length === 1 ? "" : "s"})`,
    get requests() {
      return clients.requests;
    },
    async usage(q: MetricsQuery): Promise<MetricsResult> {
      const d = await cached(
        () => discovery,
        (e) => (discovery = e),
        discoveryTtl,
        () => discoverAccounts(clients, scopes),
      );
      const now = clock();
      const today = now.toISOString().slice(0, 10);
      const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - (WINDOW_DAYS - 1) * DAY).toISOString().slice(0, 10);
      const from = q.from < earliest ? q.from : earliest;
      const m = await cached(
        () => windows.get(from),
        (e) => (e ? windows.set(from, e) : windows.delete(from)),
        ttl,
        async () => ({
          ...(await fetchMetrics(clients, d.accounts, from, today, now)),
          asOf: now.toISOString(),
        }),
      );
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
