// Trend helpers: squeeze a daily series into a few buckets and draw it as a text sparkline.
// Used by every renderer (Slack has no chart block; Teams uses it as the chart fallback).
// Pure: must not import any SDK or platform renderer.
import { lengthInDays } from "../../base/dates.js";
import { formatDate, sumMoney } from "./format.js";

export interface Point {
  /** First day of the bucket (YYYY-MM-DD). */
  date: string;
  /** Last day of the bucket (same as `date` for daily points). */
  to: string;
  cost: number;
}

const BARS = "▁▂▃▄▅▆▇█";

/**
 * Groups consecutive days so at most `max` points remain (a year becomes ~weekly bars).
 * Bucket sums are exact (integer cents).
 */
export function bucketSeries(series: Array<{ date: string; cost: number }>, max: number): Point[] {
  if (series.length === 0) return [];
  const size = Math.ceil(series.length / Math.max(1, max));
  const out: Point[] = [];
  for (let i = 0; i < series.length; i += size) {
    const chunk = series.slice(i, i + size);
    out.push({
      date: chunk[0].date,
      to: chunk[chunk.length - 1].date,
      cost: sumMoney(chunk.map((p) => p.cost)),
    });
  }
  return out;
}

/**
 * One block character per value, scaled from zero to the largest value, so a flat series of
 * equal spend reads as full bars rather than as nothing. All-zero (or negative) values draw ▁.
 */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  if (max === 0) return BARS[0].repeat(values.length);
  return values.map((v) => BARS[Math.min(7, Math.max(0, Math.round((Math.max(0, v) / max) * 7)))]).join("");
}

/** "Trend ▁▃▅█ (24 Nov – 27 Nov)" for a series, or "" when there is nothing to draw. */
export function trendLine(series: Array<{ date: string; cost: number }>, width = 60, locale?: string): string {
  const points = bucketSeries(series, width);
  if (points.length < 2) return "";
  const first = formatDate(points[0].date, false, locale);
  const last = formatDate(points[points.length - 1].to, false, locale);
  const per = points[0].date === points[0].to ? "daily" : `per ${dayCount(points[0])} days`;
  // Per-day averages, so a short last bucket does not look like a drop in spend.
  return `Trend (${per}) ${sparkline(points.map((p) => p.cost / dayCount(p)))} ${first} – ${last}`;
}

function dayCount(p: Point): number {
  return lengthInDays(p.date, p.to);
}

/** Axis label for a bucket: "24 Nov", or "24 Nov–30 Nov" when it spans days. */
export function pointLabel(p: Point, locale?: string): string {
  return p.date === p.to ? formatDate(p.date, false, locale) : `${formatDate(p.date, false, locale)}–${formatDate(p.to, false, locale)}`;
}
