// Budget threshold marks and the inbound de-duplication log on either database: each decision is
// one statement (a conditional upsert), so the database picks the winners. Contracts in types.ts.
import type { SqlDriver } from "./driver.js";
import type { BudgetMarks, InboundLog } from "./types.js";

export function createBudgetMarks(db: SqlDriver, clock: () => Date, instanceId: string): BudgetMarks {
  return {
    async raise({ budgetId, kind, period, threshold }) {
      // `previous = budget_marks.threshold` reads the row as it was before this update, on both databases.
      const rows = await db.all(
        `INSERT INTO budget_marks (budget_id, kind, period, threshold, previous, raised_at, raised_by)
         VALUES (?, ?, ?, ?, NULL, ?, ?)
         ON CONFLICT (budget_id, kind, period) DO UPDATE
           SET previous = budget_marks.threshold, threshold = excluded.threshold,
               raised_at = excluded.raised_at, raised_by = excluded.raised_by
           WHERE budget_marks.threshold < excluded.threshold
         RETURNING previous`,
        [budgetId, kind, period, threshold, clock().getTime(), instanceId],
      );
      if (rows.length === 0) return { raised: false };
      const prev = rows[0].previous;
      return prev === null || prev === undefined ? { raised: true } : { raised: true, previous: Number(prev) };
    },
    async get({ budgetId, kind, period }) {
      const [row] = await db.all("SELECT threshold FROM budget_marks WHERE budget_id = ? AND kind = ? AND period = ?", [budgetId, kind, period]);
      return row ? Number(row.threshold) : undefined;
    },
  };
}

/** Keys older than this many `ttlMs` are swept now and then, so the table stays small. */
const SWEEP_EVERY = 500;

export function createInboundLog(db: SqlDriver, clock: () => Date, instanceId: string): InboundLog {
  let calls = 0;
  return {
    async firstTime(key, { ttlMs }) {
      const now = clock().getTime();
      if (++calls % SWEEP_EVERY === 0) await db.run("DELETE FROM inbound_seen WHERE seen_at < ?", [now - ttlMs]);
      // New key, or one seen longer ago than the TTL: exactly one concurrent caller changes the row.
      const changed = await db.run(
        `INSERT INTO inbound_seen (key, seen_at, seen_by) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, seen_by = excluded.seen_by
           WHERE inbound_seen.seen_at < ?`,
        [key, now, instanceId, now - ttlMs],
      );
      return changed === 1;
    },
    async forget(key) {
      await db.run("DELETE FROM inbound_seen WHERE key = ? AND seen_by = ?", [key, instanceId]);
    },
  };
}
