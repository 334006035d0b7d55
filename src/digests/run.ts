// One pass over every digest subscription: send those due today (late ones too), skip and log
// ones missed on an earlier local day. Claims make it exactly once across instances and restarts.
import type { Bot } from "../bot/bot.js";
import { buildDigestBase, digestFor, type DigestBase, type DigestFigures } from "./figures.js";
import type { DigestReport } from "./report.js";
import type { CostType } from "../cost/types.js";
import type { Logger } from "../log.js";
import type { DigestSubscription, Store, Target } from "../store/types.js";
import { deliver, type DeliverDeps, type DeliverResult } from "../schedule/deliver.js";
import { digestDecision, digestKey, type DigestDecision } from "../schedule/due.js";
import { shiftDays } from "../base/dates.js";

export interface DigestRunDeps extends DeliverDeps<DigestReport> {
  store: Store;
  bot: Pick<Bot, "costSource" | "metrics">;
  logger: Logger;
  costType?: CostType;
  /** Sends in flight at once (default 8). */
  concurrency?: number;
  /** Keys this instance already saw settled, so a tick does not claim them again (in-memory). */
  settled?: Set<string>;
}

export interface DigestRunResult {
  due: number;
  results: Partial<Record<DeliverResult | "skipped", number>>;
}

/** Digest bases by sending date and cadence: one cost query and aggregation serves every channel. */
export function createBaseMemo(deps: Pick<DigestRunDeps, "bot" | "costType">) {
  const memo = new Map<string, Promise<DigestBase>>();
  return (sub: DigestSubscription, date: string): Promise<DigestBase> => {
    const k = `${date}|${sub.cadence}`;
    let p = memo.get(k);
    if (!p) {
      p = buildDigestBase({
        costSource: deps.bot.costSource,
        metrics: deps.bot.metrics,
        cadence: sub.cadence,
        date,
        tz: sub.tz,
        costType: deps.costType,
      });
      // A failed build must not poison the rest of the run: the next caller tries again.
      p.catch(() => memo.delete(k));
      memo.set(k, p);
    }
    return p.then((b) => ({ ...b, report: { ...b.report, tz: sub.tz } }));
  };
}

/** The figures the previous digest of this target recorded, for restatement notes. */
async function previousFigures(store: Store, sub: DigestSubscription, date: string): Promise<DigestFigures | undefined> {
  const prev = await store.deliveries.get(digestKey(sub.targetId, shiftDays(date, sub.cadence === "weekly" ? -7 : -1)));
  if (prev?.status !== "sent" || !prev.detail?.startsWith("{")) return undefined;
  try {
    return JSON.parse(prev.detail) as DigestFigures;
  } catch {
    return undefined;
  }
}

/** Sends one target's digest under `key` (claimed here unless `alreadyClaimed`). */
export function sendDigest(
  deps: DigestRunDeps,
  base: ReturnType<typeof createBaseMemo>,
  sub: DigestSubscription,
  target: Target,
  key: string,
  date: string,
  opts: { alreadyClaimed?: boolean; probeSince?: Date } = {},
): Promise<DeliverResult> {
  return deliver(
    key,
    target,
    async () => {
      const [b, budgets, previous] = await Promise.all([
        base(sub, date),
        deps.store.listBudgets({ targetId: target.id }),
        previousFigures(deps.store, sub, date),
      ]);
      const { report, figures } = digestFor(b, budgets, previous, target.locale);
      lastFigures.set(report, figures);
      return report;
    },
    deps,
    { ...opts, detail: (r) => JSON.stringify(lastFigures.get(r) ?? null) },
  );
}

// Figures travel beside the report (the report itself stays plain card data).
const lastFigures = new WeakMap<object, DigestFigures>();

export async function runDigests(now: Date, deps: DigestRunDeps): Promise<DigestRunResult> {
  const { store, logger } = deps;
  const settled = deps.settled ?? new Set<string>();
  const base = createBaseMemo(deps);
  const subs = await store.listDigests();
  const work: Array<{ sub: DigestSubscription; d: DigestDecision }> = [];
  for (const sub of subs) {
    const d = digestDecision(sub, now);
    if (d && !settled.has(d.key)) work.push({ sub, d });
  }
  const out: DigestRunResult = { due: work.length, results: {} };
  const count = (r: DeliverResult | "skipped") => (out.results[r] = (out.results[r] ?? 0) + 1);
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const { sub, d } = work[next++];
      try {
        const r = await one(sub, d);
        if (r) count(r);
      } catch (err) {
        // One target's trouble (even a store hiccup) must not stop the others.
        logger.error({ err, key: d.key }, "digest run failed for one target");
      }
    }
  };
  const one = async (sub: DigestSubscription, d: DigestDecision): Promise<DeliverResult | "skipped" | undefined> => {
    if (d.action === "skip") {
      settled.add(d.key);
      if (!(await store.deliveries.claim(d.key, { targetId: sub.targetId }))) return undefined;
      const detail = `missed: due ${d.dueAt.toISOString()} (local ${d.date}), not sent on a later day`;
      await store.deliveries.complete(d.key, "skipped", { detail });
      logger.warn({ key: d.key, dueAt: d.dueAt.toISOString() }, "digest missed during downtime; skipped");
      return "skipped";
    }
    const target = await store.getTarget(sub.targetId);
    if (!target || target.disabled) return undefined;
    const r = await sendDigest(deps, base, sub, target, d.key, d.date);
    // Whatever happened, the key is claimed now: transient failures belong to the retry pass.
    settled.add(d.key);
    return r;
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 8, work.length) }, worker));
  if (settled.size > 50_000) settled.clear();
  return out;
}
