// When a digest is due: its cron pattern, occurrences in its own zone (croner does the DST maths),
// and the decision for one tick (send now, skip a missed one, or nothing). Pure; no store access.
import { tz as inZone } from "@date-fns/tz";
import { Cron } from "croner";
import { format } from "date-fns/format";
import { localDate } from "../base/zones.js";
import type { DigestSubscription } from "../store/types.js";

export type DigestTiming = Pick<DigestSubscription, "cadence" | "weekday" | "time" | "tz">;

/** "30 8 * * 1" for weekly Monday 08:30; croner reads it in the subscription's zone. */
export function cronPattern(sub: DigestTiming): string {
  const [h, m] = sub.time.split(":").map(Number);
  // Cron counts Sunday as 0; the store keeps ISO weekdays (7 = Sunday).
  const dow = sub.cadence === "weekly" ? String((sub.weekday ?? 1) % 7) : "*";
  return `${m} ${h} * * ${dow}`;
}

// Parsed patterns by pattern and zone: a tick asks about every subscription, and few differ.
const crons = new Map<string, Cron>();

function cron(sub: DigestTiming): Cron {
  const pattern = cronPattern(sub);
  const key = `${pattern}|${sub.tz}`;
  let c = crons.get(key);
  if (!c) {
    // A nonexistent local time (a spring-forward gap) runs at the first valid minute after it;
    // a repeated one (fall back) runs once, at its first occurrence.
    c = new Cron(pattern, { timezone: sub.tz, paused: true });
    if (crons.size > 10_000) crons.clear();
    crons.set(key, c);
  }
  return c;
}

/** The next occurrence strictly after `after`. */
export function nextDue(sub: DigestTiming, after: Date): Date | null {
  return cron(sub).nextRun(after);
}

/** The latest occurrence at or before `at`. */
export function latestDue(sub: DigestTiming, at: Date): Date | null {
  // previousRuns looks strictly before its reference: nudge it so an occurrence at `at` counts.
  const [prev] = cron(sub).previousRuns(1, new Date(at.getTime() + 1));
  return prev ?? null;
}

/** "Thu 27 Nov 09:00" in the zone, for confirmations. */
export function localTimeLabel(instant: Date, zone: string): string {
  return format(instant, "EEE d MMM HH:mm", { in: inZone(zone) });
}

export const digestKey = (targetId: string, date: string) => `digest:${targetId}:${date}`;

export interface DigestDecision {
  action: "send" | "skip";
  key: string;
  /** The local date of the occurrence: the digest's sending day. */
  date: string;
  dueAt: Date;
}

/**
 * What one tick should do for a subscription: the latest occurrence at or before `now` (and not
 * before the subscription existed) is sent if it falls on today's local date, else it was missed
 * during downtime and is skipped. Whether it already happened is the delivery log's business.
 */
export function digestDecision(sub: DigestTiming & Pick<DigestSubscription, "targetId" | "createdAt">, now: Date): DigestDecision | null {
  const dueAt = latestDue(sub, now);
  if (!dueAt || dueAt < sub.createdAt) return null;
  const date = localDate(dueAt, sub.tz);
  return { action: date === localDate(now, sub.tz) ? "send" : "skip", key: digestKey(sub.targetId, date), date, dueAt };
}
