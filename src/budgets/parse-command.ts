// Reads `budget ...` chat words: set (amount, period, model/channel filter, thresholds, name),
// remove, list. Pure and table-tested; amounts stay exact. No store, clock or platform imports.
import { parseAmount, type Amount } from "../cost/money.js";
import type { Channel } from "../cost/types.js";
import { asModelName, CHANNEL_WORDS, wordTable } from "../bot/intent-words.js";
import type { BudgetPeriod } from "../store/types.js";
import type { InvalidIntent } from "../bot/intent-types.js";

const DEFAULT_THRESHOLDS = [80, 100];

export type BudgetCommand =
  | { kind: "list" }
  | {
      kind: "set";
      amount: Amount;
      period: BudgetPeriod;
      model?: string;
      channel?: Channel;
      thresholds: number[];
      name: string;
      periodDefaulted: boolean;
    }
  | { kind: "remove"; name: string };

const PERIODS = wordTable<BudgetPeriod>({ daily: "daily", day: "daily", weekly: "weekly", week: "weekly", monthly: "monthly", month: "monthly" });
const SET = new Set(["set", "add", "create", "new", "change", "update"]);
const REMOVE = new Set(["remove", "delete", "rm", "drop", "clear"]);
const LIST = new Set(["list", "show", "status"]);
const FILLER = new Set(["for", "on", "only", "per", "a", "an", "each", "every", "of", "to", "budget", "usd", "dollars", "with"]);
const THRESHOLD_WORDS = new Set(["alerts", "alert", "thresholds", "threshold", "at", "warn", "warnings"]);
const NAME_WORDS = new Set(["named", "called", "name", "as"]);
const SET_HINT =
  "Try: budget set 5000 monthly · budget set 800 weekly for gpt-4o · budget set 1200 monthly marketplace alerts 50,80,100 named market";

const ONE_CENT = parseAmount("0.01")!;
const TOO_LARGE = parseAmount("1000000000000000")!;

/** `$5,000`, `5000`, `5k`, `1.5m`: exact; null when it is not an amount. */
export function parseBudgetAmount(word: string): Amount | null {
  // Thousands separators only in groups of three, so "5,00" (a typo) is not read as 500.
  const m = /^\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m)?$/.exec(word.toLowerCase());
  if (!m) return null;
  const base = parseAmount(m[1]);
  if (base === null) return null;
  return m[2] === "k" ? base * 1000n : m[2] === "m" ? base * 1_000_000n : base;
}

/** What the words ask of budgets, or what is wrong with them (an `invalid` with a hint); null when they are not a budget command at all. */
export function parseBudgetCommand(words: string[]): BudgetCommand | InvalidIntent | null {
  const head = words[0];
  if (head !== "budget" && head !== "budgets") return null;
  const verb = words[1];
  if (verb === undefined || LIST.has(verb))
    return words.length <= 2 ? { kind: "list" } : error(`"${words.slice(2).join(" ")}" after "${verb}" is not something I can list.`, "Try: budgets");
  if (REMOVE.has(verb)) {
    const name = words.slice(2).join(" ").trim();
    return name ? { kind: "remove", name } : error("Name the budget to remove.", "Try: budget remove monthly (see the names with: budgets)");
  }
  if (SET.has(verb)) return parseSet(words.slice(2));
  if (parseBudgetAmount(verb) !== null) return parseSet(words.slice(1));
  return error(`"${verb}" is not a budget command.`, "Budget commands: budgets · budget set 5000 monthly · budget remove <name>");
}

function parseSet(w: string[]): BudgetCommand | InvalidIntent {
  let amount: Amount | undefined;
  let period: BudgetPeriod | undefined;
  let model: string | undefined;
  let channel: Channel | undefined;
  let thresholds: number[] | undefined;
  let name: string | undefined;
  for (let i = 0; i < w.length; i++) {
    const word = w[i];
    const p = PERIODS[word];
    const c = CHANNEL_WORDS[word];
    if (p) {
      if (period && period !== p) return error(`A budget has one period; I read both ${period} and ${p}.`, SET_HINT);
      period = p;
    } else if (c) {
      if (channel && channel !== c) return error("A budget counts one channel (microsoft or marketplace), or both when you name none.", SET_HINT);
      channel = c;
    } else if (THRESHOLD_WORDS.has(word)) {
      const list: string[] = [];
      // Numbers, or anything in a comma list ("50,abc" is a bad list, not a model name).
      while (i + 1 < w.length && (/^[\d.,%]+$/.test(w[i + 1]) || w[i + 1].includes(","))) list.push(w[++i]);
      const parsed = parseThresholds(list.join(","));
      if (typeof parsed === "string") return error(parsed, SET_HINT);
      thresholds = parsed;
    } else if (NAME_WORDS.has(word)) {
      name = w
        .slice(i + 1)
        .join(" ")
        .trim();
      if (!name) return error(`"${word}" needs a name after it.`, SET_HINT);
      break;
    } else if (FILLER.has(word)) {
      // a filler word says nothing: skip it
    } else if (amount === undefined && parseBudgetAmount(word) !== null) {
      amount = parseBudgetAmount(word)!;
    } else if (!model && asModelName(word)) {
      model = asModelName(word);
    } else {
      return error(`I don't understand "${word}" in a budget.`, SET_HINT);
    }
  }
  if (amount === undefined) return error("A budget needs an amount.", SET_HINT);
  if (amount <= 0n) return error("A budget amount must be more than zero.", SET_HINT);
  // Cards show cents: a smaller budget would read "$0.00" and alert at once.
  if (amount < ONE_CENT) return error("A budget must be at least $0.01 (cards show whole cents).", SET_HINT);
  if (amount >= TOO_LARGE) return error("That budget is too large: at most 15 digits before the decimal point.", SET_HINT);
  const chosen = period ?? "monthly";
  return {
    kind: "set",
    amount,
    period: chosen,
    ...(model ? { model } : {}),
    ...(channel ? { channel } : {}),
    thresholds: thresholds ?? DEFAULT_THRESHOLDS,
    name: name ?? [chosen, model, channel].filter(Boolean).join(" "),
    periodDefaulted: period === undefined,
  };
}

/** "50,80,100", "50%, 80%": ascending distinct percentages in (0, 1000]; a message when not. */
function parseThresholds(text: string): number[] | string {
  const parts = text
    .split(",")
    .map((s) => s.trim().replace(/%$/, ""))
    .filter(Boolean);
  if (parts.length === 0) return "Name the alert thresholds in percent, e.g. alerts 50,80,100.";
  const values = parts.map(Number);
  const bad = parts.find((p, i) => !/^\d+(\.\d+)?$/.test(p) || !(values[i] > 0 && values[i] <= 1000));
  if (bad !== undefined) return `"${bad}" is not an alert threshold: use percentages above 0 and up to 1000, e.g. 50,80,100.`;
  const out = [...new Set(values)].sort((a, b) => a - b);
  return out.length > 10 ? "At most 10 alert thresholds per budget." : out;
}

const error = (message: string, hint: string): InvalidIntent => ({ kind: "invalid", message, hint });
