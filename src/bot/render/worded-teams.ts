// WordedCard -> Adaptive Card (1.5) for Teams. Words go only into TextBlocks and TextRuns (never
// parsed as Markdown), like spend cards. Pure; must not import any platform SDK.
import { truncate } from "./format.js";
import { type AdaptiveCard, card } from "./teams.js";
import { chatNotes, type Tone, type WordedCard, type WordedField, type WordedList } from "./worded.js";

type CardElement = Record<string, unknown>;
const MAX_LINES = 20;
const MAX_WARNINGS = 10;
const TONES: Record<Tone, Record<string, unknown>> = {
  rise: { color: "Attention" },
  fall: { color: "Good" },
  steady: { color: "Default" },
  subtle: { isSubtle: true },
  info: {},
  warning: { color: "Warning" },
};
const MARK_COLORS = { over: "Attention", near: "Warning", ok: undefined };

const run = (text: string, style: Record<string, unknown> = {}): CardElement => ({ type: "TextRun", text, ...style });
const rich = (inlines: CardElement[], extra: Record<string, unknown> = {}): CardElement => ({ type: "RichTextBlock", inlines, ...extra });
const text = (t: string, extra: Record<string, unknown> = {}): CardElement => ({ type: "TextBlock", text: t, wrap: true, ...extra });

function listBlock(l: WordedList): CardElement {
  const items: CardElement[] = [rich([run(l.title, { weight: "Bolder" })])];
  for (const i of l.items.slice(0, MAX_LINES)) {
    const color = i.mark && MARK_COLORS[i.mark];
    items.push(rich([run(truncate(i.text, 500), color ? { color } : {})], { spacing: "Small" }));
  }
  if (l.items.length > MAX_LINES) items.push(text(`…and ${l.items.length - MAX_LINES} more`, { isSubtle: true }));
  return { type: "Container", separator: true, items };
}

/** Facts in order, each field's `more` right after it as a fact of its own. */
function facts(fields: WordedField[]): Array<{ title: string; value: string }> {
  return fields.flatMap((f) => [
    { title: f.label, value: f.detail === undefined ? f.value : `${f.value} · ${f.detail}` },
    ...(f.more ? [{ title: f.more.label, value: truncate(f.more.text, 500) }] : []),
  ]);
}

export function wordedTeams(c: WordedCard): AdaptiveCard {
  const figure = {
    type: "ColumnSet",
    columns: [
      {
        type: "Column",
        width: "auto",
        items: [text(c.figure.label, { isSubtle: true }), text(c.figure.value, { size: "ExtraLarge", weight: "Bolder", spacing: "None" })],
      },
      { type: "Column", width: "stretch", items: c.figure.notes.map((n) => text(n.text, { ...TONES[n.tone], spacing: "None" })) },
    ],
  };
  const body: CardElement[] = [
    rich([run(c.title, { size: "Large", weight: "Bolder" })]),
    figure,
    { type: "FactSet", facts: facts([...c.figure.parts, ...c.fields]) },
  ];
  for (const l of c.lists) if (l.items.length) body.push(listBlock(l));
  const notes = chatNotes(c.notes).map((n) => rich([run(n.text, { ...TONES[n.tone], size: "Small" })]));
  notes.push(rich([run(c.freshness, { ...TONES.subtle, size: "Small" })]));
  body.push({ type: "Container", separator: true, items: notes });
  if (c.warnings.length) {
    const items = c.warnings.slice(0, MAX_WARNINGS).map((w) => rich([run(`⚠ ${truncate(w, 500)}`, { color: "Warning" })]));
    body.push({ type: "Container", style: "warning", items });
  }
  return card(body);
}
