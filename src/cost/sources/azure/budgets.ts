// Reads the Azure budgets defined on each scope (Consumption budgets API: every scope kind, one list
// call) as exact amounts with their alert thresholds. Not paced: budgets are not the query quota.
import { parseAmount } from "../../money.js";
import type { CacheAnswer } from "./cache.js";
import type { ArmHttp } from "./client.js";
import { toCostbotError } from "./faults.js";
import { staleWarning } from "./freshness.js";
import { getAllValues } from "./pages.js";
import type { BudgetInfo, BudgetNotification, BudgetsResult } from "./types.js";

export const BUDGETS_API_VERSION = "2024-08-01";

export async function fetchBudgets(http: ArmHttp, scope: string, queryScope: string, apiVersion: string): Promise<BudgetInfo[]> {
  const url = http.url(queryScope, "providers/Microsoft.Consumption/budgets", apiVersion);
  const values = await getAllValues(http, url, apiVersion);
  return values.map((v) => toBudget(scope, v as RawBudget));
}

/** Budgets of every scope; a scope that fails is named in a warning unless all fail. */
export async function budgetsFor(
  ids: string[],
  planWarnings: string[],
  load: (id: string) => Promise<CacheAnswer<BudgetInfo[]>>,
  clock: () => Date,
): Promise<BudgetsResult> {
  const lists = await Promise.all(
    ids.map(async (id) => {
      try {
        const answer = await load(id);
        const warning = answer.staleBecause !== undefined ? staleWarning(id, answer, clock()) : undefined;
        return { budgets: answer.value, warning, error: undefined };
      } catch (e) {
        return { budgets: [], warning: undefined, error: toCostbotError(e, id, "reading budgets") };
      }
    }),
  );
  const errors = lists.flatMap((l) => (l.error ? [l.error] : []));
  if (errors.length === lists.length) throw errors[0];
  const warnings = [...planWarnings, ...lists.flatMap((l) => (l.warning ? [l.warning] : [])), ...errors.map((e) => `Budgets missing: ${e.message}`)];
  return { budgets: lists.flatMap((l) => l.budgets), warnings };
}

interface RawBudget {
  id?: string;
  name?: string;
  properties?: {
    category?: string;
    amount?: number | string;
    timeGrain?: string;
    timePeriod?: { startDate?: string; endDate?: string };
    filter?: unknown;
    currentSpend?: { amount?: number | string; unit?: string };
    forecastSpend?: { amount?: number | string; unit?: string };
    notifications?: Record<string, RawNotification>;
  };
}

interface RawNotification {
  enabled?: boolean;
  operator?: string;
  threshold?: number | string;
  thresholdType?: string;
  contactEmails?: string[];
  contactGroups?: string[];
  contactRoles?: string[];
}

function toBudget(scope: string, raw: RawBudget): BudgetInfo {
  const p = raw.properties ?? {};
  const amountOf = (v: number | string | undefined) => (v === undefined || v === null ? null : parseAmount(String(v)));
  // A notification without a numeric threshold is not an alert level: never shown as "0%".
  const notifications: BudgetNotification[] = Object.entries(p.notifications ?? {}).flatMap(([name, n]) => {
    const threshold = thresholdOf(n.threshold);
    return threshold === null
      ? []
      : [
          {
            name,
            enabled: n.enabled !== false,
            operator: n.operator ?? "GreaterThan",
            threshold,
            // Azure omits thresholdType on older budgets; those alert on actual cost.
            thresholdType: /forecast/i.test(n.thresholdType ?? "") ? "Forecasted" : "Actual",
            contactEmails: n.contactEmails ?? [],
            contactGroups: n.contactGroups ?? [],
            contactRoles: n.contactRoles ?? [],
          },
        ];
  });
  return {
    scope,
    id: raw.id ?? "",
    name: raw.name ?? "",
    category: p.category ?? "Cost",
    amount: amountOf(p.amount) ?? 0n,
    timeGrain: p.timeGrain ?? "",
    startDate: p.timePeriod?.startDate?.slice(0, 10) ?? null,
    endDate: p.timePeriod?.endDate?.slice(0, 10) ?? null,
    currentSpend: amountOf(p.currentSpend?.amount),
    forecastSpend: amountOf(p.forecastSpend?.amount),
    currency: p.currentSpend?.unit ?? p.forecastSpend?.unit ?? null,
    notifications,
    filtered: hasFilter(p.filter),
  };
}

function hasFilter(filter: unknown): boolean {
  if (!filter || typeof filter !== "object") return false;
  return Object.values(filter as Record<string, unknown>).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)));
}

function thresholdOf(v: number | string | undefined): number | null {
  if (v === undefined || v === null || String(v).trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}
