// The scheduler: every tick (30 s by default) it sends due digests, runs the retry pass and the
// registered jobs. Each instance runs its own; the store's claims keep every send exactly once.
import type { Bot } from "../bot/bot.js";
import type { CostType } from "../cost/types.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/types.js";
import { runDigests, type DigestRunResult } from "../digests/run.js";
import { createJobRunner, type ScheduledJob } from "../schedule/jobs.js";
import { pendingRecords } from "../schedule/record.js";
import type { DigestReport } from "../digests/report.js";
import type { Notifiers } from "../schedule/notifier.js";
import { retryPass, type RetryOptions } from "./retry.js";

export interface SchedulerDeps {
  store: Store;
  bot: Pick<Bot, "costSource">;
  /** Senders of the digests (jobs carry their own). */
  notifiers: Notifiers<DigestReport>;
  logger: Logger;
  /** The clock; tests pin it. */
  clock?: () => Date;
  jobs?: ScheduledJob[];
  costType?: CostType;
  /** Tick interval (default 30 s); 0 = no timer, the caller calls tick(). */
  tickMs?: number;
  /** Retry pass interval (default 60 s) and its options. */
  retryEveryMs?: number;
  retry?: RetryOptions;
  /** Sends in flight at once per tick (default 8). */
  concurrency?: number;
  /** Waits between attempts of one send; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Scheduler {
  /** One pass now; concurrent calls share the pass in progress. */
  tick(): Promise<DigestRunResult>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
  /**
   * The named jobs run once more, at the next pass, which starts now (or follows the pass in
   * progress): e.g. budget and spike checks when a sync found new cost data.
   */
  runJobsSoon(names: readonly string[]): Promise<void>;
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const clock = deps.clock ?? (() => new Date());
  const jobs = deps.jobs ?? [];
  const runJobs = createJobRunner(jobs, deps.logger);
  const settled = new Set<string>();
  const runDeps = { ...deps, settled };
  let lastRetry = -Infinity;
  let running: Promise<DigestRunResult> | undefined;
  let stopped = false;

  const pass = async (): Promise<DigestRunResult> => {
    const now = clock();
    // Outcomes of sends that could not be written earlier go first, before anything is retried.
    await pendingRecords(deps.store).flush(deps.store, deps.logger);
    const result = await runDigests(now, runDeps);
    if (now.getTime() - lastRetry >= (deps.retryEveryMs ?? 60_000)) {
      lastRetry = now.getTime();
      await retryPass(now, runDeps, jobs, deps.retry);
    }
    await runJobs(now);
    if (result.due) deps.logger.info({ ...result.results, due: result.due }, "digest pass");
    return result;
  };

  const tick = (): Promise<DigestRunResult> => {
    running ??= pass()
      .catch((err) => {
        deps.logger.error({ err }, "scheduler pass failed; trying again next tick");
        return { due: 0, results: {} } as DigestRunResult;
      })
      .finally(() => (running = undefined));
    return running;
  };

  const tickMs = deps.tickMs ?? 30_000;
  const timer = tickMs > 0 ? setInterval(() => void (stopped || tick()), tickMs) : undefined;
  timer?.unref();
  if (timer) void tick();
  return {
    tick,
    async runJobsSoon(names) {
      runJobs.due(names);
      // A pass in progress may have run them already: the next one does.
      if (running) await running;
      if (!stopped) await tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
