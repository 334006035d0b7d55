// Remembers which Slack deliveries were already handled, so a retry (same event_id, with
// X-Slack-Retry-Num 1..3) is not answered twice: in the store when there is one (shared by every
// instance on the database), else in memory. Must not import bolt, the bot or cost code.
import type { InboundLog } from "../../store/types.js";

export interface Dedupe {
  /** true the first time `key` is seen within the TTL (across instances with a store), false for every repeat. */
  firstTime(key: string): Promise<boolean>;
  /** Forget a key, so a delivery that failed before it was acknowledged can be retried. */
  forget(key: string): Promise<void>;
}

/**
 * Slack retries a failed or slow (over 3 s) event delivery three times: at once, after about a
 * minute and after about five; keep keys a little longer than that.
 */
const DEFAULT_DEDUPE_TTL_MS = 10 * 60_000;

export function createDedupe(ttlMs = DEFAULT_DEDUPE_TTL_MS, nowMs: () => number = Date.now, maxKeys = 50_000): Dedupe & { readonly size: number } {
  // Map keeps insertion order, so the oldest keys are first: expiry sweeps stop at the first live one.
  const seen = new Map<string, number>();
  const sweep = (now: number) => {
    for (const [key, at] of seen) {
      if (now - at < ttlMs && seen.size <= maxKeys) break;
      seen.delete(key);
    }
  };
  return {
    async firstTime(key) {
      const now = nowMs();
      sweep(now);
      if (seen.has(key)) return false;
      seen.set(key, now);
      return true;
    },
    async forget(key) {
      seen.delete(key);
    },
    get size() {
      return seen.size;
    },
  };
}

/**
 * De-duplication in the store: one conditional insert per delivery, so of two instances receiving
 * the same event (a retry landing elsewhere) exactly one answers. When the database cannot be
 * reached it falls back to this process's memory and says so through `onFallback`.
 */
export function createStoreDedupe(inbound: InboundLog, opts: { ttlMs?: number; onFallback?: (err: unknown) => void } = {}): Dedupe {
  const ttlMs = opts.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
  const local = createDedupe(ttlMs);
  return {
    async firstTime(key) {
      try {
        const first = await inbound.firstTime(`slack:${key}`, { ttlMs });
        if (first) await local.firstTime(key);
        return first;
      } catch (err) {
        opts.onFallback?.(err);
        return local.firstTime(key);
      }
    },
    async forget(key) {
      await local.forget(key);
      await inbound.forget(`slack:${key}`).catch(() => {});
    },
  };
}

/** The identity of one Slack delivery: the event id for Events API, the trigger id for commands and buttons. */
export function deliveryKey(body: Record<string, any>): string | undefined {
  if (typeof body.event_id === "string") return `event:${body.event_id}`;
  if (typeof body.trigger_id === "string") return `trigger:${body.trigger_id}`;
  return undefined;
}
