// Exactly-once delivery of one report to one target: claim the key, send, record the outcome.
// Transient failures are retried with backoff here and left retryable in the log; permanent ones
// disable the target. One target's failure never throws to the caller's loop.
import type { Report } from "../bot/report.js";
import type { Logger } from "../log.js";
import type { Store, Target } from "../store/types.js";
import { NotifyError, type Notifiers } from "./notifier.js";

export interface DeliverDeps {
  store: Store;
  notifiers: Notifiers;
  logger: Logger;
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts within one delivery before leaving it to a later retry pass (default 3). */
  attempts?: number;
}

export type DeliverResult = "sent" | "duplicate" | "failed" | "disabled";

export interface DeliverOptions {
  /** A retry pass took the key over with `reclaim`: do not claim again. */
  alreadyClaimed?: boolean;
  /** The earlier holder claimed at this time and may have sent before dying: ask the platform first. */
  probeSince?: Date;
  /** What to record with a `sent` outcome (e.g. the figures a digest showed). */
  detail?: (report: Report) => string | undefined;
}

/** Longest wait honoured from a Retry-After; longer asks are left to the next retry pass. */
const MAX_RETRY_AFTER_MS = 60_000;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends `report` to `target` under delivery key `key` unless the key was already claimed.
 * `alreadyClaimed` is for a retry pass that took the key over with `reclaim`.
 */
export async function deliver(
  key: string,
  target: Target,
  report: Report | (() => Promise<Report>),
  deps: DeliverDeps,
  opts: DeliverOptions = {},
): Promise<DeliverResult> {
  const { store, logger } = deps;
  if (!opts.alreadyClaimed && !(await store.deliveries.claim(key, { targetId: target.id }))) return "duplicate";
  const notifier = deps.notifiers[target.platform];
  if (!notifier) {
    await store.deliveries.complete(key, "failed", { detail: `no notifier for ${target.platform}`, transient: true });
    logger.warn({ key, platform: target.platform }, "no notifier configured for this platform; delivery kept for retry");
    return "failed";
  }
  const sleep = deps.sleep ?? defaultSleep;
  const attempts = deps.attempts ?? 3;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const body = typeof report === "function" ? await report() : report;
      if (i === 0 && opts.probeSince && (await notifier.alreadySent?.(target, body, opts.probeSince))) {
        await store.deliveries.complete(key, "sent", { detail: opts.detail?.(body) ?? "found already posted" });
        logger.info({ key, target: target.id }, "already delivered before a restart; not sent again");
        return "sent";
      }
      await notifier.send(target, body);
      await store.deliveries.complete(key, "sent", { detail: opts.detail?.(body) });
      return "sent";
    } catch (err) {
      last = err;
      if (err instanceof NotifyError && err.kind === "permanent") {
        await store.disableTarget(target.id, err.reason ?? err.message);
        await store.deliveries.complete(key, "failed", { detail: err.message });
        logger.warn({ key, target: target.id, reason: err.reason ?? err.message }, "target disabled");
        return "disabled";
      }
      if (i < attempts - 1) {
        const backoff = Math.min(30_000, 500 * 2 ** i) * (0.75 + Math.random() / 2);
        const asked = err instanceof NotifyError ? (err.retryAfterMs ?? 0) : 0;
        // Slack's Retry-After is the floor: asking again sooner only earns another 429.
        await sleep(Math.max(backoff, Math.min(asked, MAX_RETRY_AFTER_MS)));
      }
    }
  }
  const detail = last instanceof Error ? last.message : String(last);
  await store.deliveries.complete(key, "failed", { detail, transient: true });
  logger.warn({ key, target: target.id, err: detail }, "delivery failed; will retry later");
  return "failed";
}
