// Report -> Microsoft Teams Adaptive Card (1.5) with a Teams chart, buttons and a size cap.
// Lives here (not in the adapter) so `costbot ask --format teams` needs no botbuilder import.
// Pure; must not import any platform SDK.
import { derived } from "../../base/derived.js";
import type { ErrorReport, HelpReport, NoticeReport, Report, SpendGroup, SpendReport } from "../report.js";
import { bucketSeries, pointLabel, trendLine } from "./chart.js";
import {
  channelName,
  filterLine,
  formatDates,
  formatMoney,
  formatShare,
  formatTokens,
  freshnessLine,
  groupByLabel,
  groupNote,
  groupKeyLabel,
  moreLine,
  otherCostLine,
  prepaymentNote,
  previousLine,
  rowChange,
  rowChangeLine,
  spendTitle,
  totalChange,
  truncate,
} from "./format.js";
import { errorsNotice } from "./errors-view.js";
import { estimateLine } from "./estimate-line.js";
import { rollUp } from "./rollup.js";

type CardElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: "Full" };
}

/** Teams rejects cards over ~28 KB; the tail rolls up well before that. */
export const TEAMS_MAX_BYTES = 28 * 1024;
const TEAMS_MAX_ROWS = 20;
const TEAMS_MAX_DAYS = 62;
const TEAMS_MAX_ACTIONS = 6;
const CHART_MAX_POINTS = 31;
const MAX_WARNINGS = 10;

export function renderTeams(report: Report): AdaptiveCard {
  switch (report.kind) {
    case "spend":
      // A spend report is shared by everyone asking the same question: so is its card.
      return derived(report, "teams", () => spendCard(report));
    case "help":
      return card(helpBody(report));
    case "error":
      return card(errorBody(report));
    case "notice":
      return card(noticeBody(report), submitActions(report.actions ?? []));
    case "errors":
      return card(noticeBody(errorsNotice(report)));
  }
}

function spendCard(report: SpendReport): AdaptiveCard {
  // Rows are the only part that grows with the data: drop them until the card fits (by day,
  // the oldest days go first).
  const steps = report.groupBy === "day" ? [TEAMS_MAX_DAYS, 31, 14, 7] : [TEAMS_MAX_ROWS, 10, 5];
  for (const rows of steps) {
    const c = card(spendBody(report, rows), spendActions(report));
    if (cardBytes(c) < TEAMS_MAX_BYTES) return c;
  }
  return card(spendBody(report, 0), spendActions(report));
}

/** Size of the card as sent (UTF-8 JSON). */
export function cardBytes(c: AdaptiveCard): number {
  return new TextEncoder().encode(JSON.stringify(c)).length;
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  const c: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    msteams: { width: "Full" },
  };
  if (actions.length) c.actions = actions;
  return c;
}

// TextBlock text is Markdown, and Teams clients disagree on backslash escapes; TextRun text is
// never parsed. So data (keys, labels, sources, warnings, errors) only ever goes into TextRuns.
const run = (text: string, style: Record<string, unknown> = {}): CardElement => ({ type: "TextRun", text, ...style });
const rich = (inlines: CardElement[], extra: Record<string, unknown> = {}): CardElement => ({
  type: "RichTextBlock",
  inlines,
  ...extra,
});
/** A TextBlock for our own wording only (money, numbers, fixed phrases). */
const text = (t: string, extra: Record<string, unknown> = {}): CardElement => ({ type: "TextBlock", text: t, wrap: true, ...extra });
const column = (items: CardElement[], width: string | number = "stretch"): CardElement => ({ type: "Column", width, items });

function spendBody(r: SpendReport, maxRows: number): CardElement[] {
  const money = (n: number) => formatMoney(n, r.currency);
  const change = totalChange(r);
  const color = change.direction === "up" ? "Attention" : change.direction === "down" ? "Good" : "Default";
  const subtitle = [formatDates(r.range.from, r.range.to, r.locale), filterLine(r.filters)].filter(Boolean).join(" · ");
  const body: CardElement[] = [
    rich([run(spendTitle(r.range, r.costType), { size: "Large", weight: "Bolder" })]),
    rich([run(subtitle, { isSubtle: true })], { spacing: "None" }),
    {
      type: "ColumnSet",
      columns: [
        column([text("Total", { isSubtle: true }), text(money(r.total), { size: "ExtraLarge", weight: "Bolder", spacing: "None" })]),
        column([
          text("Change", { isSubtle: true }),
          text(change.text || "–", { size: "Large", color, spacing: "None" }),
          text(previousLine(r.previous, r.currency, r.coverage, r.locale), { isSubtle: true, size: "Small", spacing: "None" }),
        ]),
      ],
    },
    {
      type: "ColumnSet",
      separator: true,
      columns: r.channels.map((c) => {
        const vs = r.compare ? rowChangeLine(c.cost, c.previousCost, r.currency) : "";
        return column([
          text(channelName(c.channel), { weight: "Bolder" }),
          text(money(c.cost), { spacing: "None" }),
          text(prepaymentNote(c.prepaymentEligible), { isSubtle: true, size: "Small", spacing: "None" }),
          ...(vs ? [text(vs, { size: "Small", spacing: "None" })] : []),
        ]);
      }),
    },
  ];
  if (r.groups.length) body.push(groupTable(r, maxRows));
  const chart = trendChart(r);
  if (chart) body.push(chart);
  const notes: CardElement[] = [];
  if (r.otherCost !== 0) notes.push(text(otherCostLine(r.otherCost, r.currency), { size: "Small" }));
  const estimate = estimateLine(r.estimate, r.currency, r.locale);
  if (estimate) notes.push(rich([run(estimate)]));
  notes.push(rich([run(freshnessLine(r.dataAsOf, r.source, r.locale), { isSubtle: true, size: "Small" })]));
  body.push({ type: "Container", separator: true, items: notes });
  if (r.warnings.length) body.push(warnings(r.warnings));
  return body;
}

const cell = (items: CardElement[]): CardElement => ({ type: "TableCell", items });
const numCell = (t: string): CardElement => cell([text(t, { horizontalAlignment: "Right" })]);

/** By day the table is compact (date, cost, share); the change column shows when comparing. */
const withTokens = (r: SpendReport) => r.groupBy !== "day";

function groupRow(g: SpendGroup, r: SpendReport): CardElement {
  const tag = [
    g.channel && r.groupBy !== "channel" && withTokens(r) ? channelName(g.channel) : "",
    g.hourly && withTokens(r) ? "hourly (PTU)" : "",
    withTokens(r) ? groupNote(g) : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const name = [run(truncate(groupKeyLabel(r.groupBy, g.key, r.locale), 80), { weight: "Bolder" })];
  if (tag) name.push(run(` ${tag}`, { isSubtle: true, size: "Small" }));
  const tokens = (n: number) => (g.hourly && n === 0 ? "–" : formatTokens(n));
  const cells = [cell([rich(name)]), numCell(formatMoney(g.cost, r.currency)), numCell(formatShare(g.cost, r.total))];
  if (withTokens(r)) cells.push(numCell(tokens(g.inputTokens)), numCell(tokens(g.outputTokens)));
  if (r.compare) cells.push(numCell(rowChange(g.cost, g.previousCost)));
  return { type: "TableRow", cells };
}

function groupTable(r: SpendReport, maxRows: number): CardElement {
  const { shown, rest } = rollUp(r.groups, r.top, maxRows, r.groupBy === "day");
  const head = [groupByLabel(r.groupBy), "Cost", "Share", ...(withTokens(r) ? ["Input", "Output"] : []), ...(r.compare ? ["Change"] : [])];
  const rows: CardElement[] = shown.map((g) => groupRow(g, r));
  if (rest) {
    const cells = [
      cell([text(moreLine(rest.count, rest.cost, r.currency, rest.earlier), { isSubtle: true })]),
      numCell(formatMoney(rest.cost, r.currency)),
      numCell(formatShare(rest.cost, r.total)),
    ];
    if (withTokens(r)) cells.push(numCell(""), numCell(""));
    if (r.compare) cells.push(numCell(rowChange(rest.cost, rest.previousCost)));
    // The oldest days roll up above the list (newest last); the smallest groups below it.
    if (rest.earlier) rows.unshift({ type: "TableRow", cells });
    else rows.push({ type: "TableRow", cells });
  }
  rows.unshift({ type: "TableRow", cells: head.map((h, i) => cell([text(h, { weight: "Bolder", horizontalAlignment: i ? "Right" : "Left" })])) });
  const columns = [
    { width: 3 },
    { width: 2 },
    { width: 1 },
    ...(withTokens(r) ? [{ width: 1 }, { width: 1 }] : []),
    ...(r.compare ? [{ width: 1 }] : []),
  ];
  return { type: "Table", firstRowAsHeaders: true, showGridLines: false, columns, rows };
}

/** A Teams bar chart of the daily series; clients without charts show a sparkline instead. */
function trendChart(r: SpendReport): CardElement | null {
  const points = bucketSeries(r.series, CHART_MAX_POINTS);
  if (points.length < 2) return null;
  return {
    type: "Chart.VerticalBar",
    title: points[0].date === points[0].to ? "Spend per day" : "Spend per period",
    xAxisTitle: "Date",
    yAxisTitle: r.currency,
    data: points.map((p) => ({ x: pointLabel(p, r.locale), y: p.cost })),
    fallback: text(trendLine(r.series, CHART_MAX_POINTS, r.locale), { fontType: "Monospace" }),
  };
}

function warnings(list: string[]): CardElement {
  const items = list.slice(0, MAX_WARNINGS).map((w) => rich([run(`⚠ ${truncate(w, 500)}`, { color: "Warning" })]));
  if (list.length > MAX_WARNINGS) items.push(text(`…and ${list.length - MAX_WARNINGS} more warnings`, { isSubtle: true }));
  return { type: "Container", style: "warning", items };
}

function spendActions(r: SpendReport): CardElement[] {
  return submitActions(r.actions);
}

function submitActions(actions: SpendReport["actions"]): CardElement[] {
  return actions.slice(0, TEAMS_MAX_ACTIONS).map((a) => ({
    type: "Action.Submit",
    title: truncate(a.label, 40),
    // The Teams adapter reads activity.value.costbot and asks it as if typed.
    data: { costbot: a.command },
  }));
}

function helpBody(r: HelpReport): CardElement[] {
  const body: CardElement[] = [text("costbot help", { size: "Large", weight: "Bolder" }), rich([run(r.intro)])];
  for (const s of r.sections) {
    body.push(rich([run(s.title, { weight: "Bolder" })], { separator: true }));
    const examples = s.examples.flatMap((e, i) => [...(i ? [run("  ·  ", { isSubtle: true })] : []), run(e, { fontType: "Monospace" })]);
    body.push(rich(examples, { spacing: "Small" }));
  }
  return body;
}

function errorBody(r: ErrorReport): CardElement[] {
  const body: CardElement[] = [
    text("Could not answer", { weight: "Bolder", color: "Attention" }),
    rich([run(truncate(r.message, 2000))], { spacing: "Small" }),
  ];
  if (r.hint) body.push(rich([run(truncate(r.hint, 2000), { isSubtle: true })], { spacing: "Small" }));
  return body;
}

function noticeBody(r: NoticeReport): CardElement[] {
  const color = r.tone === "warning" ? "Attention" : r.tone === "success" ? "Good" : "Default";
  const body: CardElement[] = [rich([run(truncate(r.title, 500), { weight: "Bolder", color })])];
  if (r.fields?.length) {
    // FactSet text is rendered as markdown-free plain text by Teams.
    body.push({
      type: "FactSet",
      facts: r.fields.slice(0, 20).map((f) => ({ title: truncate(f.label, 100), value: truncate(f.value, 500) })),
    });
  }
  for (const line of r.lines) body.push(rich([run(truncate(line, 2000))], { spacing: "Small" }));
  return body;
}
