// Exactly-once delivery of one report to one target: claim the key, mark the send as begun, send,
// record the outcome. A send failure is retried here (transient) or disables the target (permanent);
// a failure to *record* after a successful send is retried as a record, never as a send (record.ts).
// A send that began under a holder who died is in doubt: resent only when the platform says it
// never arrived. One target's failure never throws to the caller's loop.
import type { Logger } from "../log.js";
import type { Store, Target } from "../store/types.js";
import { NotifyError, type Notifiers } from "./notifier.js";
import { recordOutcome, type OutcomeRecord } from "./record.js";

/** `R`: what the caller delivers (a feature's report); the notifiers must be able to post it. */
export interface DeliverDeps<R> {
  store: Store;
  notifiers: Notifiers<R>;
  logger: Logger;
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts within one delivery before leaving it to a later retry pass (default 3). */
  attempts?: number;
}

/** `in-doubt`: an earlier holder died mid-send and the platform cannot say whether it arrived: not resent. */
export type DeliverResult = "sent" | "duplicate" | "failed" | "disabled" | "in-doubt";

export interface DeliverOptions<R> {
  /** A retry pass took the key over with `reclaim`: do not claim again. */
  alreadyClaimed?: boolean;
  /** The earlier holder claimed at this time and may have sent before dying: ask the platform first. */
  probeSince?: Date;
  /** What to record with a `sent` outcome (e.g. the figures a digest showed). */
  detail?: (report: R) => string | undefined;
}

/** Longest wait honoured from a Retry-After; longer asks are left to the next retry pass. */
const MAX_RETRY_AFTER_MS = 60_000;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends `report` to `target` under delivery key `key` unless the key was already claimed.
 * `alreadyClaimed` is for a retry pass that took the key over with `reclaim`.
 */
export async function deliver<R>(
  key: string,
  target: Target,
  report: R | (() => Promise<R>),
  deps: DeliverDeps<R>,
  opts: DeliverOptions<R> = {},
): Promise<DeliverResult> {
  const { store, logger } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const record = (r: Omit<OutcomeRecord, "key">) => recordOutcome(store, { key, ...r }, { logger, sleep });
  try {
    if (!opts.alreadyClaimed && !(await store.deliveries.claim(key, { targetId: target.id }))) return "duplicate";
  } catch (err) {
    // Nothing claimed, nothing sent: the next tick asks again.
    logger.warn({ key, err: (err as Error).message }, "could not claim a delivery; not sent this time");
    return "failed";
  }
  const notifier = deps.notifiers[target.platform];
  if (!notifier) {
    await record({ outcome: "failed", detail: `no notifier for ${target.platform}`, transient: true });
    logger.warn({ key, platform: target.platform }, "no notifier configured for this platform; delivery kept for retry");
    return "failed";
  }
  // A takeover of a claim whose holder had begun sending: the message may already be there.
  const inDoubt = opts.alreadyClaimed ? (await store.deliveries.get(key).catch(() => undefined))?.sendingAt : undefined;
  const attempts = deps.attempts ?? 3;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    let body: R;
    let receipt: string | void;
    try {
      // A report is plain data, never a function: a function is how to build it (per attempt).
      body = typeof report === "function" ? await (report as () => Promise<R>)() : report;
      const since = opts.probeSince ?? inDoubt;
      if (i === 0 && since) {
        const seen = await notifier.alreadySent?.(target, body, since);
        if (seen) {
          await record({ outcome: "sent", detail: opts.detail?.(body) ?? "found already posted" });
          logger.info({ key, target: target.id }, "already delivered before a restart; not sent again");
          return "sent";
        }
        if (seen === undefined && inDoubt) {
          const detail =
            `in doubt: a send began at ${inDoubt.toISOString()} and its holder stopped before recording the outcome; ` +
            `${target.platform} cannot tell whether it arrived, so it is not sent again`;
          await record({ outcome: "failed", detail });
          logger.warn(
            { key, target: target.id, platform: target.platform, sendingAt: inDoubt.toISOString() },
            "delivery in doubt after a restart; not sent again",
          );
          return "in-doubt";
        }
      }
      // Lost the claim meanwhile (another instance took it over): that one sends.
      let lost = false;
      const beforePost = async () => (await store.deliveries.markSending(key)) || ((lost = true), false);
      if (!notifier.marksSending && !(await beforePost())) return "duplicate";
      receipt = await notifier.send(target, body, { beforePost });
      if (lost) return "duplicate";
    } catch (err) {
      last = err;
      if (err instanceof NotifyError && err.kind === "permanent") {
        await store
          .disableTarget(target.id, err.reason ?? err.message)
          .catch((e) => logger.error({ err: e, target: target.id }, "could not disable a target"));
        await record({ outcome: "failed", detail: err.message });
        logger.warn({ key, target: target.id, reason: err.reason ?? err.message }, "target disabled");
        return "disabled";
      }
      if (i < attempts - 1) {
        const backoff = Math.min(30_000, 500 * 2 ** i) * (0.75 + Math.random() / 2);
        const asked = err instanceof NotifyError ? (err.retryAfterMs ?? 0) : 0;
        // Slack's Retry-After is the floor: asking again sooner only earns another 429.
        await sleep(Math.max(backoff, Math.min(asked, MAX_RETRY_AFTER_MS)));
      }
      continue;
    }
    // Sent. From here on only the record is retried.
    await record({ outcome: "sent", detail: opts.detail?.(body), ...(receipt ? { receipt } : {}) });
    return "sent";
  }
  const detail = last instanceof Error ? last.message : String(last);
  await record({ outcome: "failed", detail, transient: true });
  logger.warn({ key, target: target.id, err: detail }, "delivery failed; will retry later");
  return "failed";
}
