// Short-lived cache of rendered answers: the same words in the same zone within a minute get the same
// card, computed once even when asked concurrently (a public card pressed by a whole channel).
// Holds only rendered messages; must not import bolt or cost code.

export interface AnswerCache<T> {
  /** The cached value for `key`, or the result of `compute` (shared by concurrent callers). */
  get(key: string, compute: () => Promise<{ value: T; cacheable: boolean }>): Promise<T>;
  readonly size: number;
}

/** Cost data refreshes hourly at best, and every card says how fresh it is: a minute is safe. */
export const DEFAULT_ANSWER_TTL_MS = 60_000;

export function createAnswerCache<T>(ttlMs = DEFAULT_ANSWER_TTL_MS, maxEntries = 500, nowMs: () => number = Date.now): AnswerCache<T> {
  const entries = new Map<string, { until: number; value: Promise<T> }>();
  return {
    get(key, compute) {
      const now = nowMs();
      const hit = entries.get(key);
      if (hit && now < hit.until) return hit.value;
      if (hit) entries.delete(key);
      const value = compute().then((r) => {
        // Failures are answered once, not remembered: the next ask tries again.
        if (!r.cacheable) entries.delete(key);
        return r.value;
      });
      entries.set(key, { until: now + ttlMs, value });
      // Insertion order is age order: drop the oldest when full.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
