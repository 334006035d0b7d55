// Query planning for asked ranges older than the recent window: how many windowed queries the
// history needs, refusal (with the count, the time at Azure's pace and what to ask instead) when
// it needs more than a question may spend, and merging the history answer with the recent one.
import { shiftDays } from "../../../base/dates.js";
import { CostbotError } from "../../../base/errors.js";
import type { CacheAnswer } from "./cache.js";
import type { ScopeCosts } from "./fetch-costs.js";
import { monthStart, splitWindow, type DateWindow } from "./window.js";

/** Windowed history queries one question may cost per scope (default); each covers up to 365 days. */
export const DEFAULT_MAX_HISTORY_QUERIES = 4;

export interface QueryPlan {
  /** The part of the asked range from the recent canonical window on, if any. */
  recent?: DateWindow;
  /** The part before it: read as history, in the pacer's backfill lane. */
  history?: DateWindow;
  /** Windowed queries the history part needs per scope. */
  historyQueries: number;
}

export function planQuery(asked: DateWindow, now: Date, monthsBack = 2): QueryPlan {
  const start = monthStart(now, monthsBack);
  if (asked.from >= start) return { recent: asked, historyQueries: 0 };
  const history = { from: asked.from, to: asked.to < start ? asked.to : shiftDays(start, -1) };
  return {
    history,
    ...(asked.to >= start ? { recent: { from: start, to: asked.to } } : {}),
    historyQueries: splitWindow(history).length,
  };
}

/**
 * Refuses a plan whose history needs more than `max` queries per scope, before any is sent: a
 * question must not hold the scope's queue (and every question behind it) for many minutes.
 */
export function checkPlan(plan: QueryPlan, asked: DateWindow, opts: { max: number; perMinute: number; scopes: number; now: Date }): void {
  if (plan.historyQueries <= opts.max) return;
  const n = plan.historyQueries;
  const minutes = Math.ceil(n / opts.perMinute);
  const earliest = shiftDays(monthStart(opts.now, 2), -365 * opts.max);
  const perScope = opts.scopes > 1 ? ` for each of the ${opts.scopes} scopes` : "";
  throw new CostbotError(
    `Answering this reads Azure costs from ${asked.from} to ${asked.to} (the asked range and any period it is compared with): ` +
      `${n} Cost Management queries${perScope}, one per year of history; at Azure's pace of about ${opts.perMinute} a minute ` +
      `that is about ${minutes} minute${minutes === 1 ? "" : "s"}, and costbot spends at most ${opts.max} on one question. ` +
      // Said in the message itself: every adapter shows the message, not all show hints.
      `Ask about a shorter or more recent range (costs from ${earliest} on are read at once), or point costbot at ` +
      `Azure's scheduled cost exports (COSTBOT_SOURCE=<export folder or storage URL>), which Microsoft recommends for long histories.`,
    "BAD_INPUT",
  );
}

/** One answer from the history and recent answers of a scope (history rows all come first). */
export function mergeAnswers(history: CacheAnswer<ScopeCosts>, recent: CacheAnswer<ScopeCosts>): CacheAnswer<ScopeCosts> {
  const value: ScopeCosts = {
    rows: [...history.value.rows, ...recent.value.rows],
    latestDate: recent.value.latestDate ?? history.value.latestDate,
    answeredAt: recent.value.answeredAt ?? history.value.answeredAt,
    warnings: [...new Set([...history.value.warnings, ...recent.value.warnings])],
  };
  const staleBecause = recent.staleBecause ?? history.staleBecause;
  return { value, storedAt: Math.min(history.storedAt, recent.storedAt), ...(staleBecause !== undefined ? { staleBecause } : {}) };
}
