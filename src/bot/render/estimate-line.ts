// One wording for the usage estimate on every card: "≈ $X so far today (estimate from usage;
// billed cost arrives later)", saying so when PTU hours are left out. Pure.
import type { SpendEstimate } from "../report.js";
import { formatDates, formatMoney } from "./format.js";

export function estimateLine(e: SpendEstimate | undefined, currency: string, locale?: string): string | null {
  if (!e) return null;
  const when = e.from === e.to && e.includesToday ? "today" : `for ${formatDates(e.from, e.to, locale)}`;
  const what = e.excludesHourly ? "estimate from token usage, PTU hourly charges not included" : "estimate from usage";
  return `≈ ${formatMoney(e.cost, currency)} so far ${when} (${what}; billed cost arrives later)`;
}
