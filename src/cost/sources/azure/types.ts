// Public shapes of the Azure source: its options, and what `forecast()` and `budgets()` answer.
// Types only; amounts are exact (`Amount`, 1e-12 units). No runtime imports.
import type { TokenCredential } from "@azure/core-auth";
import type { Logger } from "../../../log.js";
import type { Amount } from "../../money.js";
import type { CostQuery, CostResult, CostSource, CostType } from "../../types.js";
import type { RetryOptions } from "./retry-policy.js";

export interface AzureCostSourceOptions {
  /** COSTBOT_SCOPES: subscriptions, resource groups, management groups, billing accounts/profiles. */
  scopes: string[];
  /** Default: COSTBOT_AZURE_TOKEN (`staticToken`) if given, else DefaultAzureCredential. */
  credential?: TokenCredential;
  /** AZURE_RESOURCE_MANAGER_URL (default https://management.azure.com); http only for loopback. */
  endpoint?: string;
  /** COSTBOT_AZURE_TOKEN: a bearer token, e.g. from `az account get-access-token`. */
  staticToken?: string;
  /** Cost type when a query does not say (default actual). */
  costType?: CostType;
  /** Business clock: "today" for the canonical window and cache ages. */
  clock?: () => Date;
  /** How long one scope's query answers before Azure is asked again (default 4 h). */
  cacheTtlMs?: number;
  /** How old cached data may be and still answer, with a warning, when Azure fails (default 3 days). */
  staleMaxMs?: number;
  /** After a failure, how long to answer from cache (or repeat the error) before asking again (default 30 s). */
  failureHoldMs?: number;
  logger?: Pick<Logger, "debug" | "info" | "warn">;
  /** Cost Management api-version for query and forecast (default 2022-10-01, the SDK's). */
  apiVersion?: string;
  /** Consumption api-version for budgets (default 2024-08-01). */
  budgetsApiVersion?: string;
  /** Query starts per scope per rolling minute (default 3: Azure allows about 4). */
  queriesPerMinute?: number;
  /**
   * Windowed history queries (365 days each, older than the recent window) one question may cost
   * per scope (default 3); a range needing more is refused with a message saying what to ask instead.
   */
  maxHistoryQueries?: number;
  retry?: RetryOptions;
  /** Pacer time source and sleep, for tests and benchmarks. */
  pacerNow?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** One day of a forecast: Azure marks days already billed "actual", later ones "forecast". */
export interface ForecastDay {
  date: string;
  cost: Amount;
  status: "actual" | "forecast";
}

export interface ScopeForecast {
  scope: string;
  currency: string;
  /** Cost so far in the period (all costs in the scope, not only AI models). */
  actual: Amount;
  /** Azure's projection for the rest of the period; null when Azure could not forecast. */
  forecast: Amount | null;
  /** actual + forecast: the period-end projection; null without a forecast. */
  projected: Amount | null;
  days: ForecastDay[];
  /** Why there is no forecast (e.g. Azure's 424: too little history). */
  unavailable?: string;
}

export interface ForecastResult {
  /** The forecast period, inclusive (default: the current calendar month, UTC). */
  from: string;
  to: string;
  currency: string;
  scopes: ScopeForecast[];
  actual: Amount;
  /** Sum of projections; null when any scope has none (a partial sum would understate). */
  projected: Amount | null;
  dataAsOf: string | null;
  warnings: string[];
}

export interface BudgetNotification {
  name: string;
  enabled: boolean;
  /** EqualTo | GreaterThan | GreaterThanOrEqualTo */
  operator: string;
  /** Percent of the budget amount. */
  threshold: number;
  thresholdType: "Actual" | "Forecasted";
  contactEmails: string[];
  contactGroups: string[];
  contactRoles: string[];
}

export interface BudgetInfo {
  /** The configured scope the budget was read for. */
  scope: string;
  id: string;
  name: string;
  /** "Cost" (money) or "Usage". */
  category: string;
  amount: Amount;
  /** Monthly | Quarterly | Annually | BillingMonth | ... */
  timeGrain: string;
  startDate: string | null;
  endDate: string | null;
  /** Spend in the current grain period as Azure computed it; null if Azure did not say. */
  currentSpend: Amount | null;
  forecastSpend: Amount | null;
  currency: string | null;
  notifications: BudgetNotification[];
  /** The budget counts only part of the scope (a filter on resources, meters or tags). */
  filtered: boolean;
}

export interface BudgetsResult {
  budgets: BudgetInfo[];
  warnings: string[];
}

interface AzureSourceStats {
  /** HTTP requests sent to ARM, each retry and page counted. */
  httpRequests: number;
  cacheHits: number;
  coalesced: number;
  loads: number;
  staleAnswers: number;
}

export interface AzureCostSource extends CostSource {
  query(q: CostQuery): Promise<CostResult>;
  /** Period-end projection from Azure's forecast API, per scope. */
  forecast(range?: { from: string; to: string; costType?: CostType }): Promise<ForecastResult>;
  /** Azure budgets defined on the configured scopes. */
  budgets(): Promise<BudgetsResult>;
  stats(): AzureSourceStats;
}
