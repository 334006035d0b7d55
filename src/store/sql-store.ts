// Builds a Store over any SqlDriver: migrations at open, then the three method groups.
// Both databases run this same code; only the driver differs. No platform SDKs.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { SqlDriver } from "./driver.js";
import { migrations } from "./migrations.js";
import { createBudgetMarks, createInboundLog } from "./sql-marks.js";
import { createDeliveryLog } from "./sql-deliveries.js";
import { createEstimateChecks } from "./sql-estimates.js";
import { createSubscriptionMethods } from "./sql-subscriptions.js";
import { createTargetMethods } from "./sql-targets.js";
import type { Store, StoreOptions } from "./types.js";

/** A fresh id per open, so two stores in one process (or two processes on one host) differ. */
function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Applies pending migrations, then returns the store; closes the driver if migrating fails. */
export async function createSqlStore(db: SqlDriver, opts: StoreOptions = {}): Promise<Store> {
  try {
    await db.migrate(migrations);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  const clock = opts.clock ?? (() => new Date());
  const instanceId = opts.instanceId ?? defaultInstanceId();
  let closed = false;
  return {
    dialect: db.dialect,
    ...createTargetMethods(db, clock),
    ...createSubscriptionMethods(db, clock),
    deliveries: createDeliveryLog(db, clock, instanceId),
    budgetMarks: createBudgetMarks(db, clock, instanceId),
    inbound: createInboundLog(db, clock, instanceId),
    estimateChecks: createEstimateChecks(db, clock, instanceId),
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
