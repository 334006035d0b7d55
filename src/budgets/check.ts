// Checks budgets against the cached cost data and announces crossed thresholds exactly once per
// period per threshold (delivery keys budget:<id>:<period>:<t> and budget-forecast:<id>:<period>:<t>).
// Runs from the scheduler and right after `budget set`; platform code stays behind the notifiers.
import { shiftDays } from "../base/dates.js";
import type { NoticeReport } from "../bot/report.js";
import type { CostResult, CostSource, CostType } from "../cost/types.js";
import { deliver, type DeliverDeps, type DeliverResult } from "../schedule/deliver.js";
import type { ScheduledJob } from "../schedule/jobs.js";
import type { Budget, Delivery, Store, Target } from "../store/types.js";
import { budgetAlertCard } from "./card.js";
import { evaluateBudget, HISTORY_DAYS, type BudgetStatus } from "./evaluate.js";
import { periodWindow } from "./period.js";

export interface BudgetCheckDeps extends DeliverDeps<NoticeReport> {
  costSource: CostSource;
  costType?: CostType;
  /** Zone for targets that report none (config COSTBOT_TZ). */
  tz?: string;
}

export interface BudgetCheck {
  budget: Budget;
  status: BudgetStatus;
  /** What each announcement did; empty when nothing new was crossed. */
  sent: Array<{ key: string; result: DeliverResult }>;
}

/** One cost query per distinct window within a run (the source caches across runs too). */
export type CostMemo = Map<string, Promise<CostResult>>;

export const budgetKey = (b: Pick<Budget, "id">, period: string, threshold: number) => `budget:${b.id}:${period}:${threshold}`;
export const forecastKey = (b: Pick<Budget, "id">, period: string, threshold: number) => `budget-forecast:${b.id}:${period}:${threshold}`;

/** The zone a target's periods are counted in: its own, else its digest's, else the default. */
export async function targetZone(store: Store, target: Target, fallback = "UTC"): Promise<string> {
  return target.tz ?? (await store.getDigest(target.id))?.tz ?? fallback;
}

/** Evaluates one budget now and announces what newly crossed; never throws for a failed send. */
export async function checkBudget(
  budget: Budget,
  target: Target,
  now: Date,
  deps: BudgetCheckDeps,
  memo: CostMemo = new Map(),
): Promise<BudgetCheck> {
  const window = periodWindow(budget.period, now, await targetZone(deps.store, target, deps.tz));
  const from = shiftDays(window.from, -HISTORY_DAYS);
  const costType = deps.costType ?? "actual";
  const memoKey = `${from}|${window.today}|${costType}`;
  if (!memo.has(memoKey)) memo.set(memoKey, deps.costSource.query({ from, to: window.today, costType }));
  const status = evaluateBudget(budget, await memo.get(memoKey)!, window);
  const sent: BudgetCheck["sent"] = [];
  const announce = async (kind: "actual" | "forecast", crossed: number[], keyOf: typeof budgetKey) => {
    if (crossed.length === 0) return;
    // The highest crossed threshold is claimed in one statement across instances: only a caller
    // raising the period's mark announces, so a lower threshold never follows a higher one.
    const top = crossed[crossed.length - 1];
    const mark = await deps.store.budgetMarks.raise({ budgetId: budget.id, kind, period: window.key, threshold: top });
    if (!mark.raised) return;
    const fresh = crossed.filter((t) => mark.previous === undefined || t > mark.previous);
    const key = keyOf(budget, window.key, top);
    sent.push({ key, result: await deliver(key, target, budgetAlertCard(budget, status, kind, fresh, target.locale), deps) });
    // Lower thresholds crossed at the same time ride on that one card; logged for audits.
    for (const t of fresh.slice(0, -1)) {
      const lower = keyOf(budget, window.key, t);
      if (await deps.store.deliveries.claim(lower, { targetId: target.id })) {
        await deps.store.deliveries.complete(lower, "skipped", { detail: `announced with ${key}` });
      }
    }
  };
  await announce("actual", status.actualCrossed, budgetKey);
  await announce(
    "forecast",
    status.forecastCrossed.map((f) => f.threshold),
    forecastKey,
  );
  return { budget, status, sent };
}

export interface BudgetRunSummary {
  checked: number;
  announced: number;
  failed: number;
}

/** Checks every budget of every enabled target; one failing budget never stops the others. */
export async function runBudgetChecks(deps: BudgetCheckDeps, now: Date): Promise<BudgetRunSummary> {
  const summary: BudgetRunSummary = { checked: 0, announced: 0, failed: 0 };
  const memo: CostMemo = new Map();
  const targets = new Map<string, Target | undefined>();
  for (const budget of await deps.store.listBudgets()) {
    try {
      if (!targets.has(budget.targetId)) targets.set(budget.targetId, await deps.store.getTarget(budget.targetId));
      const target = targets.get(budget.targetId);
      if (!target || target.disabled) continue;
      const check = await checkBudget(budget, target, now, deps, memo);
      summary.checked++;
      summary.announced += check.sent.filter((s) => s.result === "sent").length;
    } catch (err) {
      summary.failed++;
      deps.logger.warn({ err, budget: budget.id, target: budget.targetId }, "budget check failed");
    }
  }
  return summary;
}

/**
 * Runs every budget check after each data refresh (cheap: the cost source is cached), and resends
 * budget alerts the retry pass hands back while their period and threshold still hold.
 */
export function createBudgetCheckJob(deps: BudgetCheckDeps, everyMs = 5 * 60_000): ScheduledJob {
  return {
    name: "budget-check",
    everyMs,
    async run(now) {
      const s = await runBudgetChecks(deps, now);
      if (s.announced || s.failed) deps.logger.info({ ...s }, "budget check");
    },
    retryPrefix: "budget",
    retry: (d, now) => retryBudgetAlert(d, now, deps),
  };
}

/** Rebuilds the card of a reclaimed `budget:` / `budget-forecast:` key, or closes it when moot. */
async function retryBudgetAlert(d: Delivery, now: Date, deps: BudgetCheckDeps): Promise<void> {
  const m = /^(budget|budget-forecast):([^:]+):([^:]+):([\d.]+)$/.exec(d.key);
  const close = (detail: string) => deps.store.deliveries.complete(d.key, "skipped", { detail });
  const budget = m ? await deps.store.getBudget(m[2]) : undefined;
  const target = budget && (await deps.store.getTarget(budget.targetId));
  if (!m || !budget || !target || target.disabled) return void (await close("budget or channel no longer exists"));
  const window = periodWindow(budget.period, now, await targetZone(deps.store, target, deps.tz));
  if (window.key !== m[3]) return void (await close(`not retried after its period (${m[3]})`));
  const from = shiftDays(window.from, -HISTORY_DAYS);
  const status = evaluateBudget(budget, await deps.costSource.query({ from, to: window.today, costType: deps.costType ?? "actual" }), window);
  const t = Number(m[4]);
  const kind = m[1] === "budget" ? "actual" : "forecast";
  const holds = kind === "actual" ? status.actualCrossed.includes(t) : status.forecastCrossed.some((f) => f.threshold === t);
  if (!holds) return void (await close(`threshold ${t}% no longer ${kind === "actual" ? "crossed" : "forecast"}`));
  const probeSince = d.status === "claimed" ? d.claimedAt : undefined;
  await deliver(d.key, target, budgetAlertCard(budget, status, kind, [t], target.locale), deps, { alreadyClaimed: true, probeSince });
}
