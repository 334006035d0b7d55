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
  opts: { alreadyClaimed?: boolean } = {},
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
      await notifier.send(target, body);
      await store.deliveries.complete(key, "sent");
      return "sent";
    } catch (err) {
      last = err;
      if (err instanceof NotifyError && err.kind === "permanent") {
        await store.disableTarget(target.id, err.reason ?? err.message);
        await store.deliveries.complete(key, "failed", { detail: err.message });
        logger.warn({ key, target: target.id, reason: err.reason ?? err.message }, "target disabled");
        return "disabled";
      }
      if (i < attempts - 1) await sleep(Math.min(30_000, 500 * 2 ** i) * (0.75 + Math.random() / 2));
    }
  }
  const detail = last instanceof Error ? last.message : String(last);
  await store.deliveries.complete(key, "failed", { detail, transient: true });
  logger.warn({ key, target: target.id, err: detail }, "delivery failed; will retry later");
  return "failed";
}
