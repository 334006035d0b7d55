// GET /playground/api/state: which source answers, who the playground user is, and what the store
// holds (targets, digest subscriptions, budgets) with a preview of the next digest. No platform SDKs.
import { toCents } from "../../cost/money.js";
import { nextDue } from "../../schedule/due.js";
import type { AppDeps } from "../../server/app.js";
import type { DigestSubscription, Target } from "../../store/types.js";
import type { ApiOptions } from "./render-all.js";
import { previewDigest } from "./digest-preview.js";
import { PLAYGROUND_TARGET, PLAYGROUND_USER_ID } from "./identity.js";

/** "#general", "Teams channel 19:abc…", "the playground": how people name a place. */
function targetLabel(t: Pick<Target, "platform" | "address" | "meta">): string {
  const name = t.meta?.name ?? t.meta?.channelName ?? t.meta?.conversationName;
  if (t.platform === "web") return t.address === PLAYGROUND_TARGET.address ? "the playground" : `web ${t.address}`;
  if (t.platform === "slack") return `#${name ?? t.address}`;
  const short = t.address.length > 24 ? `${t.address.slice(0, 23)}…` : t.address;
  return `Teams ${t.meta?.conversationType ?? "conversation"} ${name ?? short}`;
}

/** Exact decimal text of a stored amount, to the cent ("500.00"). */
function amountText(amount: bigint): string {
  const cents = toCents(amount);
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

export async function describeState(deps: AppDeps, opts: ApiOptions) {
  const now = opts.clock();
  const base = {
    source: deps.sourceName,
    production: deps.config.production,
    user: { id: PLAYGROUND_USER_ID, admin: opts.admin },
    target: PLAYGROUND_TARGET,
  };
  const store = deps.store;
  const [targets, digests, budgets] = store
    ? await Promise.all([store.listTargets({ includeDisabled: true }), store.listDigests(), store.listBudgets()])
    : [[], [], []];
  const byId = new Map(targets.map((t) => [t.id, t]));
  const label = (id: string) => (byId.has(id) ? targetLabel(byId.get(id)!) : id);
  const digestRows = digests.map((d) => ({
    target: label(d.targetId),
    targetId: d.targetId,
    cadence: d.cadence,
    weekday: d.weekday,
    time: d.time,
    tz: d.tz,
    next: nextDue(d, now)?.toISOString() ?? null,
  }));
  // The playground's own digest first, then the earliest one due, else a default daily 09:00.
  const mine = targets.find((t) => t.platform === "web" && t.address === PLAYGROUND_TARGET.address);
  const chosen = digests.find((d) => d.targetId === mine?.id) ?? [...digests].sort(byNext(now))[0];
  const subscription = chosen ?? { cadence: "daily" as const, time: "09:00", tz: deps.config.tz };
  return {
    ...base,
    store: store ? store.dialect : null,
    targets: targets.map((t) => ({ id: t.id, platform: t.platform, label: targetLabel(t), disabled: t.disabled ?? null })),
    digests: digestRows,
    budgets: budgets.map((b) => ({
      target: label(b.targetId),
      name: b.name,
      amount: amountText(b.amount),
      period: b.period,
      model: b.model ?? null,
      channel: b.channel ?? null,
      thresholds: b.thresholds,
    })),
    digestPreview: await previewDigest(deps, {
      now,
      target: chosen ? label(chosen.targetId) : "#your-channel",
      subscription: subscription,
      subscribed: Boolean(chosen),
      next: nextDue(subscription, now),
    }),
  };
}

function byNext(now: Date) {
  return (a: DigestSubscription, b: DigestSubscription) => (nextDue(a, now)?.getTime() ?? Infinity) - (nextDue(b, now)?.getTime() ?? Infinity);
}
