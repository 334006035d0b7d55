// The words of a cost question apart from dates: tokenizing chat text, grouping and filter words,
// filler, model-name detection. Pure string work; must not import platform SDKs.
import type { Channel, CostType } from "../cost/types.js";
import type { GroupBy } from "./intent-types.js";

/**
 * Lowercase words of a message with mentions (`@costbot`, `<@U123>`, `<at>costbot</at>`), a
 * leading slash command, markup and stray punctuation removed. `a..b` and `a–b` become three words.
 */
export function tokenize(text: string): string[] {
  const plain = String(text ?? "")
    .replace(/<at>[\s\S]*?<\/at>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|\u00a0/gi, " ")
    .toLowerCase();
  const words = plain.split(/\s+/).flatMap((w) => w.split(/(\.\.|[–—])/));
  if (/^\/\w+$/.test(words.find((w) => w) ?? ""))
    words.splice(
      words.findIndex((w) => w),
      1,
    );
  return words
    .filter((w) => !w.startsWith("@"))
    .map((w) => (w === ".." || /^[-–—]$/.test(w) ? w : w.replace(/^["'“”‘’([{]+|["'“”‘’)\]}?!.,;:]+$/g, "")))
    .filter((w) => w.length > 0);
}

/** A word list with no prototype, so "constructor" or "__proto__" typed in chat is just unknown. */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

export const HELP_WORDS = new Set(["help", "commands", "examples"]);

/** Words that carry no meaning in a cost question ("show me what we spent on ai models"). */
export const FILLER = new Set([
  "show",
  "me",
  "spend",
  "spending",
  "spent",
  "cost",
  "costs",
  "costing",
  "what",
  "whats",
  "what's",
  "did",
  "do",
  "does",
  "we",
  "us",
  "our",
  "for",
  "in",
  "the",
  "how",
  "much",
  "is",
  "are",
  "was",
  "were",
  "so",
  "far",
  "of",
  "on",
  "a",
  "an",
  "ai",
  "azure",
  "model",
  "models",
  "usage",
  "total",
  "please",
  "pls",
  "give",
  "get",
  "tell",
  "i",
  "can",
  "see",
  "breakdown",
  "broken",
  "down",
  "group",
  "grouped",
  "split",
  "report",
  "all",
  "and",
  "at",
  "it",
  "about",
  "with",
  "list",
  "costbot",
]);

/** Words after `by` / `per` and what they group by. */
const GROUP_WORDS = wordTable<GroupBy>({
  model: "model",
  models: "model",
  channel: "channel",
  channels: "channel",
  billing: "channel",
  meter: "meter",
  meters: "meter",
  resource: "resource",
  resources: "resource",
  "resource-group": "resource-group",
  "resource-groups": "resource-group",
  resourcegroup: "resource-group",
  rg: "resource-group",
  rgs: "resource-group",
  day: "day",
  days: "day",
  date: "day",
  daily: "day",
  deployment: "deployment",
  deployments: "deployment",
  "deployment-type": "deployment-type",
  "deployment-types": "deployment-type",
});

/** Reads `by <thing>` (also `by resource group`, `daily`); returns the grouping and next index. */
export function matchGrouping(w: string[], i: number): { next: number; groupBy: GroupBy } | { next: number; bad: string } | null {
  if (w[i] === "daily") return { next: i + 1, groupBy: "day" };
  if (w[i] !== "by" && w[i] !== "per") return null;
  const what = w[i + 1];
  if ((what === "resource" || what === "resources") && /^groups?$/.test(w[i + 2] ?? "")) {
    return { next: i + 3, groupBy: "resource-group" };
  }
  if (/^deployments?$/.test(what ?? "") && /^types?$/.test(w[i + 2] ?? "")) return { next: i + 3, groupBy: "deployment-type" };
  const groupBy = what === undefined ? undefined : GROUP_WORDS[what];
  if (groupBy) return { next: i + 2, groupBy };
  return { next: i + 2, bad: what ?? w[i] };
}

export const CHANNEL_WORDS = wordTable<Channel>({ microsoft: "microsoft", marketplace: "marketplace" });

export const COST_TYPE_WORDS = wordTable<CostType>({
  actual: "actual",
  actuals: "actual",
  amortized: "amortized",
  amortised: "amortized",
  amortization: "amortized",
  amortisation: "amortized",
});

export const COMPARE_FLAGS = new Set(["compare", "comparison", "change", "trend"]);
/** Words that introduce what to compare with: `vs last week`, `compared to the previous period`. */
export const VERSUS = new Set(["vs", "v", "versus", "against"]);

const FAMILY =
  /^(gpt|o1|o3|o4|deepseek|phi|mistral|ministral|codestral|llama|cohere|command-|embed-|text-embedding|dall-e|whisper|tts|jamba|grok|ai21|openai$|ptus?$|provisioned$|sora|mai-ds)/;

/**
 * A model filter, lowercase: any word of letters/digits/dots/hyphens with both a letter and a
 * digit and a hyphen or dot (`mistral-large-2411`), or a known family (`gpt-4o`, `o3-mini`).
 */
export function asModelName(word: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(word)) return undefined;
  if (FAMILY.test(word)) return word;
  if (/[a-z]/.test(word) && /\d/.test(word) && /[-.]/.test(word)) return word;
  return undefined;
}
