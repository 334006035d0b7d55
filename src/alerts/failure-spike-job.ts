// The billed-failures spike job: like the cost spike job, it looks at the last complete days of the
// usage metrics and announces each model's spike in billed failed requests (400, 408) once per day
// to the channels that get spike alerts. Key: failspike:<model>:<date>:<target id>.
import { shiftDays } from "../base/dates.js";
import { formatDate } from "../bot/render/format.js";
import type { NoticeReport } from "../bot/report.js";
import { detectFailureSpikes, type FailureSpike, type FailureSpikeOptions } from "../cost/metrics/failure-spikes.js";
import { FAILURE_EXPLANATION } from "../cost/metrics/failures.js";
import type { MetricsSource } from "../cost/metrics/types.js";
import { deliver, type DeliverDeps } from "../schedule/deliver.js";
import type { ScheduledJob } from "../schedule/jobs.js";
import type { Delivery } from "../store/types.js";
import { localDate } from "../base/zones.js";
import { spikeTargets } from "./spike-job.js";
import { retrySpikeDelivery } from "./spike-retry.js";

export interface FailureSpikeJobDeps extends DeliverDeps<NoticeReport> {
  metrics: MetricsSource;
  /** Complete days back to look (default 3). */
  lookbackDays?: number;
  spike?: FailureSpikeOptions;
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");

/** Dates in the channel's `locale` (Target.locale), else the default style. */
export function failureSpikeCard(s: FailureSpike, locale?: string): NoticeReport {
  const times = s.baseline > 0 ? `${(s.billed / s.baseline).toFixed(1)}× ` : "";
  return {
    kind: "notice",
    tone: "warning",
    title: `Billed failures spike: ${s.model} had ${n(s.billed)} billed failed requests on ${formatDate(s.date, true, locale)}, ${times}its usual ${n(s.baseline)}`,
    lines: [FAILURE_EXPLANATION, `Usual = the median of the previous ${s.samples} days (Azure Monitor request metrics, status 400 and 408).`],
    fields: [
      { label: "Model", value: s.model },
      { label: "Day", value: formatDate(s.date, true, locale) },
    ],
    actions: [{ id: "failspike-day", label: "See failed requests", command: `errors ${s.date} to ${s.date} ${s.model}` }],
  };
}

async function spikesFor(deps: FailureSpikeJobDeps, dates: string[]): Promise<FailureSpike[]> {
  const baseline = deps.spike?.baselineDays ?? 14;
  const m = await deps.metrics.usage({ from: shiftDays(dates[0], -baseline), to: dates[dates.length - 1] });
  return dates.flatMap((d) => detectFailureSpikes(m.requests, d, deps.spike));
}

export async function runFailureSpikeCheck(deps: FailureSpikeJobDeps, now: Date): Promise<FailureSpike[]> {
  // Metrics are dated in UTC; today is still under way.
  const today = localDate(now, "UTC");
  const lookback = deps.lookbackDays ?? 3;
  const dates = Array.from({ length: lookback }, (_, i) => shiftDays(today, -(lookback - i)));
  const spikes = await spikesFor(deps, dates);
  if (spikes.length === 0) return spikes;
  const targets = await spikeTargets(deps);
  for (const s of spikes) for (const t of targets) await deliver(`failspike:${s.model}:${s.date}:${t.id}`, t, failureSpikeCard(s, t.locale), deps);
  return spikes;
}

export function createFailureSpikeJob(deps: FailureSpikeJobDeps, everyMs = 15 * 60_000): ScheduledJob {
  return {
    name: "failure-spike-check",
    everyMs,
    run: async (now) => void (await runFailureSpikeCheck(deps, now)),
    retryPrefix: "failspike:",
    retry: (d, now) => retryFailureSpike(d, now, deps),
  };
}

function retryFailureSpike(d: Delivery, now: Date, deps: FailureSpikeJobDeps): Promise<void> {
  return retrySpikeDelivery(d, now, deps, {
    prefix: "failspike",
    lookbackDays: deps.lookbackDays ?? 3,
    gone: "no longer a spike in the metrics",
    rebuild: async (model, date, locale) => {
      const spike = (await spikesFor(deps, [date])).find((s) => s.model === model);
      return spike && failureSpikeCard(spike, locale);
    },
  });
}
