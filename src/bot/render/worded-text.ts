// WordedCard -> plain text (CLI, logs, and the fallback text of notifications): a table of the
// figure, its parts and the fields, then the lists, notes, freshness and warnings, all of them.
// Pure; must not import any platform SDK.
import type { WordedCard, WordedField } from "./worded.js";

const value = (f: WordedField) => (f.detail === undefined ? f.value : `${f.value}   ${f.detail}`);

export function wordedText(c: WordedCard): string {
  const rows: Array<[string, string]> = [
    [c.figure.label, `${c.figure.value}   ${c.figure.notes.map((n) => n.text).join(" · ")}`],
    ...[...c.figure.parts, ...c.fields].map((f): [string, string] => [f.label, value(f)]),
  ];
  const w = Math.max(...rows.map(([label]) => label.length));
  const lines = [c.title, "", ...rows.map(([label, v]) => `${label.padEnd(w)}  ${v}`)];
  for (const f of [...c.figure.parts, ...c.fields]) if (f.more) lines.push(f.more.text);
  for (const l of c.lists) {
    if (!l.items.length) continue;
    lines.push("", l.title);
    for (const i of l.items) lines.push(i.mark ? `  ${i.mark === "ok" ? " " : "!"} ${i.text}` : `  ${i.text}`);
  }
  lines.push("", ...c.notes.map((n) => n.text), c.freshness, ...c.warnings.map((w) => `! ${w}`));
  return lines.join("\n");
}
