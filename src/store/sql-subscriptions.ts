// Digest subscriptions, budgets and Azure alert routes on either database: what each target asked for.
// Inputs are validated first (validate.ts); constraint failures become CostbotErrors. No platform SDKs.
import { randomUUID } from "node:crypto";
import { CostbotError } from "../base/errors.js";
import { constraintKind, type SqlDriver } from "./driver.js";
import { toAlertRoute, toBudget, toDigest } from "./rows.js";
import type { Store } from "./types.js";
import { amountToText, checkBudget, checkDigest } from "./validate.js";

type SubscriptionMethods = Pick<
  Store,
  | "setDigest"
  | "getDigest"
  | "removeDigest"
  | "listDigests"
  | "createBudget"
  | "getBudget"
  | "listBudgets"
  | "removeBudget"
  | "setAlertRoute"
  | "listAlertRoutes"
  | "removeAlertRoute"
>;

/** Runs a write, turning "no such target" into NOT_FOUND instead of a driver error. */
async function onTarget<T>(targetId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (constraintKind(err) === "foreign-key")
      throw new CostbotError(`no target with id "${targetId}"; save the channel first`, "NOT_FOUND", { cause: err });
    throw err;
  }
}

const ENABLED = "target_id IN (SELECT id FROM targets WHERE disabled_reason IS NULL)";

export function createSubscriptionMethods(db: SqlDriver, clock: () => Date): SubscriptionMethods {
  const now = () => clock().getTime();

  return {
    async setDigest(input) {
      const d = checkDigest(input);
      const [row] = await onTarget(d.targetId, () =>
        db.all(
          `INSERT INTO digest_subscriptions (target_id, cadence, weekday, local_time, tz, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (target_id) DO UPDATE SET cadence = excluded.cadence, weekday = excluded.weekday,
             local_time = excluded.local_time, tz = excluded.tz, created_by = excluded.created_by, created_at = excluded.created_at
           RETURNING *`,
          [d.targetId, d.cadence, d.weekday ?? null, d.time, d.tz, d.createdBy, now()],
        ),
      );
      return toDigest(row);
    },
    async getDigest(targetId) {
      const [row] = await db.all("SELECT * FROM digest_subscriptions WHERE target_id = ?", [targetId]);
      return row && toDigest(row);
    },
    async removeDigest(targetId) {
      return (await db.run("DELETE FROM digest_subscriptions WHERE target_id = ?", [targetId])) === 1;
    },
    async listDigests(opts = {}) {
      const rows = await db.all(
        `SELECT * FROM digest_subscriptions${opts.includeDisabled ? "" : " WHERE " + ENABLED} ORDER BY created_at, target_id`,
      );
      return rows.map(toDigest);
    },

    async createBudget(input, opts = {}) {
      const b = checkBudget(input);
      // A replacement takes a new id so its thresholds' delivery keys start afresh.
      const upsert = opts.replace
        ? ` ON CONFLICT (target_id, name_key) DO UPDATE SET id = excluded.id, name = excluded.name, amount = excluded.amount,
             period = excluded.period, model = excluded.model, channel = excluded.channel, thresholds = excluded.thresholds,
             created_by = excluded.created_by, created_at = excluded.created_at`
        : "";
      const params = [
        randomUUID(),
        b.targetId,
        b.name,
        b.name.toLowerCase(),
        amountToText(b.amount),
        b.period,
        b.model ?? null,
        b.channel ?? null,
        JSON.stringify(b.thresholds),
        b.createdBy,
        now(),
      ];
      try {
        const [row] = await onTarget(b.targetId, () =>
          db.all(
            `INSERT INTO budgets (id, target_id, name, name_key, amount, period, model, channel, thresholds, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)${upsert} RETURNING *`,
            params,
          ),
        );
        return toBudget(row);
      } catch (err) {
        if (constraintKind(err) !== "unique") throw err;
        throw new CostbotError(`there is already a budget named "${b.name}" here; remove it first or pick another name`, "CONFLICT", { cause: err });
      }
    },
    async getBudget(id) {
      const [row] = await db.all("SELECT * FROM budgets WHERE id = ?", [id]);
      return row && toBudget(row);
    },
    async listBudgets(opts = {}) {
      const where = opts.targetId !== undefined ? "target_id = ?" : opts.includeDisabled ? "" : ENABLED;
      const rows = await db.all(
        `SELECT * FROM budgets${where ? " WHERE " + where : ""} ORDER BY created_at, name_key`,
        opts.targetId !== undefined ? [opts.targetId] : [],
      );
      return rows.map(toBudget);
    },
    async removeBudget(targetId, name) {
      return (await db.run("DELETE FROM budgets WHERE target_id = ? AND name_key = ?", [targetId, name.trim().toLowerCase()])) === 1;
    },

    async setAlertRoute(input) {
      const scope = input.scope?.trim() || "*";
      const [row] = await onTarget(input.targetId, () =>
        db.all(
          `INSERT INTO alert_routes (target_id, scope, created_by, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (target_id, scope) DO UPDATE SET created_by = excluded.created_by, created_at = excluded.created_at
           RETURNING *`,
          [input.targetId, scope, input.createdBy, now()],
        ),
      );
      return toAlertRoute(row);
    },
    async listAlertRoutes(opts = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.targetId !== undefined) {
        where.push("target_id = ?");
        params.push(opts.targetId);
      }
      if (!opts.includeDisabled) where.push(ENABLED);
      const rows = await db.all(
        `SELECT * FROM alert_routes${where.length ? " WHERE " + where.join(" AND ") : ""} ORDER BY created_at, target_id, scope`,
        params,
      );
      return rows.map(toAlertRoute);
    },
    async removeAlertRoute(targetId, scope) {
      const changed =
        scope === undefined
          ? await db.run("DELETE FROM alert_routes WHERE target_id = ?", [targetId])
          : await db.run("DELETE FROM alert_routes WHERE target_id = ? AND scope = ?", [targetId, scope.trim() || "*"]);
      return changed > 0;
    },
  };
}
