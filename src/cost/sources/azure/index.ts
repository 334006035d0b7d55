// The live Azure Cost Management source: one cached, coalesced, paced query per scope, from which
// every asked range is cut locally; plus forecast and budgets. The only entry point to this folder.
import { utcDate } from "../../../base/dates.js";
import { CostbotError } from "../../../base/errors.js";
import type { CostQuery, CostResult, CostRow, CostType } from "../../types.js";
import { BUDGETS_API_VERSION, budgetsFor, fetchBudgets } from "./budgets.js";
import { createWindowCache, type CacheAnswer } from "./cache.js";
import { createArmHttp } from "./client.js";
import { fetchScopeCosts, type FetchContext, type GroupingMemory, type ScopeCosts } from "./fetch-costs.js";
import { fetchForecast, type FetchedForecast } from "./forecast.js";
import { forecastFor } from "./forecast-answer.js";
import { AzureHttpError, toCostbotError } from "./faults.js";
import { coverageOf, dataAsOf, staleWarning } from "./freshness.js";
import { createPacer } from "./pacer.js";
import { checkPlan, DEFAULT_MAX_HISTORY_QUERIES, mergeAnswers, planQuery } from "./plan.js";
import { rowsBetween } from "./rows.js";
import { planScopes, scopeWarnings } from "./scopes.js";
import type { AzureCostSource, AzureCostSourceOptions, BudgetInfo } from "./types.js";
import { canonicalWindow, monthOf, type DateWindow } from "./window.js";

export type * from "./types.js";

const HOUR = 3_600_000;

export function createAzureCostSource(opts: AzureCostSourceOptions): AzureCostSource {
  const { scopes, warnings: planWarnings } = planScopes(opts.scopes);
  const clock = opts.clock ?? (() => new Date());
  const log = opts.logger;
  const pacerNow = opts.pacerNow ?? (() => performance.now());
  const http = createArmHttp({
    endpoint: opts.endpoint,
    credential: opts.credential,
    staticToken: opts.staticToken,
    apiVersion: opts.apiVersion,
    retry: {
      ...opts.retry,
      onRetry: (info) => {
        log?.warn({ ...info }, "azure: retrying");
        opts.retry?.onRetry?.(info);
      },
    },
  });
  const ctx: FetchContext = {
    http,
    pacer: createPacer({ perMinute: opts.queriesPerMinute, now: pacerNow, sleep: opts.sleep }),
    memory: new Map<string, GroupingMemory>(),
    pacerNow,
  };
  const cacheOpts = {
    ttlMs: opts.cacheTtlMs ?? 4 * HOUR,
    staleMaxMs: opts.staleMaxMs ?? 72 * HOUR,
    failureHoldMs: opts.failureHoldMs ?? 30_000,
    now: () => clock().getTime(),
  };
  const costCache = createWindowCache<ScopeCosts>(cacheOpts);
  const forecastCache = createWindowCache<FetchedForecast>(cacheOpts);
  const budgetCache = createWindowCache<BudgetInfo[]>(cacheOpts);
  const queryIds = [...new Map(scopes.map((s) => [s.queryId.toLowerCase(), s.queryId])).values()];
  const defaultType: CostType = opts.costType ?? "actual";

  /**
   * One queried scope's costs covering `wanted`: the recent part from the canonical window (the
   * interactive lane), anything older as its own history window (the backfill lane), so a long
   * history never holds up the recent questions, digests and budget checks.
   */
  async function scopeCosts(id: string, wanted: DateWindow, costType: CostType): Promise<CacheAnswer<ScopeCosts>> {
    const plan = planQuery(wanted, clock());
    const group = `${id.toLowerCase()}|${costType}`;
    try {
      // A group of its own: a failing history read must not hold up (or fail) the recent window.
      const history =
        plan.history &&
        costCache.get(`${group}|history`, plan.history, {
          window: plan.history,
          run: () => fetchScopeCosts(ctx, id, plan.history!, costType, "backfill"),
        });
      if (!plan.recent) return await history!;
      const window = canonicalWindow(plan.recent, clock());
      const recent = costCache.get(group, plan.recent, { window, run: () => fetchScopeCosts(ctx, id, window, costType) });
      if (!history) return await recent;
      const [h, r] = await Promise.all([history, recent]);
      return mergeAnswers(h, r);
    } catch (e) {
      throw toCostbotError(e, id, "the cost query");
    }
  }

  const source: AzureCostSource = {
    name: `Azure (${scopes.length} scope${scopes.length === 1 ? "" : "s"})`,

    async query(q: CostQuery): Promise<CostResult> {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(q.from) || !/^\d{4}-\d{2}-\d{2}$/.test(q.to) || q.from > q.to) {
        throw new CostbotError(`Not a date range: ${q.from} to ${q.to}.`, "BAD_INPUT");
      }
      const costType = q.costType ?? defaultType;
      const wanted = { from: q.from, to: q.to };
      // Refused before any query: a range needing many windowed queries would hold the scope's queue.
      checkPlan(planQuery(wanted, clock()), wanted, {
        max: opts.maxHistoryQueries ?? DEFAULT_MAX_HISTORY_QUERIES,
        perMinute: opts.queriesPerMinute ?? 3,
        scopes: queryIds.length,
        now: clock(),
      });
      const answers = new Map<string, CacheAnswer<ScopeCosts>>();
      const failures: Error[] = [];
      await Promise.all(
        queryIds.map((id) =>
          scopeCosts(id, wanted, costType).then(
            (a) => void answers.set(id.toLowerCase(), a),
            (e) => void failures.push(e),
          ),
        ),
      );
      // One failing scope should not silence the others; a total that misses a scope says so.
      if (answers.size === 0) throw failures[0];
      let rows: CostRow[] = [];
      const warnings = new Set(planWarnings);
      failures.forEach((e) => {
        warnings.add(`Missing from these totals: ${e.message}`);
        log?.warn({ err: e.message }, "azure: a scope is missing from an answer");
      });
      for (const s of scopes) {
        const answer = answers.get(s.queryId.toLowerCase());
        if (!answer) continue;
        const inRange = rowsBetween(answer.value.rows, q.from, q.to);
        const filter = s.resourceFilter;
        rows = rows.concat(filter ? inRange.filter((r) => inResource(r.resourceId, filter)) : inRange);
        scopeWarnings(s).forEach((w) => warnings.add(w));
      }
      for (const [id, answer] of answers) {
        answer.value.warnings.forEach((w) => warnings.add(w));
        if (answer.staleBecause !== undefined) {
          warnings.add(staleWarning(id, answer, clock()));
          log?.warn({ scope: id, err: String(answer.staleBecause) }, "azure: answering from cached data");
        }
      }
      const values = [...answers.values()].map((a) => a.value);
      return { rows, dataAsOf: dataAsOf(values), warnings: [...warnings], coverage: coverageOf(values) };
    },

    forecast(range) {
      const w = range ? { from: range.from, to: range.to } : monthOf(clock());
      const costType = range?.costType ?? defaultType;
      return forecastFor({
        ids: queryIds,
        window: w,
        warnings: planWarnings,
        load: (id) => forecastCache.get(`${id.toLowerCase()}|${costType}`, w, { window: w, run: () => fetchForecast(ctx, id, w, costType) }),
        actualSoFar: async (id) => {
          const today = utcDate(clock());
          const upTo = { from: w.from, to: w.to < today ? w.to : today };
          return upTo.from > upTo.to ? [] : rowsBetween((await scopeCosts(id, upTo, costType)).value.rows, upTo.from, upTo.to);
        },
        fail: (e, id) => (e instanceof AzureHttpError && e.status === 424 ? undefined : toCostbotError(e, id, "the forecast")),
      });
    },

    budgets() {
      return budgetsFor(
        queryIds,
        planWarnings,
        (id) =>
          budgetCache.get(
            id.toLowerCase(),
            { from: "", to: "" },
            {
              window: { from: "", to: "" },
              run: () => fetchBudgets(http, id, id, opts.budgetsApiVersion ?? BUDGETS_API_VERSION),
            },
          ),
        clock,
      );
    },

    stats() {
      const caches = [costCache.stats, forecastCache.stats, budgetCache.stats];
      const sum = (k: keyof typeof costCache.stats) => caches.reduce((n, s) => n + s[k], 0);
      return {
        httpRequests: http.attempts,
        cacheHits: sum("hits"),
        coalesced: sum("coalesced"),
        loads: sum("loads"),
        staleAnswers: sum("staleAnswers"),
      };
    },
  };
  return source;
}

function inResource(resourceId: string, filter: string): boolean {
  const id = resourceId.toLowerCase();
  return id === filter || id.startsWith(filter + "/");
}
