// Spike detection: one day's AI model spend per model (Marketplace models included) against a
// robust, weekday-aware trailing baseline (median and MAD of the same day type over 28 days).
// Pure and exact: amounts stay bigint. Must not import platform SDKs, the store or the clock.
import { shiftDays, weekday } from "../base/dates.js";
import { classify } from "./classify.js";
import { parseAmount, type Amount } from "./money.js";
import type { Channel, CostRow } from "./types.js";

export interface SpikeOptions {
  /** Trailing days the baseline looks at (default 28). */
  baselineDays?: number;
  /** A spike must exceed the baseline median by at least this much money (default $50). */
  minExcess?: Amount;
  /** ... and by this many robust deviations, 1.4826 × MAD (default 3). */
  minDeviations?: number;
  /** ... and be this many times the previous same-type day, so a level shift alerts once (default 1.3). */
  minJump?: number;
  /** Fewest baseline days (with data in the source) needed to judge at all (default 6). */
  minSamples?: number;
}

export interface Spike {
  model: string;
  /** Set when every cost of the model that day is in one channel. */
  channel?: Channel;
  date: string;
  cost: Amount;
  /** Median of the baseline days. */
  baseline: Amount;
  /** Median absolute deviation of the baseline days. */
  mad: Amount;
  excess: Amount;
  /** How many baseline days of the same type (weekdays, or weekend days) were compared. */
  samples: number;
  dayType: "weekday" | "weekend";
}

const DEFAULTS = { baselineDays: 28, minExcess: parseAmount("50")!, minDeviations: 3, minJump: 1.3, minSamples: 6 };

/** Daily model spend per model, per date, with the channels seen. */
function dailyByModel(rows: Iterable<CostRow>): { days: Set<string>; models: Map<string, { channels: Set<Channel>; byDay: Map<string, Amount> }> } {
  const days = new Set<string>();
  const models = new Map<string, { channels: Set<Channel>; byDay: Map<string, Amount> }>();
  for (const row of rows) {
    days.add(row.date);
    const c = classify(row);
    if (!c.isModel) continue;
    let m = models.get(c.model);
    if (!m) models.set(c.model, (m = { channels: new Set(), byDay: new Map() }));
    m.channels.add(c.channel);
    m.byDay.set(row.date, (m.byDay.get(row.date) ?? 0n) + row.cost);
  }
  return { days, models };
}

/**
 * Models whose spend on `date` is a material spike: above the median of the same day type in the
 * `baselineDays` before it by at least `minExcess` and `minDeviations` robust deviations.
 * Days the source has data for but a model has none count as zero for that model.
 */
export function detectSpikes(rows: Iterable<CostRow>, date: string, options: SpikeOptions = {}): Spike[] {
  const o = { ...DEFAULTS, ...options };
  const { days, models } = dailyByModel(rows);
  const type = dayType(date);
  const baselineDates: string[] = [];
  for (let i = 1; i <= o.baselineDays; i++) {
    const d = shiftDays(date, -i);
    if (days.has(d) && dayType(d) === type) baselineDates.push(d);
  }
  if (baselineDates.length < o.minSamples || !days.has(date)) return [];
  const spikes: Spike[] = [];
  for (const [model, m] of models) {
    const cost = m.byDay.get(date) ?? 0n;
    const samples = baselineDates.map((d) => m.byDay.get(d) ?? 0n);
    const baseline = median(samples);
    const mad = median(samples.map((s) => abs(s - baseline)));
    const excess = cost - baseline;
    // A flat series (PTU hours) has MAD 0: allow 5% of the median as its natural wobble.
    const spread = max((mad * 14_826n) / 10_000n, baseline / 20n);
    const previous = samples[0];
    if (excess < o.minExcess) continue;
    if (excess * 1000n < spread * BigInt(Math.round(o.minDeviations * 1000))) continue;
    if (cost * 1000n < previous * BigInt(Math.round(o.minJump * 1000))) continue;
    spikes.push({
      model,
      ...(m.channels.size === 1 ? { channel: [...m.channels][0] } : {}),
      date,
      cost,
      baseline,
      mad,
      excess,
      samples: samples.length,
      dayType: type,
    });
  }
  return spikes.sort((a, b) => (a.excess === b.excess ? (a.model < b.model ? -1 : 1) : a.excess > b.excess ? -1 : 1));
}

function dayType(date: string): "weekday" | "weekend" {
  const wd = weekday(date);
  return wd === 0 || wd === 6 ? "weekend" : "weekday";
}

/** Median of exact amounts (the mean of the middle two for an even count, truncated to 1e-12). */
export function median(values: Amount[]): Amount {
  if (values.length === 0) return 0n;
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2n;
}

const abs = (a: Amount) => (a < 0n ? -a : a);
const max = (a: Amount, b: Amount) => (a > b ? a : b);
