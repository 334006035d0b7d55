// Paces Cost Management queries per scope: at most N starts in any rolling minute, and none before
// the time Azure last asked us to wait. Two lanes per scope: `interactive` (questions, digests,
// budget checks: the recent window) goes first; `backfill` (history older than that window) starts
// only when no interactive query waits and never takes the minute's last start, so a long history
// never queues the questions behind it. Shared by every caller; knows nothing of HTTP or costs.

export type Lane = "interactive" | "backfill";

export interface Pacer {
  /** Resolves when a query for `key` may start in `lane` (default interactive), and counts that start. */
  acquire(key: string, lane?: Lane): Promise<void>;
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

interface ScopeState {
  starts: number[];
  blocked: number;
  chains: Record<Lane, Promise<void>>;
  waitingInteractive: number;
}

export function createPacer(opts: PacerOptions = {}): Pacer {
  const perMinute = Math.max(1, opts.perMinute ?? 3);
  // Backfill leaves one start a minute to the interactive lane (when there is more than one).
  const caps: Record<Lane, number> = { interactive: perMinute, backfill: perMinute > 1 ? perMinute - 1 : 1 };
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const scopes = new Map<string, ScopeState>();
  const state = (key: string) => {
    let s = scopes.get(key);
    if (!s)
      scopes.set(
        key,
        (s = { starts: [], blocked: 0, chains: { interactive: Promise.resolve(), backfill: Promise.resolve() }, waitingInteractive: 0 }),
      );
    return s;
  };

  async function take(s: ScopeState, lane: Lane): Promise<void> {
    const cap = caps[lane];
    for (;;) {
      if (lane === "backfill" && s.waitingInteractive > 0) {
        await s.chains.interactive;
        continue;
      }
      const t = now();
      while (s.starts.length && s.starts[0] <= t - WINDOW_MS) s.starts.shift();
      // The start that must leave the rolling minute before this lane is under its cap.
      const full = s.starts.length >= cap ? s.starts[s.starts.length - cap] + WINDOW_MS - t : 0;
      const wait = Math.max(s.blocked - t, full);
      if (wait <= 0) break;
      await sleep(Math.ceil(wait));
    }
    s.starts.push(now());
  }

  return {
    acquire(key, lane = "interactive") {
      const s = state(key);
      if (lane === "interactive") s.waitingInteractive++;
      // Within a lane, starts are granted in arrival order, one at a time.
      const turn = s.chains[lane].then(() => take(s, lane));
      const settled = turn
        .catch(() => undefined)
        .finally(() => {
          if (lane === "interactive") s.waitingInteractive--;
        });
      s.chains[lane] = settled;
      return turn;
    },
    block(key, untilMs) {
      const s = state(key);
      s.blocked = Math.max(s.blocked, untilMs);
    },
  };
}
