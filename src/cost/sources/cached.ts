// The one cache in front of every cost source (and the idiom the export snapshot uses inside):
// lru-cache with a TTL and in-flight de-duplication, so concurrent identical questions cost one
// fetch. A source that can tell when its data changed (`fingerprint`: export files' size and mtime)
// has it in the key, so a changed export is read again at once and an unchanged one is not.
// Failures are not kept: the next ask tries again (the Azure source's window cache, azure/cache.ts,
// asks instead to keep the older value for a stale answer and to hold the error a few seconds).
// Must not import platform SDKs.
import { LRUCache } from "lru-cache";
import type { CostQuery, CostResult, CostSource } from "../types.js";

/** Cost data refreshes hourly at best and every answer says how fresh it is: a minute is safe. */
const DEFAULT_SOURCE_TTL_MS = 60_000;

/** A source that can say which version of its data it would answer from (cheap to ask). */
export interface Fingerprinted {
  fingerprint(): Promise<string>;
}

export interface Memo<V, C> {
  /** The value for `key`: kept, shared with a fetch already running, or fetched now from `context`. */
  get(key: string, context: C): Promise<V>;
  /** What is kept for `key`: its value, even one due for refresh (`fresh` while its TTL lasts), and whether a fetch for it runs. */
  peek(key: string): { value?: V; fresh: boolean; fetching: boolean };
  /** The keys with a value kept (fresh or due for refresh) or a fetch running. */
  keys(): string[];
  /** Forgets the keys `keep` says no to (e.g. files no longer in the export); never one being fetched. */
  prune(keep: (key: string) => boolean): void;
  readonly size: number;
  /** Asks answered from a kept value (hits), asks that shared a running fetch (coalesced), fetches started (loads). */
  readonly stats: { hits: number; coalesced: number; loads: number };
}

export interface MemoOptions {
  /** How long a value answers (ms); 0 keeps it until it is pushed out or pruned. */
  ttlMs: number;
  max?: number;
  /** The clock TTLs are measured by (tests pin it). */
  nowMs?: () => number;
  /**
   * For a caller that answers from older data when a fetch fails (the Azure source): a failed
   * refresh leaves the older value readable through `peek` (lru-cache's noDeleteOnFetchRejection),
   * and for `holdMs` the same error answers the key without fetching again. Unset: failures are not kept.
   */
  onFailure?: { holdMs: number };
}

/** Values fetched once per key (in flight or kept for `ttlMs`); a rejected fetch is not kept. */
export function createMemo<V extends object, C = undefined>(fetch: (context: C, key: string) => Promise<V>, opts: MemoOptions): Memo<V, C> {
  const nowMs = opts.nowMs;
  const lru = {
    max: opts.max ?? 500,
    // The TTL is checked on each read against the given clock rather than lru-cache's own timer.
    ttlAutopurge: false,
    ttlResolution: 0,
    // lru-cache reads an entry stored at time 0 as one without a TTL: a pinned clock may be at 0.
    ...(nowMs ? { perf: { now: () => nowMs() + 1 } } : {}),
  };
  const stats = { hits: 0, coalesced: 0, loads: 0 };
  /** Keys whose fetch runs until lru-cache has stored its outcome (deleting one would abort it). */
  const fetching = new Set<string>();
  const cache = new LRUCache<string, V, unknown>({
    ...lru,
    ttl: opts.ttlMs,
    noDeleteOnFetchRejection: opts.onFailure !== undefined,
    fetchMethod: (key, _stale, { context }) => {
      stats.loads++;
      return fetch(context as C, key);
    },
  });
  const holdMs = opts.onFailure?.holdMs ?? 0;
  const held = holdMs > 0 ? new LRUCache<string, { error: unknown }>({ ...lru, ttl: holdMs }) : undefined;
  return {
    async get(key, context) {
      const failed = held?.get(key);
      if (failed) throw failed.error;
      const status: LRUCache.Status<string, V, unknown> = {};
      const answer = cache.fetch(key, { context, status });
      if (status.fetch === "hit") stats.hits++;
      else if (status.fetch === "inflight") stats.coalesced++;
      else {
        fetching.add(key);
        const done = () => void fetching.delete(key);
        answer.then(done, done);
      }
      try {
        // fetchMethod never resolves undefined here, so neither does fetch.
        return (await answer) as V;
      } catch (error) {
        held?.set(key, { error });
        throw error;
      }
    },
    peek(key) {
      return { value: cache.peek(key, { allowStale: true }), fresh: cache.has(key), fetching: fetching.has(key) };
    },
    keys() {
      return [...new Set([...cache.dump().map(([key]) => key), ...fetching])];
    },
    prune(keep) {
      for (const key of [...cache.dump().map(([k]) => k)]) if (!fetching.has(key) && !keep(key)) cache.delete(key);
    },
    get size() {
      return cache.size;
    },
    stats,
  };
}

/** What `cachedSource` wraps: any source, optionally with a fingerprint. */
type Source = CostSource & Partial<Fingerprinted>;

/**
 * `source` with one cache in front of `query`: keyed by the question and the source's fingerprint
 * (when it has one), kept for `ttlMs`. Its other methods (forecast, budgets, sync, health) pass through.
 */
export function cachedSource<S extends Source>(source: S, opts: Partial<MemoOptions> = {}): S {
  const ttlMs = opts.ttlMs ?? DEFAULT_SOURCE_TTL_MS;
  if (ttlMs <= 0) return source;
  const answers = createMemo<CostResult, CostQuery>((q) => source.query(q).then(frozen), { ...opts, ttlMs });
  return extend(source, {
    async query(q: CostQuery): Promise<CostResult> {
      const version = source.fingerprint ? await source.fingerprint() : "";
      return answers.get(`${version}\n${q.from}\n${q.to}\n${q.costType}\n${q.columns ?? ""}`, q);
    },
  });
}

/** `source` with some methods replaced; the rest (and `name`) are read from `source` itself. */
export function extend<S extends object>(source: S, own: object): S {
  return Object.setPrototypeOf(own, source) as S;
}

/** One answer is handed to every asker: frozen, so no asker can change another's numbers. */
function frozen(result: CostResult): CostResult {
  for (const row of result.rows) Object.freeze(row);
  Object.freeze(result.rows);
  Object.freeze(result.warnings);
  return Object.freeze(result);
}
