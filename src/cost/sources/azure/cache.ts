// One cache for every caller (users, channels, digests, budget checks), on the shared idiom
// (../cached.ts: lru-cache, a TTL, one fetch per key in flight): entries keyed by a group (scope +
// cost type + kind) and the date window they hold. A fresh or loading window also answers any
// narrower question in its group, which its key alone would not: a history range inside one already
// read, "last month" from yesterday's canonical window just after midnight UTC, a question from the
// canonical window a user ahead of UTC widened to their today. When a load fails, the youngest
// window covering the question and under `staleMaxMs` old answers instead, marked stale. Pure: no HTTP.
import { createMemo } from "../cached.js";
import { covers, type DateWindow } from "./window.js";

export interface CacheOptions {
  /** How long an entry answers without asking Azure again. */
  ttlMs: number;
  /** How old an entry may be and still answer when Azure fails. */
  staleMaxMs: number;
  /** After a failed load, how long that window answers from stale data (or the same error) without retrying. */
  failureHoldMs: number;
  now: () => number;
}

export interface CacheAnswer<T> {
  value: T;
  storedAt: number;
  /** Set when Azure failed and this older entry answers instead. */
  staleBecause?: unknown;
}

export interface WindowCache<T> {
  get(group: string, wanted: DateWindow, load: { window: DateWindow; run: () => Promise<T> }): Promise<CacheAnswer<T>>;
  readonly stats: { hits: number; coalesced: number; loads: number; staleAnswers: number };
}

const keyOf = (group: string, w: DateWindow) => `${group}\n${w.from}\n${w.to}`;
function parse(key: string): { group: string; window: DateWindow } {
  const [group, from, to] = key.split("\n");
  return { group, window: { from, to } };
}

export function createWindowCache<T>(opts: CacheOptions): WindowCache<T> {
  let staleAnswers = 0;
  const young = (a: CacheAnswer<T> | undefined): a is CacheAnswer<T> => !!a && opts.now() - a.storedAt < opts.staleMaxMs;
  const memo = createMemo<CacheAnswer<T>, () => Promise<T>>(load, {
    ttlMs: opts.ttlMs,
    nowMs: opts.now,
    onFailure: { holdMs: opts.failureHoldMs },
  });

  async function load(run: () => Promise<T>, key: string): Promise<CacheAnswer<T>> {
    const value = await run();
    // A new window replaces those it covers in its group; others go once too old even to answer stale.
    const loaded = parse(key);
    memo.prune((k) => {
      const kept = parse(k);
      return k === key || (!(kept.group === loaded.group && covers(loaded.window, kept.window)) && young(memo.peek(k).value));
    });
    return { value, storedAt: opts.now() };
  }

  /** The group's windows covering `wanted`, kept or loading. */
  const covering = (group: string, wanted: DateWindow) =>
    memo
      .keys()
      .filter((k) => parse(k).group === group && covers(parse(k).window, wanted))
      .map((key) => ({ key, ...memo.peek(key) }));

  return {
    get stats() {
      return { ...memo.stats, staleAnswers };
    },
    async get(group, wanted, load) {
      const own = keyOf(group, load.window);
      const live = memo.peek(own).fresh ? [] : covering(group, wanted);
      const key = (live.find((c) => c.fresh) ?? live.find((c) => c.fetching))?.key ?? own;
      try {
        return await memo.get(key, load.run);
      } catch (error) {
        const old = covering(group, wanted)
          .map((c) => c.value)
          .filter(young)
          .sort((a, b) => b.storedAt - a.storedAt)[0];
        if (!old) throw error;
        staleAnswers++;
        return { value: old.value, storedAt: old.storedAt, staleBecause: error };
      }
    },
  };
}
