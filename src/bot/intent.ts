// parseIntent: chat text -> what it asks for (DESIGN.md §3 date, grouping and filter words).
// Never guesses: an unknown word gives an `invalid` intent naming it. Pure; must not import
// platform SDKs, cost sources or the handler.
import type { Channel, CostType } from "../cost/types.js";
import { currentPeriod, matchDateWords } from "./date-words.js";
import { type Clock, makeClock } from "./intent-calendar.js";
import { matchVersus, resolveVersus, type Versus } from "./intent-compare.js";
import type { CommandIntent, CommandWords, DateRange, GroupBy, Intent, InvalidIntent, ParseContext } from "./intent-types.js";
import type { CompareRule } from "./periods.js";
import { asModelName, CHANNEL_WORDS, COMPARE_FLAGS, COST_TYPE_WORDS, FILLER, HELP_WORDS, matchGrouping, tokenize } from "./intent-words.js";

const TRY = `Try: this week, last month by channel, gpt-4o yesterday, 2025-11-01 to 2025-11-15, or "help".`;

interface Draft {
  range?: DateRange;
  rule?: CompareRule;
  versus?: Versus;
  /** "hide comparison": no per-row change even with `vs`. */
  compareOff?: boolean;
  groupBy?: GroupBy;
  model?: string;
  channel?: Channel;
  costType?: CostType;
  top?: number;
  compare: boolean;
}

/**
 * A message that starts with a command's word is that command's, whatever follows: its parse reads
 * the words into a `command` intent, or says what was wrong as an `invalid` one.
 */
function commandOf(w: string[], commands: CommandParsers, ctx: ParseContext): CommandIntent | InvalidIntent | null {
  const named = w.length > 0 && commands.has(w[0]) ? w : w.length === 2 && w[0] === "help" && commands.get(w[1])?.helpTopic ? w.slice(1) : null;
  if (!named) return null;
  const parsed = commands.get(named[0])!.parse(named, ctx);
  return isInvalid(parsed) ? parsed : { kind: "command", head: named[0], command: parsed };
}

const isInvalid = (parsed: unknown): parsed is InvalidIntent =>
  typeof parsed === "object" && parsed !== null && (parsed as { kind?: unknown }).kind === "invalid";

type Step = { next: number; apply?: (d: Draft) => InvalidIntent | void } | InvalidIntent;

/** The chat commands a bot answers, by the first word that names each; `helpTopic` ones also answer `help <word>`. */
type CommandParsers = ReadonlyMap<string, CommandWords>;

/**
 * The one parser: a cost question, help or unreadable words; with `commands`, also a chat command,
 * read by that command's own parse (its bad words come back `invalid` like any other).
 */
export function parseIntent(text: string, ctx: ParseContext, opts?: { costType?: CostType }): Exclude<Intent, CommandIntent>;
export function parseIntent(text: string, ctx: ParseContext, opts: { costType?: CostType; commands: CommandParsers }): Intent;
export function parseIntent(text: string, ctx: ParseContext, opts: { costType?: CostType; commands?: CommandParsers } = {}): Intent {
  const w = tokenize(text);
  const command = opts.commands && commandOf(w, opts.commands, ctx);
  if (command) return command;
  if (w.length === 0 || w.some((x) => HELP_WORDS.has(x))) return { kind: "help" };
  const clock = makeClock(ctx);
  if ("kind" in clock) return clock;
  const draft: Draft = { compare: false };
  for (let i = 0; i < w.length; ) {
    const step = readOne(w, i, clock);
    if ("kind" in step) return step;
    const err = step.apply?.(draft);
    if (err) return err;
    i = step.next;
  }
  const own = draft.range ? { range: draft.range, rule: draft.rule } : undefined;
  const month = () => ({ range: currentPeriod(clock, "month"), rule: { unit: "month" as const } });
  const { range, previous, note } = resolveVersus(own, draft.versus, month, { current: (u) => currentPeriod(clock, u) });
  return {
    kind: "spend",
    range,
    ...(draft.range || draft.versus ? {} : { defaultRange: true }),
    previous,
    ...(note ? { notes: [note] } : {}),
    groupBy: draft.groupBy ?? "model",
    ...(draft.model ? { model: draft.model } : {}),
    ...(draft.channel ? { channel: draft.channel } : {}),
    compare: draft.compare && !draft.compareOff,
    ...(draft.top ? { top: draft.top } : {}),
    costType: draft.costType ?? opts.costType ?? "actual",
  };
}

/** Sets a field once; a second, different value is a question we will not guess at. */
function once<K extends keyof Draft>(key: K, value: Draft[K], word: string, what: string) {
  return (d: Draft): InvalidIntent | void => {
    const had = d[key];
    if (had !== undefined && JSON.stringify(had) !== JSON.stringify(value)) {
      return { kind: "invalid", word, message: `"${word}" asks for a second ${what}; ask for one at a time. ${TRY}` };
    }
    d[key] = value;
  };
}

function readOne(w: string[], i: number, clock: Clock): Step {
  const word = w[i];
  const vs = matchVersus(w, i, clock);
  if (vs) {
    if ("error" in vs) return vs.error;
    const setVersus = once("versus", vs.versus, w.slice(i, vs.next).join(" "), "comparison");
    return {
      next: vs.next,
      apply: (d) => {
        d.compare = true;
        return setVersus(d);
      },
    };
  }
  const off = matchCompareOff(w, i);
  if (off) return { next: off, apply: (d) => void (d.compareOff = true) };
  const date = matchDateWords(w, i, clock);
  if (date) {
    if ("error" in date) return date.error;
    const setRange = once("range", date.range, w.slice(i, date.next).join(" "), "date range");
    return { next: date.next, apply: (d) => setRange(d) ?? void (d.rule = date.rule) };
  }
  const g = matchGrouping(w, i);
  if (g) {
    if ("bad" in g) {
      return {
        kind: "invalid",
        word: g.bad,
        message: `I can't group by "${g.bad}". Try: by model, by channel, by meter, by resource, by resource group, by day, by deployment type.`,
      };
    }
    return { next: g.next, apply: once("groupBy", g.groupBy, w.slice(i, g.next).join(" "), "grouping") };
  }
  const top = /^top(\d*)$/.exec(word);
  if (top) return readTop(top[1] || w[i + 1], i + (top[1] ? 1 : 2), word);
  const costType = COST_TYPE_WORDS[word];
  if (costType) return { next: i + 1, apply: once("costType", costType, word, "cost type") };
  const channel = CHANNEL_WORDS[word];
  if (channel) return { next: i + 1, apply: once("channel", channel, word, "billing channel") };
  if (COMPARE_FLAGS.has(word) || /^compar(ed|ing)$/.test(word)) return { next: i + 1, apply: (d) => void (d.compare = true) };
  if (FILLER.has(word)) return { next: i + 1 };
  const model = asModelName(word);
  if (model) return { next: i + 1, apply: once("model", model, word, "model") };
  return unknown(w, i);
}

/** "hide comparison", "no comparison", "without comparison": the end of an index, or 0. */
function matchCompareOff(w: string[], i: number): number {
  if (!["hide", "no", "without"].includes(w[i])) return 0;
  return /^compar(e|ison)$/.test(w[i + 1] ?? "") ? i + 2 : 0;
}

function readTop(n: string | undefined, next: number, word: string): Step {
  if (n === undefined || !/^\d+$/.test(n) || +n < 1 || +n > 100) {
    const shown = n === undefined ? word : `${word === "top" ? "top " : ""}${n}`;
    return { kind: "invalid", word: n ?? word, message: `"${shown}": top needs a number from 1 to 100, like "top 5".` };
  }
  return { next, apply: once("top", +n, `top ${n}`, "top count") };
}

const PREFIX = new Set(["this", "current", "last", "past", "previous", "prev", "prior"]);

function unknown(w: string[], i: number): InvalidIntent {
  const word = w[i];
  if (word === "next" || word === "tomorrow" || word === "upcoming") {
    const text = w.slice(i, word === "tomorrow" ? i + 1 : i + 2).join(" ");
    return { kind: "invalid", word, message: `"${text}" is in the future; I can only show spend that has happened. ${TRY}` };
  }
  if (PREFIX.has(word) && w[i + 1] !== undefined) {
    // "last 5 fortnights": the word to name is the one after the number
    const j = /^\d+$/.test(w[i + 1]) && w[i + 2] !== undefined ? i + 2 : i + 1;
    return { kind: "invalid", word: w[j], message: `I don't know "${w.slice(i, j + 1).join(" ")}" ("${w[j]}"). ${TRY}` };
  }
  return { kind: "invalid", word, message: `I don't know "${word}". ${TRY}` };
}
