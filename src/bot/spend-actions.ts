// The buttons a spend card offers, as commands the parser reads back: explicit dates, so a button
// pressed tomorrow regroups the same period the card shows.
import type { GroupBy, SpendIntent } from "./intent-types.js";
import type { SpendReport } from "./report.js";

const GROUP_WORDS: Record<GroupBy, string> = {
  model: "by model",
  channel: "by channel",
  meter: "by meter",
  resource: "by resource",
  "resource-group": "by resource group",
  day: "by day",
};

/** The words that ask for `intent` again; parseIntent(commandFor(i)) yields i with explicit dates. */
function commandFor(intent: SpendIntent): string {
  const parts = [`${intent.range.from} to ${intent.range.to}`, GROUP_WORDS[intent.groupBy]];
  if (intent.model) parts.push(intent.model);
  if (intent.channel) parts.push(intent.channel);
  if (intent.top) parts.push(`top ${intent.top}`);
  if (intent.costType === "amortized") parts.push("amortized");
  if (intent.compare) parts.push("compare");
  return parts.join(" ");
}

export function spendActions(intent: SpendIntent): SpendReport["actions"] {
  const regroup = (["model", "channel", "day"] as const)
    .filter((g) => g !== intent.groupBy)
    .map((g) => ({ id: `by-${g}`, label: `By ${g}`, command: commandFor({ ...intent, groupBy: g }) }));
  const compare = intent.compare
    ? { id: "no-compare", label: "Hide comparison", command: commandFor({ ...intent, compare: false }) }
    : { id: "compare", label: "Compare with previous", command: commandFor({ ...intent, compare: true }) };
  return [...regroup, compare];
}
