// Reads the two Azure budget alert payloads an action group webhook sends: the common alert schema
// (CostAlerts, actual and forecasted) and the legacy "AIP Budget Notification". Amounts arrive as
// strings ("$11,111.00", "8000.0"); thresholds as amounts or ratios ("0.8"). Pure, exact money.
import { createHash } from "node:crypto";
import type { Amount } from "../../cost/money.js";
import { parseAzureAmount } from "./amount.js";

export interface AzureBudgetAlert {
  schema: "common" | "legacy";
  budgetName: string;
  /** Azure resource id of the budget (common schema only). */
  budgetId?: string;
  /** The scope the budget watches, as an ARM id without a trailing slash. */
  scope: string;
  thresholdType: "Actual" | "Forecasted";
  /** The budget amount. */
  budget: Amount;
  /** The notification threshold as an amount, and as percent of the budget. */
  threshold: Amount;
  thresholdPercent: number;
  spent: Amount | null;
  /** Forecasted total for the period (forecasted alerts). */
  forecast: Amount | null;
  currency: string;
  /** ISO time Azure fired it (common schema only). */
  firedAt?: string;
  description?: string;
  /** Stable across Azure's retries of the same alert (see `alertId`). */
  id: string;
}

export type ParseResult = { ok: true; alert: AzureBudgetAlert } | { ok: false; problem: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

/** `receivedAt` places a legacy alert (which carries no time) in its month. */
export function parseAzureBudgetAlert(body: unknown, receivedAt: Date): ParseResult {
  if (!isObj(body)) return { ok: false, problem: "the body is not a JSON object" };
  const schemaId = text(body.schemaId);
  if (!isObj(body.data)) return { ok: false, problem: "data is missing" };
  if (schemaId === "azureMonitorCommonAlertSchema") return common(body.data, receivedAt);
  if (/budget notification/i.test(schemaId)) return legacy(body.data, receivedAt);
  return {
    ok: false,
    problem: `schemaId is ${schemaId ? `"${schemaId}"` : "missing"}; expected "azureMonitorCommonAlertSchema" or "AIP Budget Notification"`,
  };
}

function common(data: Obj, receivedAt: Date): ParseResult {
  const essentials = isObj(data.essentials) ? data.essentials : {};
  const context = isObj(data.alertContext) ? data.alertContext : undefined;
  const d = context && isObj(context.AlertData) ? context.AlertData : undefined;
  if (!d) {
    const service = text(essentials.monitoringService);
    return {
      ok: false,
      problem: `data.alertContext.AlertData is missing${service ? ` (monitoringService "${service}" is not a budget alert)` : ""}`,
    };
  }
  const missing = ["BudgetName", "BudgetThreshold", "NotificationThresholdAmount", "SpentAmount"]
    .filter((k) => !text(d[k]))
    .map((k) => `data.alertContext.AlertData.${k}`);
  const forecasted = /forecast/i.test(text(d.ThresholdType));
  if (forecasted && !text(d.ForecastedTotalForPeriod)) missing.push("data.alertContext.AlertData.ForecastedTotalForPeriod");
  if (missing.length) return { ok: false, problem: `missing ${missing.join(", ")}` };
  const firedAt = text(essentials.firedDateTime) || undefined;
  return build({
    schema: "common",
    budgetName: text(d.BudgetName),
    budgetId: text(d.BudgetId) || undefined,
    scope: text(d.Scope),
    thresholdType: forecasted ? "Forecasted" : "Actual",
    fields: fieldNames("data.alertContext.AlertData.", ["BudgetThreshold", "NotificationThresholdAmount", "SpentAmount", "ForecastedTotalForPeriod"]),
    budgetText: text(d.BudgetThreshold),
    thresholdText: text(d.NotificationThresholdAmount),
    spentText: text(d.SpentAmount),
    forecastText: text(d.ForecastedTotalForPeriod),
    currency: text(d.Unit) || "USD",
    firedAt,
    description: text(essentials.description) || undefined,
    month: monthOf(firedAt, receivedAt),
  });
}

function legacy(d: Obj, receivedAt: Date): ParseResult {
  const missing = ["BudgetName", "Budget", "NotificationThresholdAmount", "SpendingAmount"].filter((k) => !text(d[k])).map((k) => `data.${k}`);
  if (missing.length) return { ok: false, problem: `missing ${missing.join(", ")}` };
  const sub = text(d.SubscriptionId);
  const rg = text(d.ResourceGroup);
  return build({
    schema: "legacy",
    budgetName: text(d.BudgetName),
    scope: sub
      ? `/subscriptions/${sub}${rg ? `/resourceGroups/${rg}` : ""}`
      : text(d.BillingAccountId)
        ? `/providers/Microsoft.Billing/billingAccounts/${text(d.BillingAccountId)}`
        : "",
    thresholdType: "Actual",
    fields: fieldNames("data.", ["Budget", "NotificationThresholdAmount", "SpendingAmount", ""]),
    budgetText: text(d.Budget),
    thresholdText: text(d.NotificationThresholdAmount),
    spentText: text(d.SpendingAmount),
    forecastText: "",
    currency: text(d.Unit) || "USD",
    month: monthOf(undefined, receivedAt),
  });
}

interface Raw {
  schema: "common" | "legacy";
  budgetName: string;
  budgetId?: string;
  scope: string;
  thresholdType: "Actual" | "Forecasted";
  /** Where each amount came from, to name it in a refusal. */
  fields: { budget: string; threshold: string; spent: string; forecast: string };
  budgetText: string;
  thresholdText: string;
  spentText: string;
  forecastText: string;
  currency: string;
  firedAt?: string;
  description?: string;
  month: string;
}

function build(r: Raw): ParseResult {
  const budget = parseAzureAmount(r.budgetText);
  const spent = parseAzureAmount(r.spentText);
  const forecast = r.forecastText ? parseAzureAmount(r.forecastText) : null;
  const shown = (field: string, raw: string) => `${field} "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"`;
  const bad = [
    budget === null || budget <= 0n ? shown(r.fields.budget, r.budgetText) : "",
    spent === null ? shown(r.fields.spent, r.spentText) : "",
    r.forecastText && forecast === null ? shown(r.fields.forecast, r.forecastText) : "",
  ].filter(Boolean);
  const threshold = budget !== null && budget > 0n ? thresholdOf(r.thresholdText, budget) : null;
  if (!threshold) bad.push(shown(r.fields.threshold, r.thresholdText));
  if (bad.length) {
    return {
      ok: false,
      problem: `not an amount in Azure's format (a plain decimal such as 8000.50 or $8,000.50, not negative, at most 15 digits before the point): ${bad.join(", ")}`,
    };
  }
  const scope = r.scope.replace(/\/+$/, "");
  const alert: AzureBudgetAlert = {
    schema: r.schema,
    budgetName: r.budgetName,
    ...(r.budgetId ? { budgetId: r.budgetId } : {}),
    scope,
    thresholdType: r.thresholdType,
    budget: budget!,
    threshold: threshold!.amount,
    thresholdPercent: threshold!.percent,
    spent,
    forecast,
    currency: r.currency,
    ...(r.firedAt ? { firedAt: r.firedAt } : {}),
    ...(r.description ? { description: r.description } : {}),
    id: alertId(r.budgetId || `${scope}|${r.budgetName}`, r.budgetName, r.thresholdType, r.month),
  };
  return { ok: true, alert };
}

/**
 * "8000.0" of 10000 is an amount (80%); "0.8" of 50 is a ratio (80%); "80%" is a percent. Azure
 * thresholds go up to 1000%, so a bare value up to 10 on a budget more than ten times larger is a ratio.
 */
function thresholdOf(raw: string, budget: Amount): { amount: Amount; percent: number } | null {
  const pctMatch = /^([\d.]+)\s*%$/.exec(raw);
  const value = parseAzureAmount(pctMatch ? pctMatch[1] : raw);
  if (value === null || value <= 0n) return null;
  const ONE = 10n ** 12n;
  const ratio = pctMatch ? value / 100n : value <= 10n * ONE && budget > value * 10n ? value : null;
  const amount = ratio !== null ? (budget * ratio) / ONE : value;
  const percent = Number((amount * 10_000n) / budget) / 100;
  return { amount, percent };
}

/**
 * Azure fires a budget threshold at most once per budget period (a month or longer), and its webhook
 * retries resend the same payload: budget, threshold type and the month it fired name one alert.
 */
function alertId(identity: string, name: string, type: string, month: string): string {
  const hash = createHash("sha256").update(identity.toLowerCase()).digest("hex").slice(0, 10);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "budget";
  return `${slug}.${hash}.${type === "Forecasted" ? "forecast" : "actual"}.${month}`;
}

function fieldNames(prefix: string, [budget, threshold, spent, forecast]: string[]): Raw["fields"] {
  return { budget: prefix + budget, threshold: prefix + threshold, spent: prefix + spent, forecast: prefix + forecast };
}

function monthOf(firedAt: string | undefined, receivedAt: Date): string {
  const t = firedAt ? new Date(firedAt) : receivedAt;
  return (Number.isNaN(t.getTime()) ? receivedAt : t).toISOString().slice(0, 7);
}
