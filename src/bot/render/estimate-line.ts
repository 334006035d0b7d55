// One wording for the usage estimate on every card: "≈ $X so far today (estimate from usage;
// billed cost arrives later)". Pure.
import type { SpendEstimate } from "../report.js";
import { formatDates, formatMoney } from "./format.js";

export function estimateLine(e: SpendEstimate | undefined, currency: string): string | null {
  if (!e) return null;
  const when = e.from === e.to && e.includesToday ? "today" : `for ${formatDates(e.from, e.to)}`;
  return `≈ ${formatMoney(e.cost, currency)} so far ${when} (estimate from usage; billed cost arrives later)`;
}
