// Reads Azure's forecast for one scope and period: daily rows marked Actual or Forecast, summed
// exactly. A 424 (Azure cannot forecast yet) is left to the caller, which answers without it.
import { CostbotError } from "../../../base/errors.js";
import { parseAmount } from "../../money.js";
import type { CostType } from "../../types.js";
import type { FetchContext } from "./fetch-costs.js";
import { AzureHttpError } from "./faults.js";
import { type PagedQuery, postAllPages } from "./pages.js";
import { columnIndex, costColumn, usageDate } from "./rows.js";
import type { ForecastDay } from "./types.js";
import { timePeriod, type DateWindow } from "./window.js";

export interface FetchedForecast {
  currency: string;
  days: ForecastDay[];
  answeredAt: string | null;
}

export async function fetchForecast(ctx: FetchContext, scopeId: string, w: DateWindow, costType: CostType): Promise<FetchedForecast> {
  const body = {
    type: costType === "amortized" ? "AmortizedCost" : "ActualCost",
    timeframe: "Custom",
    timePeriod: timePeriod(w),
    dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } } },
    includeActualCost: true,
    includeFreshPartialCost: false,
  };
  const key = scopeId.toLowerCase();
  await ctx.pacer.acquire(key);
  let result: PagedQuery;
  try {
    const url = ctx.http.url(scopeId, "providers/Microsoft.CostManagement/forecast", ctx.http.apiVersion);
    result = await postAllPages(ctx.http, url, body, ctx.http.apiVersion);
  } catch (e) {
    if (e instanceof AzureHttpError && e.status === 429 && e.retryAfterMs !== undefined) ctx.pacer.block(key, ctx.pacerNow() + e.retryAfterMs);
    throw e;
  }
  let currency = "";
  const days: ForecastDay[] = [];
  for (const page of result.pages) {
    const at = columnIndex(page);
    const cost = costColumn(at);
    const dateAt = at.get("usagedate");
    const statusAt = at.get("coststatus");
    const currencyAt = at.get("currency");
    if ((cost === undefined || dateAt === undefined) && page.rows.length) {
      throw new CostbotError("Azure's forecast has no cost or UsageDate column.", "SOURCE_FAILED");
    }
    for (const raw of page.rows) {
      const amount = parseAmount(String(raw[at.get(cost!)!] ?? ""));
      const date = usageDate(raw[dateAt!]);
      if (amount === null || date === null)
        throw new CostbotError(`Azure sent a forecast row that is not a dated cost: ${JSON.stringify(raw)}`, "SOURCE_FAILED");
      const status = /forecast/i.test(String(statusAt !== undefined ? raw[statusAt] : "")) ? "forecast" : "actual";
      days.push({ date, cost: amount, status });
      currency ||= currencyAt !== undefined ? String(raw[currencyAt] ?? "") : "";
    }
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { currency: currency || "USD", days, answeredAt: result.answeredAt };
}
