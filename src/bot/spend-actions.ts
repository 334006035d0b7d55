// The buttons a spend card offers, as commands the parser reads back: explicit dates, so a button
// pressed tomorrow regroups the same period the card shows and compares it with the same period.
import type { GroupBy, SpendIntent } from "./intent-types.js";
import { previousPeriod } from "./periods.js";
import type { SpendReport } from "./report.js";

const GROUP_WORDS: Record<GroupBy, string> = {
  model: "by model",
  channel: "by channel",
  meter: "by meter",
  resource: "by resource",
  "resource-group": "by resource group",
  day: "by day",
  deployment: "by deployment",
  "deployment-type": "by deployment type",
};

/**
 * The words that ask for `intent` again with explicit dates. The compared period is named with
 * `vs` only when explicit dates alone would be compared with another one (this week on a
 * Wednesday compares Mon–Wed with Mon–Wed; the same dates typed compare with the 3 days before).
 */
function commandFor(intent: SpendIntent, prev: { from: string; to: string }): string {
  const parts = [`${intent.range.from} to ${intent.range.to}`, GROUP_WORDS[intent.groupBy]];
  const inferred = previousPeriod(intent.range.from, intent.range.to);
  const named = inferred.from !== prev.from || inferred.to !== prev.to;
  if (named) parts.push(`vs ${prev.from} to ${prev.to}`);
  if (intent.model) parts.push(intent.model);
  if (intent.channel) parts.push(intent.channel);
  if (intent.top) parts.push(`top ${intent.top}`);
  if (intent.costType === "amortized") parts.push("amortized");
  if (intent.compare) parts.push("compare");
  else if (named) parts.push("no comparison");
  return parts.join(" ");
}

export function spendActions(intent: SpendIntent, prev: { from: string; to: string }): SpendReport["actions"] {
  const regroup = (["model", "channel", "day"] as const)
    .filter((g) => g !== intent.groupBy)
    .map((g) => ({ id: `by-${g}`, label: `By ${g}`, command: commandFor({ ...intent, groupBy: g }, prev) }));
  const compare = intent.compare
    ? { id: "no-compare", label: "Hide comparison", command: commandFor({ ...intent, compare: false }, prev) }
    : { id: "compare", label: "Compare with previous", command: commandFor({ ...intent, compare: true }, prev) };
  return [...regroup, compare];
}
