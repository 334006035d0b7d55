// What a chat message asks for, after parsing. Platform-free, plain data.
import type { Channel, CostType } from "../cost/types.js";

export type GroupBy = "model" | "channel" | "meter" | "resource" | "resource-group" | "day" | "deployment" | "deployment-type";

/** Inclusive calendar dates (YYYY-MM-DD) in the asker's zone, with a human label ("This week"). */
export interface DateRange {
  from: string;
  to: string;
  label: string;
}

/** The clock and conventions a message is read against. */
export interface ParseContext {
  /** The current instant. */
  now: Date;
  /** IANA zone the date words are read in (default UTC). */
  tz: string;
  /** 1 = Monday (default), 0 = Sunday, 6 = Saturday. */
  weekStartsOn?: 0 | 1 | 6;
  /** BCP 47 tag labels write dates in ("en-US": "Nov 5, 2025"); default "5 Nov 2025". */
  locale?: string;
}

export interface SpendIntent {
  kind: "spend";
  range: DateRange;
  /** No date words were given: this month, or the last month the source has data for. */
  defaultRange?: boolean;
  /** The period the range is compared with (same span of the period before, or one named with `vs`). */
  previous?: DateRange;
  /** Things to tell the asker about the question itself (unequal periods compared). */
  notes?: string[];
  groupBy: GroupBy;
  /** Only this model (lowercase catalog name, e.g. "gpt-4o"). */
  model?: string;
  /** Only this billing channel. */
  channel?: Channel;
  /** Show the change per row (model, channel, ...) against `previous`, not only the total's. */
  compare: boolean;
  /** Show at most this many groups on a card ("top 5"); JSON still lists every group. */
  top?: number;
  costType: CostType;
}

export interface HelpIntent {
  kind: "help";
}

/**
 * Text we could not read: `message` names what was wrong, `word` the offending word, `hint` what to
 * try instead (a chat command's own examples, e.g. "Try: alerts here · alerts off · alerts").
 */
export interface InvalidIntent {
  kind: "invalid";
  message: string;
  word?: string;
  hint?: string;
}

/**
 * A chat command beyond cost questions (forecast, errors, digest, budget, alerts ...): the command
 * registered for its first word (`head`) has read the words into `command`, its own typed value
 * (e.g. `{ kind: "set", amount, period, ... }` for `budget set 5000 monthly`), which only its `run` reads.
 * Which commands exist is the bot's setup.
 */
export interface CommandIntent<T = unknown> {
  kind: "command";
  head: string;
  command: T;
}

/**
 * How a chat command reads its words (the message's words, its head first): into its own value, or
 * an `invalid` intent saying what was wrong (so its own value never has `kind: "invalid"`).
 * Pure: no store, clock or source; `ctx` is the asker's.
 */
export interface CommandWords<T = unknown> {
  /** Also reads `help <head>` (e.g. `help accuracy`), as the words `[head]`. */
  helpTopic?: boolean;
  parse(words: string[], ctx: ParseContext): T | InvalidIntent;
}

export type Intent = SpendIntent | HelpIntent | InvalidIntent | CommandIntent;
