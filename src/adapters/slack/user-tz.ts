// Looks up a Slack user's IANA time zone and locale (one users.info call with include_locale),
// cached, so "today" means the asker's today and dates read the asker's way. Best effort: a
// failure or a slow Slack means "unknown", never a failed answer.
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;

/** What Slack says about the asker: IANA zone ("Europe/Berlin") and locale ("en-US"), if known. */
interface UserPrefs {
  tz?: string;
  locale?: string;
}

export type TzLookup = (client: WebClient, userId: string | undefined) => Promise<UserPrefs>;

export function createTzLookup(opts: { ttlMs?: number; timeoutMs?: number; nowMs?: () => number } = {}): TzLookup {
  const ttlMs = opts.ttlMs ?? 6 * 60 * 60_000;
  const timeoutMs = opts.timeoutMs ?? 800;
  const nowMs = opts.nowMs ?? Date.now;
  const cache = new Map<string, { prefs: UserPrefs; until: number }>();
  const inflight = new Map<string, Promise<UserPrefs>>();

  const fetchTz = async (client: WebClient, userId: string) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<UserPrefs>((resolve) => {
      timer = setTimeout(() => resolve({}), timeoutMs);
    });
    const lookup = client.users
      .info({ user: userId, include_locale: true })
      .then(
        (r): UserPrefs => ({
          ...(typeof r.user?.tz === "string" ? { tz: r.user.tz } : {}),
          ...(typeof r.user?.locale === "string" ? { locale: r.user.locale } : {}),
        }),
      )
      .catch((): UserPrefs => ({}));
    const prefs = await Promise.race([lookup, timeout]);
    clearTimeout(timer);
    // An unknown zone is retried sooner than a known one is refreshed.
    cache.set(userId, { prefs, until: nowMs() + (prefs.tz ? ttlMs : Math.min(ttlMs, 5 * 60_000)) });
    return prefs;
  };

  return async (client, userId) => {
    if (!userId) return {};
    const hit = cache.get(userId);
    if (hit && nowMs() < hit.until) return hit.prefs;
    // Concurrent questions from one user share one users.info call.
    let pending = inflight.get(userId);
    if (!pending) {
      pending = fetchTz(client, userId).finally(() => inflight.delete(userId));
      inflight.set(userId, pending);
    }
    return pending;
  };
}
