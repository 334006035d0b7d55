// Which days still lack final cost data, and the per-token rates the last complete days of cost
// data show: the basis of every usage estimate. Platform-free; reads the cost source (cached).
import { observedRates, type ObservedRates } from "../cost/metrics/rates.js";
import type { CostResult, CostSource, CostType } from "../cost/types.js";
import { firstOpenDay } from "./data-days.js";
import { shiftDays } from "../base/dates.js";

/** Complete days of cost data the rates are observed over. */
export const RATE_DAYS = 7;

export interface UsageBasis {
  /** First day without final cost data (days from here on get estimates). */
  incompleteFrom: string;
  rates: ObservedRates;
  costs: CostResult;
}

/**
 * The cost source's dataAsOf day is still being billed, and so is every later day; with no
 * freshness at all, only today is. Rates come from the RATE_DAYS days before that.
 */
export async function usageBasis(source: CostSource, today: string, costType: CostType): Promise<UsageBasis> {
  const costs = await source.query({ from: shiftDays(today, -(RATE_DAYS + 3)), to: today, costType });
  const incompleteFrom = firstOpenDay(today, costs.dataAsOf);
  const rates = observedRates(costs.rows, shiftDays(incompleteFrom, -RATE_DAYS), shiftDays(incompleteFrom, -1));
  return { incompleteFrom, rates, costs };
}
