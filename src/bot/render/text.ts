// Report -> plain text card for terminals (CLI, logs) and as notification fallback text.
// Pure; words come from format.ts. Must not import any platform SDK.
import type { ErrorReport, HelpReport, NoticeReport, Report, SpendGroup, SpendReport } from "../report.js";
import { trendLine } from "./chart.js";
import {
  channelName,
  filterLine,
  formatMoney,
  formatShare,
  formatTokens,
  freshnessLine,
  groupByLabel,
  groupNote,
  moreLine,
  groupKeyLabel,
  otherCostLine,
  prepaymentNote,
  previousLine,
  rowChange,
  rowChangeLine,
  titleWithDates,
  totalChange,
  truncate,
} from "./format.js";
import { errorsNotice } from "./errors-view.js";
import { estimateLine } from "./estimate-line.js";
import { rollUp } from "./rollup.js";

/** Terminals can scroll, but a card listing hundreds of rows helps nobody. */
const TEXT_MAX_ROWS = 50;
const KEY_WIDTH = 40;

export function renderText(report: Report): string {
  switch (report.kind) {
    case "spend":
      return spendText(report);
    case "help":
      return helpText(report);
    case "error":
      return errorText(report);
    case "notice":
      return noticeText(report);
    case "errors":
      return noticeText(errorsNotice(report));
  }
}

function spendText(r: SpendReport): string {
  const money = (n: number) => formatMoney(n, r.currency);
  const change = totalChange(r);
  const lines = [titleWithDates(r)];
  const filters = filterLine(r.filters);
  if (filters) lines.push(filters);
  lines.push("");
  const amounts = [money(r.total), ...r.channels.map((c) => money(c.cost))];
  const w = Math.max(...amounts.map((a) => a.length));
  lines.push(
    `Total        ${amounts[0].padStart(w)}   ${[change.text, previousLine(r.previous, r.currency, r.coverage, r.locale)].filter(Boolean).join(" ")}`,
  );
  r.channels.forEach((c, i) => {
    const name = channelName(c.channel).padEnd(11);
    const vs = r.compare ? rowChangeLine(c.cost, c.previousCost, r.currency) : "";
    lines.push(`${name}  ${amounts[i + 1].padStart(w)}   ${prepaymentNote(c.prepaymentEligible)}${vs ? ` · ${vs}` : ""}`);
  });
  if (r.groups.length) lines.push("", ...groupTable(r));
  lines.push("");
  if (r.otherCost !== 0) lines.push(otherCostLine(r.otherCost, r.currency));
  const trend = trendLine(r.series, undefined, r.locale);
  if (trend) lines.push(trend);
  const estimate = estimateLine(r.estimate, r.currency, r.locale);
  if (estimate) lines.push(estimate);
  lines.push(freshnessLine(r.dataAsOf, r.source, r.locale));
  for (const w of r.warnings) lines.push(`! ${w}`);
  return lines.join("\n");
}

function groupTable(r: SpendReport): string[] {
  const { shown, rest } = rollUp(r.groups, r.top, TEXT_MAX_ROWS, r.groupBy === "day");
  const withChannel = r.groupBy !== "channel" && r.groupBy !== "day";
  const change = (cost: number, prev: number | undefined) => (r.compare ? rowChange(cost, prev) : "");
  // By day: compact rows (date, cost, share, change), so a whole month fits.
  const tokens = r.groupBy !== "day";
  const row = (g: SpendGroup) => [
    truncate(groupKeyLabel(r.groupBy, g.key, r.locale), KEY_WIDTH),
    withChannel ? (g.channel ? channelName(g.channel) : "mixed") : "",
    formatMoney(g.cost, r.currency),
    formatShare(g.cost, r.total),
    g.hourly && g.inputTokens === 0 ? "–" : formatTokens(g.inputTokens),
    g.hourly && g.outputTokens === 0 ? "–" : formatTokens(g.outputTokens),
    change(g.cost, g.previousCost),
    [g.hourly ? "hourly (PTU)" : "", groupNote(g)].filter(Boolean).join(" · "),
  ];
  const rows = [
    [groupByLabel(r.groupBy), withChannel ? "Channel" : "", "Cost", "Share", "Input", "Output", r.compare ? "Change" : "", ""],
    ...shown.map(row),
  ];
  const restRow = rest && [
    moreLine(rest.count, rest.cost, r.currency, rest.earlier),
    "",
    "",
    formatShare(rest.cost, r.total),
    "",
    "",
    change(rest.cost, rest.previousCost),
    "",
  ];
  // The oldest days roll up above the list (newest last); the smallest groups below it.
  if (restRow) rest.earlier ? rows.splice(1, 0, restRow) : rows.push(restRow);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((cells) => cells[i].length)));
  const rightAligned = new Set([2, 3, 4, 5, 6]);
  return rows.map((cells) => {
    // The roll-up line spans the name columns, so it is written whole rather than padded.
    if (cells === restRow) {
      const lead = cells[0].padEnd(widths[0] + (withChannel ? widths[1] + 2 : 0) + widths[2] + 2);
      const gap = tokens ? `${"".padStart(widths[4] + widths[5] + 2)}  ` : "";
      const tail = r.compare ? `  ${gap}${cells[6].padStart(widths[6])}` : "";
      return `${lead}  ${cells[3].padStart(widths[3])}${tail}`.trimEnd();
    }
    return cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .filter((_, i) => (withChannel || i !== 1) && (r.compare || i !== 6) && (tokens || (i !== 4 && i !== 5 && i !== 7)))
      .join("  ")
      .trimEnd();
  });
}

function helpText(r: HelpReport): string {
  const lines = [r.intro];
  for (const s of r.sections) {
    lines.push("", s.title, ...s.examples.map((e) => `  ${e}`));
  }
  return lines.join("\n");
}

function errorText(r: ErrorReport): string {
  return r.hint ? `Could not answer: ${r.message}\n${r.hint}` : `Could not answer: ${r.message}`;
}

function noticeText(r: NoticeReport): string {
  const mark = r.tone === "warning" ? "! " : r.tone === "success" ? "✓ " : "";
  const width = Math.max(0, ...(r.fields ?? []).map((f) => f.label.length));
  const fields = (r.fields ?? []).map((f) => `${f.label.padEnd(width)}  ${f.value}`);
  return [`${mark}${r.title}`, ...fields, ...r.lines].join("\n");
}
