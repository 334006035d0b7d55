// One cache for every caller (users, channels, digests, budget checks): entries keyed by a group
// (scope + cost type + kind) and the date window they cover; concurrent misses share one load; when a
// load fails, a covering older entry answers instead, marked stale. Pure: no HTTP, no SDK.
import { covers, type DateWindow } from "./window.js";

export interface CacheOptions {
  /** How long an entry answers without asking Azure again. */
  ttlMs: number;
  /** How old an entry may be and still answer when Azure fails. */
  staleMaxMs: number;
  /** After a failed load, how long the group answers from stale data (or the same error) without retrying. */
  failureHoldMs: number;
  now: () => number;
}

export interface CacheAnswer<T> {
  value: T;
  storedAt: number;
  /** Set when Azure failed and this older entry answers instead. */
  staleBecause?: unknown;
}

interface Entry<T> {
  window: DateWindow;
  value: T;
  storedAt: number;
}

export interface WindowCache<T> {
  get(group: string, wanted: DateWindow, load: { window: DateWindow; run: () => Promise<T> }): Promise<CacheAnswer<T>>;
  readonly stats: { hits: number; coalesced: number; loads: number; staleAnswers: number };
}

export function createWindowCache<T>(opts: CacheOptions): WindowCache<T> {
  const entries = new Map<string, Entry<T>[]>();
  const inflight = new Map<string, { window: DateWindow; promise: Promise<Entry<T>> }[]>();
  const failures = new Map<string, { at: number; error: unknown }>();
  const stats = { hits: 0, coalesced: 0, loads: 0, staleAnswers: 0 };

  const find = (group: string, wanted: DateWindow, maxAge: number) =>
    (entries.get(group) ?? []).filter((e) => covers(e.window, wanted) && opts.now() - e.storedAt < maxAge).sort((a, b) => b.storedAt - a.storedAt)[0];

  function orStale(group: string, wanted: DateWindow, error: unknown): CacheAnswer<T> {
    const old = find(group, wanted, opts.staleMaxMs);
    if (!old) throw error;
    stats.staleAnswers++;
    return { value: old.value, storedAt: old.storedAt, staleBecause: error };
  }

  function start(group: string, load: { window: DateWindow; run: () => Promise<T> }) {
    stats.loads++;
    const promise = load.run().then((value) => {
      const entry = { window: load.window, value, storedAt: opts.now() };
      // A new entry replaces those it covers; others stay until too old even to answer stale.
      const kept = (entries.get(group) ?? []).filter((e) => !covers(entry.window, e.window) && opts.now() - e.storedAt < opts.staleMaxMs);
      entries.set(group, [...kept, entry]);
      failures.delete(group);
      return entry;
    });
    const flight = { window: load.window, promise };
    inflight.set(group, [...(inflight.get(group) ?? []), flight]);
    const done = () =>
      inflight.set(
        group,
        (inflight.get(group) ?? []).filter((f) => f !== flight),
      );
    promise.then(done, (error) => {
      failures.set(group, { at: opts.now(), error });
      done();
    });
    return promise;
  }

  return {
    stats,
    async get(group, wanted, load) {
      const fresh = find(group, wanted, opts.ttlMs);
      if (fresh) {
        stats.hits++;
        return { value: fresh.value, storedAt: fresh.storedAt };
      }
      const failed = failures.get(group);
      if (failed && opts.now() - failed.at < opts.failureHoldMs) return orStale(group, wanted, failed.error);
      const flying = (inflight.get(group) ?? []).find((f) => covers(f.window, wanted));
      if (flying) stats.coalesced++;
      try {
        const entry = await (flying?.promise ?? start(group, load));
        return { value: entry.value, storedAt: entry.storedAt };
      } catch (error) {
        return orStale(group, wanted, error);
      }
    },
  };
}
