// The one cache in front of every cost source (and the idiom the export snapshot uses inside):
// lru-cache with a TTL and in-flight de-duplication, so concurrent identical questions cost one
// fetch. A source that can tell when its data changed (`fingerprint`: export files' size and mtime)
// has it in the key, so a changed export is read again at once and an unchanged one is not.
// Failures are never kept: the next ask tries again. Must not import platform SDKs.
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
  /** Forgets the keys `keep` says no to (e.g. files no longer in the export). */
  prune(keep: (key: string) => boolean): void;
  readonly size: number;
}

export interface MemoOptions {
  /** How long a value answers (ms); 0 keeps it until it is pushed out or pruned. */
  ttlMs: number;
  max?: number;
  /** The clock TTLs are measured by (tests pin it). */
  nowMs?: () => number;
}

/** Values fetched once per key (in flight or kept for `ttlMs`); a rejected fetch is not kept. */
export function createMemo<V extends object, C = undefined>(fetch: (context: C, key: string) => Promise<V>, opts: MemoOptions): Memo<V, C> {
  const nowMs = opts.nowMs;
  const cache = new LRUCache<string, V, unknown>({
    max: opts.max ?? 500,
    ttl: opts.ttlMs,
    // The TTL is checked on each read against the given clock rather than lru-cache's own timer.
    ttlAutopurge: false,
    ttlResolution: 0,
    ...(nowMs ? { perf: { now: nowMs } } : {}),
    fetchMethod: (key, _stale, { context }) => fetch(context as C, key),
  });
  return {
    async get(key, context) {
      // fetchMethod never resolves undefined here, so neither does fetch.
      return (await cache.fetch(key, { context })) as V;
    },
    prune(keep) {
      for (const key of [...cache.keys()]) if (!keep(key)) cache.delete(key);
    },
    get size() {
      return cache.size;
    },
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
      return answers.get(`${version}\n${q.from}\n${q.to}\n${q.costType}`, q);
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
