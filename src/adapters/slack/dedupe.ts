// Remembers which Slack deliveries were already handled, so a retry (X-Slack-Retry-Num) is not answered twice.
// In memory with a TTL: one process. Must not import bolt, the bot or cost code.

export interface Dedupe {
  /** true the first time `key` is seen within the TTL, false for every repeat. */
  firstTime(key: string): boolean;
  /** Forget a key, so a delivery that failed before it was acknowledged can be retried. */
  forget(key: string): void;
  readonly size: number;
}

/** Slack retries three times over about five minutes; keep keys a little longer than that. */
export const DEFAULT_DEDUPE_TTL_MS = 10 * 60_000;

export function createDedupe(ttlMs = DEFAULT_DEDUPE_TTL_MS, nowMs: () => number = Date.now, maxKeys = 50_000): Dedupe {
  // Map keeps insertion order, so the oldest keys are first: expiry sweeps stop at the first live one.
  const seen = new Map<string, number>();
  const sweep = (now: number) => {
    for (const [key, at] of seen) {
      if (now - at < ttlMs && seen.size <= maxKeys) break;
      seen.delete(key);
    }
  };
  return {
    firstTime(key) {
      const now = nowMs();
      sweep(now);
      if (seen.has(key)) return false;
      seen.set(key, now);
      return true;
    },
    forget(key) {
      seen.delete(key);
    },
    get size() {
      return seen.size;
    },
  };
}

/** The identity of one Slack delivery: the event id for Events API, the trigger id for commands and buttons. */
export function deliveryKey(body: Record<string, any>): string | undefined {
  if (typeof body.event_id === "string") return `event:${body.event_id}`;
  if (typeof body.trigger_id === "string") return `trigger:${body.trigger_id}`;
  return undefined;
}
