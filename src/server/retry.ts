// The retry pass: deliveries whose holder died mid-send, and transient failures, are reclaimed
// (one winner across instances) and sent again, or closed when retrying no longer makes sense.
import type { Delivery, Store } from "../store/types.js";
import { createBaseMemo, sendDigest, type DigestRunDeps } from "../digests/run.js";
import { localDate } from "../base/zones.js";
import { pendingRecords } from "../schedule/record.js";
import type { ScheduledJob } from "../schedule/jobs.js";

export interface RetryOptions {
  /** A claim older than this with no outcome counts as abandoned (default 5 min). */
  olderThanMs?: number;
  /** Give up after this many attempts (default 5). */
  maxAttempts?: number;
}

export async function retryPass(now: Date, deps: DigestRunDeps, jobs: ScheduledJob[], opts: RetryOptions = {}): Promise<number> {
  const { store, logger } = deps;
  const olderThanMs = opts.olderThanMs ?? 5 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const base = createBaseMemo(deps);
  let handled = 0;
  const pending = pendingRecords(store);
  for (const d of await store.deliveries.retryable({ olderThanMs })) {
    // This instance sent it and only its record is waiting for the database.
    if (pending.has(d.key)) continue;
    const job = jobs.find((j) => j.retryPrefix && j.retry && d.key.startsWith(j.retryPrefix));
    if (!d.key.startsWith("digest:") && !job) continue;
    if (!(await store.deliveries.reclaim(d.key, { olderThanMs }))) continue;
    handled++;
    try {
      if (d.attempts >= maxAttempts) {
        await store.deliveries.complete(d.key, "failed", { detail: `gave up after ${d.attempts} attempts: ${d.detail ?? "no outcome recorded"}` });
        logger.warn({ key: d.key, attempts: d.attempts }, "delivery given up");
      } else if (job) {
        await job.retry!(d, now);
      } else {
        await retryDigest(d, now, deps, base, store);
      }
    } catch (err) {
      await store.deliveries.complete(d.key, "failed", { detail: String(err), transient: true });
      logger.error({ err, key: d.key }, "retry failed; kept for a later pass");
    }
  }
  return handled;
}

/** `digest:<targetId>:<date>`: resend only while it is still that local date for the channel. */
async function retryDigest(d: Delivery, now: Date, deps: DigestRunDeps, base: ReturnType<typeof createBaseMemo>, store: Store) {
  const m = /^digest:(.+):(\d{4}-\d{2}-\d{2})$/.exec(d.key);
  const target = m && (await store.getTarget(m[1]));
  const sub = target && (await store.getDigest(target.id));
  const close = (detail: string) => store.deliveries.complete(d.key, "skipped", { detail });
  if (!m || !target || !sub) return void (await close("target or digest no longer exists"));
  if (target.disabled) return void (await close(`target disabled: ${target.disabled}`));
  if (localDate(now, sub.tz) !== m[2]) return void (await close(`not retried after its local day (${m[2]})`));
  // A dead holder (status still "claimed") may have posted just before dying: ask the platform first.
  const probeSince = d.status === "claimed" ? d.claimedAt : undefined;
  await sendDigest(deps, base, sub, target, d.key, m[2], { alreadyClaimed: true, probeSince });
}
