// WordedCard -> Slack Block Kit, within the same limits and escaping as spend cards: every word
// of the card is data here (escaped); only the markup around it is ours. Must not import any SDK.
import { escapeMrkdwn as esc, mrkdwn, plainText, truncateMrkdwn } from "./slack-escape.js";
import type { SlackBlock, SlackMessage } from "./slack-types.js";
import { chatNotes, type WordedCard, type WordedField, type WordedList } from "./worded.js";

const LIMITS = { blocks: 50, text: 3000, fields: 10, field: 2000, header: 150, lines: 25, warnings: 10 } as const;
const MARK_ICONS = { over: ":red_circle: ", near: ":large_orange_circle: ", ok: "" };
const NOTE_ICONS: Partial<Record<string, string>> = { info: ":information_source: ", warning: ":warning: " };

const context = (text: string): SlackBlock => ({ type: "context", elements: [mrkdwn(text, LIMITS.text)] });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text, LIMITS.text) });
const field = (label: string, value: string) => mrkdwn(`*${esc(label)}*\n${value}`, LIMITS.field);
const fieldValue = (f: WordedField) => esc(f.value) + (f.detail === undefined ? "" : ` · ${esc(f.detail)}`) + (f.more ? `\n${esc(f.more.text)}` : "");

/** Bullet lines under a bold heading, cut to a count and to one section's 3000 characters. */
function list(l: WordedList): SlackBlock {
  const lines = l.items.map((i) => (i.mark ? MARK_ICONS[i.mark] : "") + esc(i.text));
  const shown = lines.slice(0, LIMITS.lines).map((line) => `• ${truncateMrkdwn(line, 300)}`);
  if (lines.length > LIMITS.lines) shown.push(`…and ${lines.length - LIMITS.lines} more`);
  return section(truncateMrkdwn(`*${esc(l.title)}*\n${shown.join("\n")}`, LIMITS.text));
}

export function wordedSlack(c: WordedCard): SlackMessage {
  const [first, ...rest] = c.fields.map((f) => field(f.label, fieldValue(f)));
  // Two columns: the figure beside the first field, then the figure's parts, then the other fields.
  const figure = field(c.figure.label, [esc(c.figure.value), ...c.figure.notes.map((n) => esc(n.text))].join("\n"));
  const parts = c.figure.parts.map((f) => field(f.label, fieldValue(f)));
  const fields = [figure, ...(first ? [first] : []), ...parts, ...rest].slice(0, LIMITS.fields);
  const blocks: SlackBlock[] = [
    { type: "header", text: plainText(c.title, LIMITS.header) },
    { type: "section", fields },
  ];
  for (const l of c.lists) if (l.items.length) blocks.push(list(l));
  for (const n of chatNotes(c.notes)) blocks.push(context((NOTE_ICONS[n.tone] ?? "") + esc(n.text)));
  blocks.push(context(esc(c.freshness)));
  if (c.warnings.length) {
    const shown = c.warnings.slice(0, LIMITS.warnings).map((w) => `:warning: ${truncateMrkdwn(esc(w), 500)}`);
    blocks.push(section(truncateMrkdwn(shown.join("\n"), LIMITS.text)));
  }
  return { text: truncateMrkdwn(esc(c.headline), LIMITS.text), blocks: blocks.slice(0, LIMITS.blocks) };
}
