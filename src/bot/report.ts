// The platform-neutral report every renderer turns into a card. Plain JSON-serialisable data.
// The `spend` variant is the JSON contract of DESIGN.md §3 (money as numbers rounded to cents).
import type { Channel, CostType } from "../cost/types.js";
import type { ErrorsReport } from "./errors-report.js";
import type { DateRange, GroupBy } from "./intent-types.js";

/** One row of the breakdown. `channel` is set when every cost in the group has the same one. */
export interface SpendGroup {
  key: string;
  channel?: Channel;
  cost: number;
  /** The same group's cost in the period compared with (absent by day when no day matches). */
  previousCost?: number;
  /** Input tokens, cached input included. */
  inputTokens: number;
  outputTokens: number;
  /** The part of inputTokens read from the prompt cache. */
  cachedInputTokens: number;
  /** true when some of this group's cost is billed per hour (provisioned/PTU): tokens unknown. */
  hourly: boolean;
  // ---- by deployment only (an allocation of the model's cost by token share) ----
  model?: string;
  account?: string;
  deploymentType?: string;
  modelVersion?: string;
  /** true when the cost is the model's cost split by token share, false when no metrics allowed it. */
  allocated?: boolean;
  /** Usage that is not tokens, by unit: { "images": 1200, "hours": 744 }. Absent when none. */
  otherUsage?: Record<string, number>;
  /** false for a meter costbot could not place: the key is its raw meter name. Absent when recognised. */
  recognised?: false;
}

export interface ChannelSplit {
  channel: Channel;
  cost: number;
  /** The channel's cost in the period compared with (spend reports only). */
  previousCost?: number;
  /** Microsoft-billed costs can be paid with Azure Prepayment; Marketplace costs cannot. */
  prepaymentEligible: boolean;
}

export interface SpendReport {
  kind: "spend";
  /** `complete` is false while a day in the range has no final cost data (today, days after dataAsOf). */
  range: DateRange & { complete: boolean };
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
  /** Actual (as billed) or amortized (reservations spread over their term) cost. */
  costType: CostType;
  /** The dates the source has data for (Azure: the dates of what it returned); null when unknown. */
  coverage: { from: string; to: string } | null;
  /** The asker's locale (BCP 47): cards write dates its way. Absent: the default style. Not in JSON. */
  locale?: string;
  /** Usage-based cost of the range's days without final cost data; never part of `total`. */
  estimate?: SpendEstimate;
  // ---- what cards need beyond the JSON contract ----
  /** Which cost source answered ("demo data", "export ./exports", "Azure (2 scopes)"). */
  source: string;
  filters: { model?: string; channel?: Channel };
  /**
   * The period the range is compared with, always computed (cards show the change): the same span
   * of the period before, or the period named with `vs`. `label` says which. `total` is null when
   * the source has no data for any of it (then no row carries a previousCost either).
   */
  previous: { from: string; to: string; label: string; total: number | null; change: number | null };
  /** true when the user asked to compare ("vs last week", "compare"): cards show per-row change. */
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

/**
 * The reports the bot answers with and bot/render draws. A feature's own report (the digest,
 * src/digests/report.ts) is not one of them: src/server/render.ts draws it from its worded card.
 */
export type Report = SpendReport | HelpReport | ErrorReport | NoticeReport | ErrorsReport;

/** `estimate` of the JSON contract: usage-based cost of days without final cost data. */
export interface SpendEstimate {
  from: string;
  to: string;
  cost: number;
  basis: string;
  /** true when `to` is today (UTC): the estimate is of a day still under way. */
  includesToday: boolean;
  /** Which models were priced how: billed (observed) rate, retail list price, or not at all (never $0). */
  pricing?: { billedRate: string[]; retailPrice: string[]; notEstimated: string[] };
  /** true when the range has hourly-billed (PTU) cost, which usage metrics cannot estimate. */
  excludesHourly?: true;
}
