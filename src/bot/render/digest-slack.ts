// DigestReport -> Slack Block Kit, within the same limits and escaping as spend cards.
// Pure; called from slack.ts's switch. Must not import any platform SDK.
import type { DigestReport } from "../report.js";
import {
  budgetLine,
  dayLabel,
  budgetMark,
  comparisonLine,
  digestHeadline,
  digestTitle,
  forecastLine,
  monthToDateLine,
  moverLine,
  restatedLine,
  sourceForecastLine,
  failuresLine,
} from "./digest-format.js";
import { channelName, formatMoney, freshnessLine, prepaymentNote } from "./format.js";
import { escapeMrkdwn as esc, mrkdwn, plainText, truncateMrkdwn } from "./slack-escape.js";
import type { SlackBlock, SlackMessage } from "./slack-types.js";

const LIMITS = { blocks: 50, text: 3000, field: 2000, header: 150, lines: 25 } as const;

const context = (text: string): SlackBlock => ({ type: "context", elements: [mrkdwn(text, LIMITS.text)] });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text, LIMITS.text) });
const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, LIMITS.field);

/** Bullet lines under a bold heading, cut to a count and to one section's 3000 characters. */
function list(title: string, lines: string[]): SlackBlock {
  const shown = lines.slice(0, LIMITS.lines).map((l) => `• ${truncateMrkdwn(l, 300)}`);
  if (lines.length > LIMITS.lines) shown.push(`…and ${lines.length - LIMITS.lines} more`);
  return section(truncateMrkdwn(`*${title}*\n${shown.join("\n")}`, LIMITS.text));
}

export function digestSlack(r: DigestReport): SlackMessage {
  const money = (n: number) => esc(formatMoney(n, r.currency));
  const blocks: SlackBlock[] = [
    { type: "header", text: plainText(digestTitle(r), LIMITS.header) },
    {
      type: "section",
      fields: [
        field(dayLabel(r), `${money(r.day.total)}\n${esc(comparisonLine(r, "dayBefore"))}\n${esc(comparisonLine(r, "weekBefore"))}`),
        field("Month to date", esc(monthToDateLine(r))),
        ...r.channels.map((c) => field(channelName(c.channel), `${money(c.cost)} · ${prepaymentNote(c.prepaymentEligible)}`)),
        field("Month-end forecast", esc(forecastLine(r)) + (r.sourceForecast ? `\n${esc(sourceForecastLine(r.sourceForecast))}` : "")),
      ],
    },
  ];
  if (r.budgets.length) {
    const icon = { over: ":red_circle: ", near: ":large_orange_circle: ", ok: "" };
    blocks.push(
      list(
        "Budgets",
        r.budgets.map((b) => icon[budgetMark(b)] + esc(budgetLine(b, r.currency, r.locale))),
      ),
    );
  }
  if (r.movers.length)
    blocks.push(
      list(
        "Top movers",
        r.movers.map((m) => esc(moverLine(m, r.currency))),
      ),
    );
  for (const x of r.restated.slice(0, 5)) blocks.push(context(`:information_source: ${esc(restatedLine(x, r.currency, r.locale))}`));
  if (r.failures) blocks.push(context(`:warning: ${esc(failuresLine(r.failures, r.currency, r.locale))}`));
  blocks.push(context(esc(freshnessLine(r.dataAsOf, r.source, r.locale))));
  if (r.warnings.length) {
    const shown = r.warnings.slice(0, 10).map((w) => `:warning: ${truncateMrkdwn(esc(w), 500)}`);
    blocks.push(section(truncateMrkdwn(shown.join("\n"), LIMITS.text)));
  }
  return { text: truncateMrkdwn(esc(digestHeadline(r)), LIMITS.text), blocks: blocks.slice(0, LIMITS.blocks) };
}
