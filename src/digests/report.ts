// The digest's report: the plain JSON-serialisable data of one channel's daily/weekly digest, as
// `--format json` and the playground show it; digests/card.ts words it for Slack, Teams and text.
import type { ChannelSplit } from "../bot/report.js";
import type { Channel } from "../cost/types.js";

/** One mover: a model's or channel's spend on the digest day against its trailing daily average. */
export interface DigestMover {
  kind: "model" | "channel";
  key: string;
  channel?: Channel;
  cost: number;
  /** Average daily spend over the trailing days before `day.date`. */
  average: number;
  /** cost - average (money, cents). */
  change: number;
}

/** A budget's period-to-date spend against its amount, as the digest shows it. */
export interface DigestBudget {
  name: string;
  period: "daily" | "weekly" | "monthly";
  from: string;
  to: string;
  spent: number;
  amount: number;
  /** spent / amount (1 = 100 %). */
  ratio: number;
  model?: string;
  channel?: Channel;
}

/**
 * The scheduled daily/weekly digest of one channel. `day` is the digest's reporting day (yesterday
 * in the channel's zone); every amount comes from the same aggregation as a spend card.
 */
export interface DigestReport {
  kind: "digest";
  cadence: "daily" | "weekly";
  /** The local date the digest is sent for, in `tz`. */
  date: string;
  tz: string;
  currency: string;
  /** `complete`: false while the reported day has no final cost data (the preview of tomorrow's digest). */
  day: { date: string; complete?: boolean; total: number; dayBefore: { date: string; total: number }; weekBefore: { date: string; total: number } };
  channels: ChannelSplit[];
  monthToDate: { from: string; to: string; total: number };
  /** Month-end projection of AI model spend (weekday-aware, from the same rows). */
  forecast: { to: string; projected: number };
  /** The source's own forecast for the whole scope (Azure), when it offers one. */
  sourceForecast?: { projected: number; currency: string; note: string };
  budgets: DigestBudget[];
  movers: DigestMover[];
  /** Earlier days whose totals changed since the previous digest (Azure restates late usage). */
  restated: Array<{ date: string; before: number; now: number }>;
  /** Billed failed requests (400, 408) of `day.date` from the usage metrics, when material. */
  failures?: { date: string; billedRequests: number; requests: number; estimatedCost: number };
  dataAsOf: string | null;
  source: string;
  warnings: string[];
  /** The subscriber's locale (BCP 47) when known: dates are written its way. */
  locale?: string;
}
