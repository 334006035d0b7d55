// The platform-neutral report every renderer turns into a card. Plain JSON-serialisable data.
// The `spend` variant is the JSON contract of DESIGN.md §3 (money as numbers rounded to cents).
import type { Channel } from "../cost/types.js";
import type { DateRange, GroupBy } from "./intent-types.js";

/** One row of the breakdown. `channel` is set when every cost in the group has the same one. */
export interface SpendGroup {
  key: string;
  channel?: Channel;
  cost: number;
  /** Input tokens, not counting cached input. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** true when some of this group's cost is billed per hour (provisioned/PTU): tokens unknown. */
  hourly: boolean;
}

export interface ChannelSplit {
  channel: Channel;
  cost: number;
  /** Microsoft-billed costs can be paid with Azure Prepayment; Marketplace costs cannot. */
  prepaymentEligible: boolean;
}

export interface SpendReport {
  kind: "spend";
  range: DateRange;
  currency: string;
  /** AI model spend, both channels, after filters. */
  total: number;
  groupBy: GroupBy;
  /** Every group, largest cost first (by day: in date order). */
  groups: SpendGroup[];
  /** Always both channels, Microsoft first, even when zero. */
  channels: ChannelSplit[];
  /** Everything else the scope cost in the range (Log Analytics, storage, ...), kept apart. */
  otherCost: number;
  /** When the data was last refreshed, as the source says (ISO time), or null if unknown. */
  dataAsOf: string | null;
  warnings: string[];
  // ---- what cards need beyond the JSON contract ----
  /** Which cost source answered ("demo data", "export ./exports", "Azure (2 scopes)"). */
  source: string;
  filters: { model?: string; channel?: Channel };
  /** The previous period of equal length, always computed (cards show the change). */
  previous: { from: string; to: string; total: number; change: number | null };
  /** true when the user asked to compare ("vs last week", "compare"). */
  compare: boolean;
  /** Model spend per day over the range, every day present (zero days included). */
  series: Array<{ date: string; cost: number }>;
  /** How many groups a card should list before rolling up the rest ("top N", default 8). */
  top: number;
  /** Buttons a card offers: pressing one asks `command` as if typed (same words, same adapter). */
  actions: Array<{ id: string; label: string; command: string }>;
}

export interface HelpReport {
  kind: "help";
  /** Lines of help, each a short phrase; examples are literal commands. */
  intro: string;
  sections: Array<{ title: string; examples: string[] }>;
}

/** A question we could not answer: what was wrong and what would work. */
export interface ErrorReport {
  kind: "error";
  message: string;
  hint?: string;
}

/**
 * A short message that is not a spend card: a confirmation ("Digest set ..."), a list (budgets,
 * subscriptions), a refusal for non-admins, or an alert. `lines` are plain text (renderers escape
 * them); `fields` are label/value pairs shown as a small table.
 */
export interface NoticeReport {
  kind: "notice";
  tone: "info" | "success" | "warning";
  title: string;
  lines: string[];
  fields?: Array<{ label: string; value: string }>;
  /** Optional follow-up buttons, asked again as typed commands (same as spend actions). */
  actions?: Array<{ id: string; label: string; command: string }>;
}

export type Report = SpendReport | HelpReport | ErrorReport | NoticeReport;
