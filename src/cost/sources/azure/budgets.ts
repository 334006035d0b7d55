// Reads the Azure budgets defined on a scope (Consumption budgets API: every scope kind, one list
// call) and maps them to exact amounts with their alert thresholds. Not paced: not the query quota.
import { parseAmount } from "../../money.js";
import type { ArmHttp } from "./client.js";
import { getAllValues } from "./pages.js";
import type { BudgetInfo, BudgetNotification } from "./types.js";

export const BUDGETS_API_VERSION = "2024-08-01";

export async function fetchBudgets(http: ArmHttp, scope: string, queryScope: string, apiVersion: string): Promise<BudgetInfo[]> {
  const url = http.url(queryScope, "providers/Microsoft.Consumption/budgets", apiVersion);
  const values = await getAllValues(http, url, apiVersion);
  return values.map((v) => toBudget(scope, v as RawBudget));
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
  const notifications: BudgetNotification[] = Object.entries(p.notifications ?? {}).map(([name, n]) => ({
    name,
    enabled: n.enabled !== false,
    operator: n.operator ?? "GreaterThan",
    threshold: Number(n.threshold ?? 0),
    // Azure omits thresholdType on older budgets; those alert on actual cost.
    thresholdType: /forecast/i.test(n.thresholdType ?? "") ? "Forecasted" : "Actual",
    contactEmails: n.contactEmails ?? [],
    contactGroups: n.contactGroups ?? [],
    contactRoles: n.contactRoles ?? [],
  }));
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
