// Paces Cost Management queries per scope: at most N starts in any rolling minute, and none before
// the time Azure last asked us to wait. Shared by every caller; knows nothing of HTTP or costs.

export interface Pacer {
  /** Resolves when a query for `key` may start, and counts that start. */
  acquire(key: string): Promise<void>;
  /** Azure said wait: no query for `key` starts before `untilMs` (pacer time). */
  block(key: string, untilMs: number): void;
}

export interface PacerOptions {
  perMinute?: number;
  /** Monotonic time in ms (default performance.now): pacing follows real time, not a pinned clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 60_000;

export function createPacer(opts: PacerOptions = {}): Pacer {
  const perMinute = Math.max(1, opts.perMinute ?? 3);
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const starts = new Map<string, number[]>();
  const blocked = new Map<string, number>();
  const queues = new Map<string, Promise<void>>();

  async function take(key: string): Promise<void> {
    const list = starts.get(key) ?? [];
    starts.set(key, list);
    for (;;) {
      const t = now();
      while (list.length && list[0] <= t - WINDOW_MS) list.shift();
      const wait = Math.max((blocked.get(key) ?? 0) - t, list.length >= perMinute ? list[0] + WINDOW_MS - t : 0);
      if (wait <= 0) break;
      await sleep(Math.ceil(wait));
    }
    list.push(now());
  }

  return {
    acquire(key) {
      // Starts for one scope are granted in arrival order, one at a time.
      const turn = (queues.get(key) ?? Promise.resolve()).then(() => take(key));
      queues.set(key, turn.catch(() => undefined));
      return turn;
    },
    block(key, untilMs) {
      blocked.set(key, Math.max(blocked.get(key) ?? 0, untilMs));
    },
  };
}
