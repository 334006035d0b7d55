// The card of an `errors` answer, as a notice every renderer already draws (text, Slack, Teams):
// billed/not-billed split, the largest groups, Azure's rule and the estimate's basis. Pure.
import type { ErrorsReport } from "../errors-report.js";
import type { NoticeReport } from "../report.js";
import { formatDates, formatMoney } from "./format.js";

const MAX_ROWS = 12;

/** The card every platform shows: a notice with the billed/not-billed split and the largest groups. */
export function errorsNotice(r: ErrorsReport): NoticeReport {
  const money = (n: number) => formatMoney(n, r.currency);
  const notBilled = r.failedRequests - r.billedRequests;
  const share = r.totalRequests ? ` (${((100 * r.failedRequests) / r.totalRequests).toFixed(1)}% of ${r.totalRequests.toLocaleString("en-US")})` : "";
  const rows = r.groups
    .slice(0, MAX_ROWS)
    .map(
      (g) =>
        `${g.billed ? "billed" : "not billed"} · ${g.key} · ${g.model}: ${g.requests.toLocaleString("en-US")}` +
        (g.estimatedCost !== null ? ` (≈ ${money(g.estimatedCost)})` : ""),
    );
  if (r.groups.length > MAX_ROWS) rows.push(`${r.groups.length - MAX_ROWS} more groups (see --format json)`);
  return {
    kind: "notice",
    tone: r.billedRequests > 0 ? "warning" : "info",
    title: `Failed requests · ${r.range.label} (${formatDates(r.range.from, r.range.to)}): ${r.failedRequests.toLocaleString("en-US")}${share}`,
    fields: [
      { label: "Billed failures", value: r.billedRequests.toLocaleString("en-US") },
      { label: "Not billed", value: notBilled.toLocaleString("en-US") },
      { label: "Estimated cost of billed failures", value: `≈ ${money(r.estimatedBilledCost)}` },
    ],
    lines: [
      r.explanation,
      ...rows,
      `Estimate: ${r.basis}`,
      ...r.warnings,
      `Metrics as of ${r.dataAsOf.slice(0, 16).replace("T", " ")} UTC (source: ${r.source})`,
    ],
  };
}
