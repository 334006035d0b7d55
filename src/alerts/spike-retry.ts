// Reclaimed spike deliveries (`<prefix>:<model>:<date>:<target id>`), shared by the cost spike job and
// the billed-failures spike job: closed as skipped when the channel is gone, the day is too old or
// the spike no longer shows; otherwise the card is rebuilt and delivered under the same key.
import type { NoticeReport } from "../bot/report.js";
import { deliver, type DeliverDeps } from "../schedule/deliver.js";
import type { Delivery } from "../store/types.js";
import { shiftDays } from "../base/dates.js";
import { localDate } from "../base/zones.js";

export interface SpikeRetry {
  prefix: string;
  /** Complete days back a spike may still be announced. */
  lookbackDays: number;
  /** The card for this model and day in the channel's locale, or undefined when it is no longer a spike. */
  rebuild(model: string, date: string, locale?: string): Promise<NoticeReport | undefined>;
  /** Why it was closed when `rebuild` found nothing. */
  gone: string;
}

export async function retrySpikeDelivery(d: Delivery, now: Date, deps: DeliverDeps<NoticeReport>, r: SpikeRetry): Promise<void> {
  const m = new RegExp(`^${r.prefix}:(.+):(\\d{4}-\\d{2}-\\d{2}):([^:]+)$`).exec(d.key);
  const close = (detail: string) => deps.store.deliveries.complete(d.key, "skipped", { detail });
  const target = m ? await deps.store.getTarget(m[3]) : undefined;
  if (!m || !target || target.disabled) return void (await close("channel no longer exists"));
  if (m[2] < shiftDays(localDate(now, "UTC"), -r.lookbackDays - 1)) return void (await close("too old to announce now"));
  const card = await r.rebuild(m[1], m[2], target.locale);
  if (!card) return void (await close(r.gone));
  const probeSince = d.status === "claimed" ? d.claimedAt : undefined;
  await deliver(d.key, target, card, deps, { alreadyClaimed: true, probeSince });
}
