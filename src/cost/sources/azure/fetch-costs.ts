// Runs the canonical cost query for one scope: ActualCost/AmortizedCost, Custom period, Daily,
// grouped for classification, every page read; shrinks the grouping when Azure rejects it and
// remembers what worked per scope. Paced; no caching here (cache.ts does that).
import type { CostRow, CostType } from "../../types.js";
import type { ArmHttp } from "./client.js";
import { AzureHttpError } from "./faults.js";
import { FULL_GROUPING, lossWarning, rejectedDimensions, rejectsQuantity, smallerGrouping } from "./grouping.js";
import type { Lane, Pacer } from "./pacer.js";
import { postAllPages } from "./pages.js";
import { mapPages } from "./rows.js";
import { splitWindow, timePeriod, type DateWindow } from "./window.js";

export interface ScopeCosts {
  /** Sorted by date. */
  rows: CostRow[];
  /** Latest UsageDate Azure returned for the window (YYYY-MM-DD). */
  latestDate: string | null;
  /** When Azure answered (its Date header). */
  answeredAt: string | null;
  warnings: string[];
}

/** What a scope accepted last time, so later refreshes skip the rejected attempts. */
export interface GroupingMemory {
  grouping: string[];
  quantity: boolean;
  warnings: string[];
}

export interface FetchContext {
  http: ArmHttp;
  pacer: Pacer;
  memory: Map<string, GroupingMemory>;
  /** Pacer time, to turn Azure's "retry after" into a block. */
  pacerNow: () => number;
}

const MAX_SHRINKS = 6;

export async function fetchScopeCosts(
  ctx: FetchContext,
  scopeId: string,
  window: DateWindow,
  costType: CostType,
  lane: Lane = "interactive",
): Promise<ScopeCosts> {
  const key = scopeId.toLowerCase();
  const mem = ctx.memory.get(key) ?? { grouping: [...FULL_GROUPING], quantity: true, warnings: [] };
  const out: ScopeCosts = { rows: [], latestDate: null, answeredAt: null, warnings: [] };
  for (const piece of splitWindow(window)) {
    for (let shrinks = 0; ; shrinks++) {
      const body = queryBody(costType, piece, mem.grouping, mem.quantity);
      await ctx.pacer.acquire(key, lane);
      try {
        const url = ctx.http.url(scopeId, "providers/Microsoft.CostManagement/query", ctx.http.apiVersion);
        const result = await postAllPages(ctx.http, url, body, ctx.http.apiVersion);
        const mapped = mapPages(result.pages);
        out.rows.push(...mapped.rows);
        if (mapped.latestDate && (!out.latestDate || mapped.latestDate > out.latestDate)) out.latestDate = mapped.latestDate;
        out.answeredAt ??= result.answeredAt;
        break;
      } catch (e) {
        if (e instanceof AzureHttpError && e.status === 429 && e.retryAfterMs !== undefined) {
          ctx.pacer.block(key, ctx.pacerNow() + e.retryAfterMs);
        }
        if (!(e instanceof AzureHttpError) || e.status !== 400 || shrinks >= MAX_SHRINKS || !shrink(mem, scopeId, e.azureMessage)) throw e;
      }
    }
  }
  ctx.memory.set(key, mem);
  out.warnings.push(...mem.warnings);
  // Sorted once here so every cached answer is cut by binary search, not a scan.
  out.rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

/** Makes the remembered query smaller after a 400; false when nothing is left to drop. */
function shrink(mem: GroupingMemory, scope: string, message: string): boolean {
  if (mem.quantity && rejectsQuantity(message)) {
    mem.quantity = false;
    mem.warnings.push(`Azure Cost Management would not sum usage quantities for ${scope}: token counts are missing.`);
    return true;
  }
  let dropped = rejectedDimensions(message, mem.grouping);
  let reason = "not offered for this scope's billing agreement";
  if (dropped.length === 0) {
    const smaller = smallerGrouping(mem.grouping);
    if (!smaller) return false;
    dropped = mem.grouping.filter((d) => !smaller.includes(d));
    reason = `Azure said: ${message.split(/\r?\n/)[0].slice(0, 160)}`;
  }
  mem.grouping = mem.grouping.filter((d) => !dropped.includes(d));
  const warning = lossWarning(scope, dropped, mem.grouping, reason);
  if (warning) mem.warnings.push(warning);
  return true;
}

function queryBody(costType: CostType, w: DateWindow, grouping: readonly string[], quantity: boolean) {
  return {
    type: costType === "amortized" ? "AmortizedCost" : "ActualCost",
    timeframe: "Custom",
    timePeriod: timePeriod(w),
    dataset: {
      granularity: "Daily",
      aggregation: {
        totalCost: { name: "Cost", function: "Sum" },
        ...(quantity ? { totalQuantity: { name: "UsageQuantity", function: "Sum" } } : {}),
      },
      ...(grouping.length ? { grouping: grouping.map((name) => ({ type: "Dimension", name })) } : {}),
    },
  };
}
