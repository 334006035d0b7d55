// The estimate reconciliation log on either database: one row per day and model, inserted once
// (ON CONFLICT DO NOTHING, so concurrent instances and repeated runs keep the first record).
import { CostbotError } from "../base/errors.js";
import { parseAmount, type Amount } from "../cost/money.js";
import type { Row, SqlDriver } from "./driver.js";
import type { EstimateCheck, EstimateChecks } from "./types.js";
import { amountToText } from "./validate.js";

const DAY = /^\d{4}-\d\d-\d\d$/;

function amount(r: Row, column: "estimate" | "billed"): Amount {
  const a = parseAmount(String(r[column]));
  // Only this module writes the column, so a bad value means someone edited the database by hand.
  if (a === null)
    throw new CostbotError(`estimate check ${String(r.day)} ${String(r.model)} has an unreadable ${column} "${String(r[column])}"`, "CONFIG");
  return a;
}

export function createEstimateChecks(db: SqlDriver, clock: () => Date, instanceId: string): EstimateChecks {
  return {
    async record(checks) {
      let added = 0;
      for (const c of checks) {
        if (!DAY.test(c.date) || !c.model)
          throw new CostbotError(`estimate check needs a YYYY-MM-DD date and a model (got "${c.date}", "${c.model}")`, "BAD_INPUT");
        added += await db.run(
          `INSERT INTO estimate_checks (day, model, estimate, billed, currency, basis, recorded_at, recorded_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, model) DO NOTHING`,
          [c.date, c.model, amountToText(c.estimate), amountToText(c.billed), c.currency, c.basis, clock().getTime(), instanceId],
        );
      }
      return added;
    },
    async list({ from, to }) {
      const rows = await db.all("SELECT * FROM estimate_checks WHERE day >= ? AND day <= ? ORDER BY day, model", [from, to]);
      return rows.map(
        (r): EstimateCheck => ({
          date: String(r.day),
          model: String(r.model),
          estimate: amount(r, "estimate"),
          billed: amount(r, "billed"),
          currency: String(r.currency),
          basis: r.basis === "retail-price" ? "retail-price" : "billed-rate",
          recordedAt: new Date(Number(r.recorded_at)),
        }),
      );
    },
  };
}
