// The spike job: after each data refresh, looks at the last complete days' spend per model and
// announces each material spike once per model per day, to channels with alert routes (or, when
// none are routed, to channels with budgets). Key: spike:<model>:<date>:<target id>.
import { shiftDays } from "../base/dates.js";
import { channelName, formatDate, formatMoney } from "../bot/render/format.js";
import { formatDay } from "../bot/date-style.js";
import type { NoticeReport } from "../bot/report.js";
import { toMoneyNumber } from "../cost/money.js";
import { detectSpikes, type Spike, type SpikeOptions } from "../cost/spikes.js";
import type { CostSource, CostType } from "../cost/types.js";
import { deliver, type DeliverDeps, type DeliverResult } from "../schedule/deliver.js";
import type { Delivery, Target } from "../store/types.js";
import { localDate } from "../base/zones.js";
import type { ScheduledJob } from "../schedule/jobs.js";
import { retrySpikeDelivery } from "./spike-retry.js";

export interface SpikeJobDeps extends DeliverDeps<NoticeReport> {
  costSource: CostSource;
  costType?: CostType;
  /** How many complete days back to look (late data, restarts); default 14. */
  lookbackDays?: number;
  spike?: SpikeOptions;
}

const spikeKey = (s: Pick<Spike, "model" | "date">, target: Pick<Target, "id">) => `spike:${s.model}:${s.date}:${target.id}`;

const money = (a: bigint, currency: string) => formatMoney(toMoneyNumber(a), currency);

/** Dates in the channel's `locale` (Target.locale), else the default style ("Mon 17 Nov"). */
function spikeCard(s: Spike, currency = "USD", locale?: string): NoticeReport {
  const times = s.baseline > 0n ? `${(Number((s.cost * 10n) / s.baseline) / 10).toFixed(1)}× ` : "";
  return {
    kind: "notice",
    tone: "warning",
    title: `Cost spike: ${s.model} cost ${money(s.cost, currency)} on ${formatDay(s.date, locale)}, ${times}its usual ${money(s.baseline, currency)}`,
    lines: [
      `That is ${money(s.excess, currency)} above the median of the previous ${s.samples} ${s.dayType === "weekend" ? "weekend days" : "weekdays"} (typical deviation ${money(s.mad, currency)}).`,
      s.channel
        ? `Billed through the ${channelName(s.channel)} channel${s.channel === "marketplace" ? " (not payable with Azure Prepayment)" : ""}.`
        : "Billed through both channels.",
    ],
    fields: [
      { label: "Model", value: s.model },
      { label: "Day", value: formatDate(s.date, true, locale) },
      { label: "Spend", value: money(s.cost, currency) },
      { label: "Usual", value: money(s.baseline, currency) },
    ],
    actions: [{ id: "spike-day", label: "See that day by meter", command: `${s.date} to ${s.date} ${s.model} by meter` }],
  };
}

/** Channels that get spike alerts: those with alert routes, else those with budgets. */
export async function spikeTargets(deps: Pick<SpikeJobDeps, "store">): Promise<Target[]> {
  const routes = await deps.store.listAlertRoutes();
  const ids = routes.length ? routes.map((r) => r.targetId) : (await deps.store.listBudgets()).map((b) => b.targetId);
  const targets = await Promise.all([...new Set(ids)].map((id) => deps.store.getTarget(id)));
  return targets.filter((t): t is Target => Boolean(t && !t.disabled));
}

interface SpikeRun {
  spikes: Spike[];
  deliveries: Array<{ key: string; result: DeliverResult }>;
}

async function runSpikeCheck(deps: SpikeJobDeps, now: Date): Promise<SpikeRun> {
  const lookback = deps.lookbackDays ?? 14;
  const baselineDays = deps.spike?.baselineDays ?? 28;
  // Azure usage dates are UTC calendar days.
  const today = localDate(now, "UTC");
  const result = await deps.costSource.query({
    from: shiftDays(today, -(lookback + baselineDays + 1)),
    to: today,
    costType: deps.costType ?? "actual",
  });
  let last = "";
  for (const r of result.rows) if (r.date <= today && r.date > last) last = r.date;
  const spikes: Spike[] = [];
  // The latest data day is still being billed; judge only complete days before it.
  if (last) for (let i = lookback; i >= 1; i--) spikes.push(...detectSpikes(result.rows, shiftDays(last, -i), deps.spike));
  const deliveries: SpikeRun["deliveries"] = [];
  if (spikes.length === 0) return { spikes, deliveries };
  const targets = await spikeTargets(deps);
  if (targets.length === 0)
    deps.logger.info({ spikes: spikes.map((s) => `${s.model}@${s.date}`) }, "spikes found but no channel has alerts or budgets");
  const currency = result.rows[0]?.currency || "USD";
  for (const s of spikes) {
    for (const t of targets) {
      const key = spikeKey(s, t);
      deliveries.push({ key, result: await deliver(key, t, spikeCard(s, currency, t.locale), deps) });
    }
  }
  return { spikes, deliveries };
}

export function createSpikeJob(deps: SpikeJobDeps, everyMs = 15 * 60_000): ScheduledJob {
  return {
    name: "spike-check",
    everyMs,
    async run(now) {
      const r = await runSpikeCheck(deps, now);
      const sent = r.deliveries.filter((d) => d.result === "sent").length;
      if (sent) deps.logger.info({ sent }, "spike alerts sent");
    },
    retryPrefix: "spike:",
    retry: (d, now) => retrySpike(d, now, deps),
  };
}

/** Rebuilds the card of a reclaimed `spike:<model>:<date>:<target>` key while the spike still shows. */
function retrySpike(d: Delivery, now: Date, deps: SpikeJobDeps): Promise<void> {
  return retrySpikeDelivery(d, now, deps, {
    prefix: "spike",
    lookbackDays: deps.lookbackDays ?? 14,
    gone: "no longer a spike in the data",
    rebuild: async (model, date, locale) => {
      const baselineDays = deps.spike?.baselineDays ?? 28;
      const result = await deps.costSource.query({ from: shiftDays(date, -baselineDays), to: date, costType: deps.costType ?? "actual" });
      const spike = detectSpikes(result.rows, date, deps.spike).find((s) => s.model === model);
      return spike && spikeCard(spike, result.rows[0]?.currency || "USD", locale);
    },
  });
}
