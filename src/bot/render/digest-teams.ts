// DigestReport -> Adaptive Card body (1.5) for Teams. Data goes only into TextRuns (never parsed
// as Markdown), like spend cards. Pure; called from teams.ts's switch. Must not import any SDK.
import type { DigestReport } from "../report.js";
import {
  budgetLine,
  dayLabel,
  budgetMark,
  comparisonLine,
  digestTitle,
  forecastLine,
  monthToDateLine,
  moverLine,
  restatedLine,
  sourceForecastLine,
  failuresLine,
} from "./digest-format.js";
import { channelName, formatChange, formatMoney, freshnessLine, prepaymentNote, truncate } from "./format.js";

type CardElement = Record<string, unknown>;
const MAX_LINES = 20;

const run = (text: string, style: Record<string, unknown> = {}): CardElement => ({ type: "TextRun", text, ...style });
const rich = (inlines: CardElement[], extra: Record<string, unknown> = {}): CardElement => ({ type: "RichTextBlock", inlines, ...extra });
const text = (t: string, extra: Record<string, unknown> = {}): CardElement => ({ type: "TextBlock", text: t, wrap: true, ...extra });

function listBlock(title: string, lines: Array<{ text: string; color?: string }>): CardElement {
  const items: CardElement[] = [rich([run(title, { weight: "Bolder" })])];
  for (const l of lines.slice(0, MAX_LINES)) {
    items.push(rich([run(truncate(l.text, 500), l.color ? { color: l.color } : {})], { spacing: "Small" }));
  }
  if (lines.length > MAX_LINES) items.push(text(`…and ${lines.length - MAX_LINES} more`, { isSubtle: true }));
  return { type: "Container", separator: true, items };
}

export function digestTeamsBody(r: DigestReport): CardElement[] {
  const money = (n: number) => formatMoney(n, r.currency);
  const change = formatChange(r.day.total, r.day.dayBefore.total);
  const color = change.direction === "up" ? "Attention" : change.direction === "down" ? "Good" : "Default";
  const facts = [
    ...r.channels.map((c) => ({ title: channelName(c.channel), value: `${money(c.cost)} · ${prepaymentNote(c.prepaymentEligible)}` })),
    { title: "Month to date", value: monthToDateLine(r) },
    { title: "Month-end forecast", value: forecastLine(r) },
  ];
  if (r.sourceForecast) facts.push({ title: "Azure", value: truncate(sourceForecastLine(r.sourceForecast), 500) });
  const body: CardElement[] = [
    rich([run(digestTitle(r), { size: "Large", weight: "Bolder" })]),
    {
      type: "ColumnSet",
      columns: [
        {
          type: "Column",
          width: "auto",
          items: [text(dayLabel(r), { isSubtle: true }), text(money(r.day.total), { size: "ExtraLarge", weight: "Bolder", spacing: "None" })],
        },
        {
          type: "Column",
          width: "stretch",
          items: [
            text(comparisonLine(r, "dayBefore"), { color, spacing: "None" }),
            text(comparisonLine(r, "weekBefore"), { isSubtle: true, spacing: "None" }),
          ],
        },
      ],
    },
    { type: "FactSet", facts },
  ];
  if (r.budgets.length) {
    const colors = { over: "Attention", near: "Warning", ok: undefined };
    body.push(
      listBlock(
        "Budgets",
        r.budgets.map((b) => ({ text: budgetLine(b, r.currency, r.locale), color: colors[budgetMark(b)] })),
      ),
    );
  }
  if (r.movers.length)
    body.push(
      listBlock(
        "Top movers",
        r.movers.map((m) => ({ text: moverLine(m, r.currency) })),
      ),
    );
  const notes: CardElement[] = r.restated.slice(0, 5).map((x) => rich([run(restatedLine(x, r.currency, r.locale), { size: "Small" })]));
  if (r.failures) notes.push(rich([run(failuresLine(r.failures, r.currency, r.locale), { color: "Warning", size: "Small" })]));
  notes.push(rich([run(freshnessLine(r.dataAsOf, r.source, r.locale), { isSubtle: true, size: "Small" })]));
  body.push({ type: "Container", separator: true, items: notes });
  if (r.warnings.length) {
    const items = r.warnings.slice(0, 10).map((w) => rich([run(`⚠ ${truncate(w, 500)}`, { color: "Warning" })]));
    body.push({ type: "Container", style: "warning", items });
  }
  return body;
}
