// The digest's one line on billed failed requests: shown only when they are material (at least 2 %
// of the day's requests, or an estimated cost of at least 1 % of the day's AI spend and $1).
import { observedRates } from "../cost/metrics/rates.js";
import { summariseFailures } from "../cost/metrics/failures.js";
import type { MetricsSource } from "../cost/metrics/types.js";
import { toMoneyNumber } from "../cost/money.js";
import type { CostRow } from "../cost/types.js";
import { shiftDays } from "../base/dates.js";
import type { DigestReport } from "./report.js";

export async function digestFailures(metrics: MetricsSource, day: string, rows: CostRow[], dayTotal: number): Promise<DigestReport["failures"]> {
  const m = await metrics.usage({ from: day, to: day });
  const s = summariseFailures(m.requests, m.usage, observedRates(rows, shiftDays(day, -7), shiftDays(day, -1)));
  const cost = toMoneyNumber(s.estimatedBilledCost);
  const material = s.billedRequests > 0 && (s.billedRequests >= 0.02 * s.totalRequests || (cost >= 1 && cost >= 0.01 * dayTotal));
  return material ? { date: day, billedRequests: s.billedRequests, requests: s.totalRequests, estimatedCost: cost } : undefined;
}
