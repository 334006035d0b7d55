// Looks up a Slack user's IANA time zone (users.info), cached, so "today" means the asker's today.
// Best effort: a failure or a slow Slack means "zone unknown", never a failed answer.
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;

export type TzLookup = (client: WebClient, userId: string | undefined) => Promise<string | undefined>;

export function createTzLookup(opts: { ttlMs?: number; timeoutMs?: number; nowMs?: () => number } = {}): TzLookup {
  const ttlMs = opts.ttlMs ?? 6 * 60 * 60_000;
  const timeoutMs = opts.timeoutMs ?? 800;
  const nowMs = opts.nowMs ?? Date.now;
  const cache = new Map<string, { tz: string | undefined; until: number }>();
  const inflight = new Map<string, Promise<string | undefined>>();

  const fetchTz = async (client: WebClient, userId: string) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const lookup = client.users
      .info({ user: userId })
      .then((r) => (typeof r.user?.tz === "string" ? r.user.tz : undefined))
      .catch(() => undefined);
    const tz = await Promise.race([lookup, timeout]);
    clearTimeout(timer);
    // An unknown zone is retried sooner than a known one is refreshed.
    cache.set(userId, { tz, until: nowMs() + (tz ? ttlMs : Math.min(ttlMs, 5 * 60_000)) });
    return tz;
  };

  return async (client, userId) => {
    if (!userId) return undefined;
    const hit = cache.get(userId);
    if (hit && nowMs() < hit.until) return hit.tz;
    // Concurrent questions from one user share one users.info call.
    let pending = inflight.get(userId);
    if (!pending) {
      pending = fetchTz(client, userId).finally(() => inflight.delete(userId));
      inflight.set(userId, pending);
    }
    return pending;
  };
}
