// Turns database rows into store entities; the two drivers differ only in how they return
// BIGINT (pg: string) and nothing else, so one mapper serves both. No SQL here.
import { CostbotError } from "../base/errors.js";
import { parseAmount } from "../cost/money.js";
import type { Channel } from "../cost/types.js";
import type { Row } from "./driver.js";
import type { AlertRoute, Budget, BudgetPeriod, Delivery, DeliveryStatus, DigestSubscription, Platform, Target } from "./types.js";

const date = (v: unknown) => new Date(Number(v));
const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

export function toTarget(r: Row): Target {
  const t: Target = {
    id: String(r.id),
    platform: r.platform as Platform,
    address: String(r.address),
    reference: r.reference === null ? null : JSON.parse(String(r.reference)),
    meta: JSON.parse(String(r.meta)),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
  if (r.tz !== null) t.tz = String(r.tz);
  if (r.locale !== null && r.locale !== undefined) t.locale = String(r.locale);
  if (r.disabled_reason !== null) t.disabled = String(r.disabled_reason);
  return t;
}

export function toDigest(r: Row): DigestSubscription {
  const d: DigestSubscription = {
    targetId: String(r.target_id),
    cadence: r.cadence as DigestSubscription["cadence"],
    time: String(r.local_time),
    tz: String(r.tz),
    createdBy: String(r.created_by),
    createdAt: date(r.created_at),
  };
  if (r.weekday !== null) d.weekday = Number(r.weekday);
  return d;
}

export function toBudget(r: Row): Budget {
  const amount = parseAmount(String(r.amount));
  // Only this module writes the column, so a bad value means someone edited the database by hand.
  if (amount === null) throw new CostbotError(`budget ${String(r.id)} has an unreadable amount "${String(r.amount)}"`, "CONFIG");
  const b: Budget = {
    id: String(r.id),
    name: String(r.name),
    targetId: String(r.target_id),
    amount,
    period: r.period as BudgetPeriod,
    thresholds: JSON.parse(String(r.thresholds)),
    createdBy: String(r.created_by),
    createdAt: date(r.created_at),
  };
  if (r.model !== null) b.model = String(r.model);
  if (r.channel !== null) b.channel = r.channel as Channel;
  return b;
}

export function toAlertRoute(r: Row): AlertRoute {
  return { targetId: String(r.target_id), scope: String(r.scope), createdBy: String(r.created_by), createdAt: date(r.created_at) };
}

export function toDelivery(r: Row): Delivery {
  const d: Delivery = {
    key: String(r.key),
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    transient: Number(r.transient) === 1,
    claimedAt: date(r.claimed_at),
    claimedBy: String(r.claimed_by),
  };
  const targetId = text(r.target_id);
  if (targetId !== undefined) d.targetId = targetId;
  if (r.completed_at !== null) d.completedAt = date(r.completed_at);
  const detail = text(r.detail);
  if (detail !== undefined) d.detail = detail;
  if (r.sending_at !== null && r.sending_at !== undefined) d.sendingAt = date(r.sending_at);
  const receipt = text(r.receipt);
  if (receipt !== undefined) d.receipt = receipt;
  return d;
}
