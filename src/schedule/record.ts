// Recording a delivery's outcome, kept apart from sending it: a failed write is retried as a
// write (with backoff, then on later scheduler ticks), never by sending the message again.
import type { Logger } from "../log.js";
import type { DeliveryOutcome, Store } from "../store/types.js";

export interface OutcomeRecord {
  key: string;
  outcome: DeliveryOutcome;
  detail?: string;
  transient?: boolean;
  receipt?: string;
}

/** Outcomes a delivery could not write yet (the database was unreachable), per instance. */
export interface PendingRecords {
  add(record: OutcomeRecord): void;
  has(key: string): boolean;
  readonly size: number;
  /** Writes what it can now; keeps the rest for the next flush. Never throws. */
  flush(store: Store, logger: Logger): Promise<number>;
}

// One list per open store, so every sender on it (digests, jobs, webhooks) shares the scheduler's flush.
const perStore = new WeakMap<Store, PendingRecords>();

/** The pending outcomes of `store` in this process. */
export function pendingRecords(store: Store): PendingRecords {
  let p = perStore.get(store);
  if (!p) perStore.set(store, (p = createPendingRecords()));
  return p;
}

function createPendingRecords(): PendingRecords {
  const pending = new Map<string, OutcomeRecord>();
  return {
    add: (r) => void pending.set(r.key, r),
    has: (key) => pending.has(key),
    get size() {
      return pending.size;
    },
    async flush(store, logger) {
      let written = 0;
      for (const r of [...pending.values()]) {
        try {
          const held = await store.deliveries.complete(r.key, r.outcome, r);
          pending.delete(r.key);
          written++;
          // Not held: another instance took the key over (and settles it itself).
          if (!held) logger.warn({ key: r.key }, "a delivery's outcome was settled by another instance first");
        } catch {
          break; // still unreachable; try again next tick
        }
      }
      if (written) logger.info({ written, left: pending.size }, "recorded delivery outcomes that had failed to write");
      return written;
    },
  };
}

/**
 * Writes `record`, retrying the write (not the send) `attempts` times with backoff; when the
 * database stays unreachable the record waits in `pendingRecords(store)` for the scheduler's next tick.
 * Returns whether it was written now. Never throws.
 */
export async function recordOutcome(
  store: Store,
  record: OutcomeRecord,
  opts: { logger: Logger; sleep: (ms: number) => Promise<void>; attempts?: number },
): Promise<boolean> {
  const attempts = opts.attempts ?? 4;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      await store.deliveries.complete(record.key, record.outcome, record);
      return true;
    } catch (err) {
      last = err;
      if (i < attempts - 1) await opts.sleep(Math.min(10_000, 250 * 2 ** i));
    }
  }
  pendingRecords(store).add(record);
  opts.logger.error(
    { key: record.key, outcome: record.outcome, err: last instanceof Error ? last.message : String(last) },
    "could not record a delivery's outcome; it is not sent again, the record is retried",
  );
  return false;
}
