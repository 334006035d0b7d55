// Azure's own budgets (read by the Azure source) as lines beside costbot's: name, scope, spend
// against amount, alert thresholds. Duck-typed on `budgets()` so other sources simply have none.
import type { Amount } from "../cost/money.js";
import type { CostSource } from "../cost/types.js";
import { money } from "./card.js";

/** The part of the Azure source's `budgets()` answer shown here (see src/cost/sources/azure/types.ts). */
interface AzureBudgetsAnswer {
  budgets: Array<{
    scope: string;
    name: string;
    amount: Amount;
    timeGrain: string;
    currentSpend: Amount | null;
    forecastSpend: Amount | null;
    currency: string | null;
    filtered: boolean;
    notifications: Array<{ enabled: boolean; threshold: number; thresholdType: string }>;
  }>;
  warnings: string[];
}

type WithBudgets = CostSource & { budgets(): Promise<AzureBudgetsAnswer> };

const hasBudgets = (s: CostSource): s is WithBudgets => typeof (s as Partial<WithBudgets>).budgets === "function";

/** Empty when the source has no budgets of its own; a line saying why when reading them failed. */
export async function azureBudgetLines(source: CostSource): Promise<string[]> {
  if (!hasBudgets(source)) return [];
  try {
    const { budgets, warnings } = await source.budgets();
    if (budgets.length === 0) return ["Azure: no budgets defined on the configured scopes.", ...warnings];
    const lines = budgets.map((b) => {
      const cur = b.currency ?? "USD";
      const spend = b.currentSpend === null ? "spend unknown" : `${money(b.currentSpend, cur)} of ${money(b.amount, cur)}`;
      const forecast = b.forecastSpend === null ? "" : `, forecast ${money(b.forecastSpend, cur)}`;
      const alerts = b.notifications.filter((n) => n.enabled).map((n) => `${n.threshold}%${n.thresholdType === "Forecasted" ? " forecast" : ""}`);
      const scope = b.scope.split("/").filter(Boolean).slice(-1)[0] ?? b.scope;
      return `Azure budget "${b.name}" (${scope}, ${b.timeGrain.toLowerCase() || "period"}${b.filtered ? ", filtered" : ", all costs in scope, not only AI"}): ${spend}${forecast}${alerts.length ? `; alerts at ${alerts.join(", ")}` : ""}`;
    });
    return [...lines, ...warnings];
  } catch (err) {
    return [`Azure budgets could not be read: ${err instanceof Error ? err.message : String(err)}`];
  }
}
