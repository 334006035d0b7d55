// Report -> Slack Block Kit message ({ text, blocks }) within Slack's limits, data escaped.
// Lives here (not in the adapter) so `costbot ask --format slack` needs no @slack/bolt import.
// Pure; must not import any platform SDK.
import { derived } from "../../base/derived.js";
import type { ErrorReport, HelpReport, NoticeReport, Report, SpendGroup, SpendReport } from "../report.js";
import { trendLine } from "./chart.js";
import {
  channelName,
  filterLine,
  formatDates,
  formatMoney,
  formatShare,
  freshnessLine,
  groupByLabel,
  groupKeyLabel,
  groupNote,
  moreLine,
  otherCostLine,
  prepaymentNote,
  previousLine,
  rowChangeLine,
  spendTitle,
  tokensLine,
  totalChange,
} from "./format.js";
import { errorsNotice } from "./errors-view.js";
import { estimateLine } from "./estimate-line.js";
import { rollUp } from "./rollup.js";
import type { SlackBlock, SlackMessage } from "./slack-types.js";

export type { SlackBlock, SlackMessage };
import { escapeMrkdwn as esc, mrkdwn, plainText, truncateMrkdwn } from "./slack-escape.js";

/** Block Kit limits (docs.slack.dev reference/block-kit). */
export const SLACK_LIMITS = {
  blocks: 50,
  text: 3000,
  fields: 10,
  field: 2000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  actions: 25,
} as const;
/** Groups listed on a card before the rest roll up, whatever "top N" asked for. */
const SLACK_MAX_ROWS = 25;
/** Days listed by day (compact lines, newest last): a quarter fits in two sections. */
const SLACK_MAX_DAYS = 92;
const MAX_WARNINGS = 10;

export function renderSlack(report: Report): SlackMessage {
  switch (report.kind) {
    case "spend":
      // A spend report is shared by everyone asking the same question: so is its card.
      return derived(report, "slack", () => spendSlack(report));
    case "help":
      return helpSlack(report);
    case "error":
      return errorSlack(report);
    case "notice":
      return noticeSlack(report);
    case "errors":
      return noticeSlack(errorsNotice(report));
  }
}

const context = (text: string): SlackBlock => ({ type: "context", elements: [mrkdwn(text)] });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });

function spendSlack(r: SpendReport): SlackMessage {
  // Currency codes come from the data too: everything but our own markup is escaped.
  const money = (n: number) => esc(formatMoney(n, r.currency));
  const change = totalChange(r);
  const filters = filterLine(r.filters);
  const title = spendTitle(r.range, r.costType);
  const blocks: SlackBlock[] = [
    { type: "header", text: plainText(title, SLACK_LIMITS.header) },
    context(esc([formatDates(r.range.from, r.range.to, r.locale), filters].filter(Boolean).join(" · "))),
    {
      type: "section",
      fields: [
        mrkdwn(`*Total*\n${money(r.total)}`, SLACK_LIMITS.field),
        mrkdwn(
          `*Change*\n${[change.text, esc(previousLine(r.previous, r.currency, r.coverage, r.locale))].filter(Boolean).join(" ")}`,
          SLACK_LIMITS.field,
        ),
        ...r.channels.map((c) => {
          const vs = r.compare ? rowChangeLine(c.cost, c.previousCost, r.currency) : "";
          return mrkdwn(
            `*${channelName(c.channel)}*\n${money(c.cost)} · ${prepaymentNote(c.prepaymentEligible)}${vs ? `\n${esc(vs)}` : ""}`,
            SLACK_LIMITS.field,
          );
        }),
      ],
    },
  ];
  if (r.groups.length) blocks.push({ type: "divider" }, ...groupSections(r));
  if (r.otherCost !== 0) blocks.push(context(esc(otherCostLine(r.otherCost, r.currency))));
  const trend = trendLine(r.series, undefined, r.locale);
  if (trend) blocks.push(context(trend));
  const estimate = estimateLine(r.estimate, r.currency, r.locale);
  if (estimate) blocks.push(context(esc(estimate)));
  blocks.push(context(esc(freshnessLine(r.dataAsOf, r.source, r.locale))));
  if (r.warnings.length) blocks.push(section(warningsText(r.warnings)));
  const actions = actionsBlock(r.actions);
  if (actions) blocks.push(actions);
  const text = esc(
    `${title}: ${formatMoney(r.total, r.currency)} (${change.text || previousLine(r.previous, r.currency, r.coverage, r.locale)}). ${freshnessLine(r.dataAsOf, r.source, r.locale)}`,
  );
  return { text: truncateMrkdwn(text, SLACK_LIMITS.text), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}

function groupLine(g: SpendGroup, r: SpendReport): string {
  const key = groupKeyLabel(r.groupBy, g.key, r.locale);
  const bits = [`*${truncateMrkdwn(esc(key), 120)}*`, `${esc(formatMoney(g.cost, r.currency))} (${formatShare(g.cost, r.total)})`];
  // By day: compact lines (date, cost, share, change), so a whole month fits.
  const detail = r.groupBy !== "channel" && r.groupBy !== "day";
  if (g.channel && detail) bits.push(channelName(g.channel));
  if (detail) bits.push(tokensLine(g));
  const note = detail ? groupNote(g) : "";
  if (note) bits.push(esc(note));
  const vs = r.compare ? rowChangeLine(g.cost, g.previousCost, r.currency) : "";
  if (vs) bits.push(esc(vs));
  return `• ${bits.join(" · ")}`;
}

/** The breakdown as bullet lines, packed into as few sections as the 3000-char limit allows. */
function groupSections(r: SpendReport): SlackBlock[] {
  const byDay = r.groupBy === "day";
  const { shown, rest } = rollUp(r.groups, r.top, byDay ? SLACK_MAX_DAYS : SLACK_MAX_ROWS, byDay);
  const lines = shown.map((g) => groupLine(g, r));
  if (rest) {
    const vs = r.compare ? rowChangeLine(rest.cost, rest.previousCost, r.currency) : "";
    const line = `${esc(moreLine(rest.count, rest.cost, r.currency, rest.earlier))} (${formatShare(rest.cost, r.total)})${vs ? ` · ${esc(vs)}` : ""}`;
    // The oldest days roll up above the list (newest last); the smallest groups below it.
    if (rest.earlier) lines.unshift(`• ${line}`);
    else lines.push(`…and ${line}`);
  }
  lines.unshift(`*By ${groupByLabel(r.groupBy).toLowerCase()}*`);
  const out: SlackBlock[] = [];
  let chunk = "";
  for (const line of lines) {
    if (chunk && chunk.length + 1 + line.length > SLACK_LIMITS.text) {
      out.push(section(chunk));
      chunk = "";
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) out.push(section(chunk));
  return out;
}

function warningsText(warnings: string[]): string {
  const shown = warnings.slice(0, MAX_WARNINGS).map((w) => `:warning: ${truncateMrkdwn(esc(w), 500)}`);
  if (warnings.length > MAX_WARNINGS) shown.push(`…and ${warnings.length - MAX_WARNINGS} more warnings`);
  return shown.join("\n");
}

function actionsBlock(actions: SpendReport["actions"]): SlackBlock | null {
  // A cut command would ask a different question: leave such a button out instead.
  const usable = actions.filter((a) => a.command.length <= SLACK_LIMITS.buttonValue).slice(0, SLACK_LIMITS.actions);
  if (!usable.length) return null;
  return {
    type: "actions",
    elements: usable.map((a) => ({
      type: "button",
      text: plainText(a.label, SLACK_LIMITS.buttonText),
      action_id: `costbot_${a.id}`.slice(0, 255),
      value: a.command,
    })),
  };
}

function helpSlack(r: HelpReport): SlackMessage {
  const blocks: SlackBlock[] = [{ type: "header", text: plainText("costbot help", SLACK_LIMITS.header) }, section(esc(r.intro))];
  for (const s of r.sections.slice(0, SLACK_LIMITS.blocks - blocks.length)) {
    const examples = s.examples.map((e) => `\`${esc(e)}\``).join("  ·  ");
    blocks.push(section(`*${esc(s.title)}*\n${examples}`));
  }
  return { text: truncateMrkdwn(esc(r.intro), SLACK_LIMITS.text), blocks };
}

function errorSlack(r: ErrorReport): SlackMessage {
  const message = truncateMrkdwn(esc(r.message), 2000);
  const blocks: SlackBlock[] = [section(`:warning: *Could not answer:* ${message}`)];
  if (r.hint) blocks.push(context(esc(r.hint)));
  return { text: truncateMrkdwn(esc(`Could not answer: ${r.message}`), SLACK_LIMITS.text), blocks };
}

function noticeSlack(r: NoticeReport): SlackMessage {
  const icon = r.tone === "warning" ? ":warning: " : r.tone === "success" ? ":white_check_mark: " : "";
  const head = `${icon}*${truncateMrkdwn(esc(r.title), 500)}*`;
  const blocks: SlackBlock[] = [section(head)];
  const fields = (r.fields ?? []).slice(0, SLACK_LIMITS.fields);
  if (fields.length) {
    blocks.push({
      type: "section",
      fields: fields.map((f) => mrkdwn(truncateMrkdwn(`*${esc(f.label)}*\n${esc(f.value)}`, SLACK_LIMITS.field))),
    });
  }
  const body = r.lines.map((l) => esc(l)).join("\n");
  if (body) blocks.push(section(truncateMrkdwn(body, SLACK_LIMITS.text)));
  const actions = actionsBlock(r.actions ?? []);
  if (actions) blocks.push(actions);
  return { text: truncateMrkdwn(esc(r.title), SLACK_LIMITS.text), blocks };
}
