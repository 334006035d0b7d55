// "What #channel would get tomorrow at 09:00": the next digest of one subscription, built by the
// same digest builder the scheduler uses and rendered for every platform. No platform SDKs.
import type { AnyReport } from "../../server/render.js";
import { buildDigestBase, digestFor } from "../../digests/figures.js";
import { weekday } from "../../base/dates.js";
import { localDate } from "../../base/zones.js";
import { isCostbotError } from "../../base/errors.js";
import type { AppDeps } from "../../server/app.js";
import type { DigestSubscription } from "../../store/types.js";
import { renderAll } from "./render-all.js";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export interface PreviewRequest {
  now: Date;
  /** How people name the place ("#general", "the playground"). */
  target: string;
  subscription: Pick<DigestSubscription, "cadence" | "weekday" | "time" | "tz"> & { targetId?: string };
  /** false: no digest is set anywhere yet, so this shows what a daily one would send. */
  subscribed: boolean;
  /** When the subscription fires next (computed by the caller). */
  next: Date | null;
}

function whenText(next: Date, now: Date, sub: PreviewRequest["subscription"]): string {
  const day = localDate(next, sub.tz);
  const today = localDate(now, sub.tz);
  const tomorrow = localDate(new Date(now.getTime() + 86_400_000), sub.tz);
  const dayName = WEEKDAYS[(weekday(day) + 6) % 7];
  const dayText = day === today ? "today" : day === tomorrow ? "tomorrow" : `on ${dayName} ${day}`;
  return `${dayText} at ${sub.time} (${sub.tz})`;
}

export async function previewDigest(deps: AppDeps, req: PreviewRequest) {
  const sub = req.subscription;
  const next = req.next ?? req.now;
  const heading = `What ${req.target} would get ${whenText(next, req.now, sub)}`;
  const note = req.subscribed
    ? `Its ${sub.cadence} digest, built now from the data the source has so far.`
    : `No digest is set yet: this is what \`digest daily ${sub.time} ${sub.tz}\` would send.`;
  let report: AnyReport;
  try {
    const base = await buildDigestBase({ costSource: deps.bot.costSource, cadence: sub.cadence, date: localDate(next, sub.tz), tz: sub.tz });
    const budgets = deps.store && sub.targetId ? await deps.store.listBudgets({ targetId: sub.targetId }) : [];
    report = digestFor(base, budgets).report;
  } catch (err) {
    if (!isCostbotError(err)) throw err;
    report = { kind: "error", message: err.message };
  }
  return { heading, note, ...renderAll(report) };
}
