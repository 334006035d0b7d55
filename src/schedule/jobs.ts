// The ScheduledJob seam: periodic work (budget and spike checks) that the scheduler runs beside
// digests, plus the retry hook for the delivery keys a job owns. Types and a small runner only.
import type { Logger } from "../log.js";
import type { Delivery } from "../store/types.js";

export interface ScheduledJob {
  name: string;
  /** Run at most this often (ms); the first tick runs it at once. */
  everyMs: number;
  run(now: Date): Promise<void>;
  /** Delivery keys this job owns, by prefix (e.g. "budget:"); the retry pass hands them back. */
  retryPrefix?: string;
  /**
   * Resend one delivery the retry pass has already reclaimed for this instance: build the report
   * again and call deliver(key, target, report, deps, { alreadyClaimed: true, probeSince }).
   */
  retry?(delivery: Delivery, now: Date): Promise<void>;
}

/**
 * Remembers when each job last ran (per instance); runs the ones whose interval has passed, and
 * the ones `due` names (once, at the next run, however often they were named before it).
 */
export function createJobRunner(jobs: ScheduledJob[], logger: Logger) {
  const lastRun = new Map<string, number>();
  const run = async (now: Date): Promise<void> => {
    for (const job of jobs) {
      const last = lastRun.get(job.name);
      if (last !== undefined && now.getTime() - last < job.everyMs) continue;
      lastRun.set(job.name, now.getTime());
      try {
        await job.run(now);
      } catch (err) {
        logger.error({ err, job: job.name }, "scheduled job failed; it runs again at its next interval");
      }
    }
  };
  return Object.assign(run, {
    due(names: readonly string[]): void {
      for (const name of names) lastRun.delete(name);
    },
  });
}
