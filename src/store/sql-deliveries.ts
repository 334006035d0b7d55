// The delivery log on either database: claims are one INSERT ... ON CONFLICT DO NOTHING, takeovers
// one conditional UPDATE, so the database picks exactly one winner. Semantics: DeliveryLog in types.ts.
import { CostbotError } from "../base/errors.js";
import type { SqlDriver } from "./driver.js";
import { toDelivery } from "./rows.js";
import type { DeliveryLog, DeliveryOutcome } from "./types.js";

const OUTCOMES: readonly DeliveryOutcome[] = ["sent", "failed", "skipped"];
// A claim nobody completed, or a transient failure, that has been quiet since `cutoff`.
const STALE = "((status = 'claimed' AND claimed_at < ?) OR (status = 'failed' AND transient = 1 AND completed_at < ?))";

export function createDeliveryLog(db: SqlDriver, clock: () => Date, instanceId: string): DeliveryLog {
  const now = () => clock().getTime();
  const cutoff = (olderThanMs: number) => {
    if (!(olderThanMs >= 0)) throw new CostbotError("olderThanMs must be zero or more", "BAD_INPUT");
    return now() - olderThanMs;
  };

  return {
    async claim(key, opts = {}) {
      const changed = await db.run(
        `INSERT INTO deliveries (key, target_id, status, attempts, transient, claimed_at, claimed_by)
         VALUES (?, ?, 'claimed', 1, 0, ?, ?) ON CONFLICT (key) DO NOTHING`,
        [key, opts.targetId ?? null, now(), instanceId],
      );
      return changed === 1;
    },

    async markSending(key) {
      const changed = await db.run(`UPDATE deliveries SET sending_at = ? WHERE key = ? AND status = 'claimed' AND claimed_by = ?`, [
        now(),
        key,
        instanceId,
      ]);
      return changed === 1;
    },

    async complete(key, outcome, opts = {}) {
      if (!OUTCOMES.includes(outcome)) throw new CostbotError(`unknown delivery outcome "${outcome}"`, "BAD_INPUT");
      const transient = outcome === "failed" && opts.transient === true ? 1 : 0;
      // A known outcome ends the doubt: a later retry of a transient failure is a plain send.
      const changed = await db.run(
        `UPDATE deliveries SET status = ?, transient = ?, detail = ?, completed_at = ?, receipt = ?, sending_at = NULL
         WHERE key = ? AND status = 'claimed' AND claimed_by = ?`,
        [outcome, transient, opts.detail ?? null, now(), opts.receipt ?? null, key, instanceId],
      );
      return changed === 1;
    },

    async get(key) {
      const [row] = await db.all("SELECT * FROM deliveries WHERE key = ?", [key]);
      return row && toDelivery(row);
    },

    async retryable({ olderThanMs, limit = 100 }) {
      const c = cutoff(olderThanMs);
      const rows = await db.all(`SELECT * FROM deliveries WHERE ${STALE} ORDER BY claimed_at, key LIMIT ?`, [c, c, limit]);
      return rows.map(toDelivery);
    },

    async reclaim(key, { olderThanMs }) {
      const c = cutoff(olderThanMs);
      // Re-checked under the row lock (pg) or the write lock (SQLite): a second taker sees the
      // fresh claimed_at and changes nothing.
      const changed = await db.run(
        `UPDATE deliveries SET status = 'claimed', attempts = attempts + 1, transient = 0,
           claimed_at = ?, claimed_by = ?, completed_at = NULL
         WHERE key = ? AND ${STALE}`,
        [now(), instanceId, key, c, c],
      );
      return changed === 1;
    },

    async list(opts = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.prefix !== undefined) {
        // substr, not LIKE: SQLite's LIKE ignores case and keys may hold % or _.
        where.push("substr(key, 1, ?) = ?");
        params.push([...opts.prefix].length, opts.prefix); // both count characters, not UTF-16 units
      }
      if (opts.status !== undefined) {
        where.push("status = ?");
        params.push(opts.status);
      }
      const sql = `SELECT * FROM deliveries${where.length ? " WHERE " + where.join(" AND ") : ""}`;
      // Sorted here: PostgreSQL's locale collation and SQLite's byte order disagree on punctuation.
      return (await db.all(sql, params)).map(toDelivery).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
