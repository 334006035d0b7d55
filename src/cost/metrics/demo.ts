// Demo usage metrics matching the demo cost data: the same tokens the bill later shows, split over
// named deployments, up to the clock (today included), plus requests by HTTP status. No SDKs.
import { dayFraction, shiftDays, utcDate } from "../../base/dates.js";
import { classify } from "../classify.js";
import { generate } from "../sources/demo.js";
import type { DeploymentInfo, MetricsQuery, MetricsResult, MetricsSource, RequestRow, UsageRow } from "./types.js";

const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourcegroups";
const PROD = `${SUB}/rg-ai-prod/providers/microsoft.cognitiveservices/accounts/contoso-ai-prod`;
const DEV = `${SUB}/rg-ai-dev/providers/microsoft.cognitiveservices/accounts/contoso-ai-dev`;

/** Deployments per model, with their share of the model's tokens. */
const DEPLOYMENTS: Array<DeploymentInfo & { share: number }> = [
  { account: PROD, name: "chat-4o", model: "gpt-4o", modelVersion: "2024-08-06", type: "GlobalStandard", share: 0.7 },
  { account: PROD, name: "support-4o", model: "gpt-4o", modelVersion: "2024-08-06", type: "DataZoneStandard", share: 0.3 },
  { account: PROD, name: "mini-router", model: "gpt-4o-mini", modelVersion: "2024-07-18", type: "GlobalStandard", share: 1 },
  { account: DEV, name: "dev-41", model: "gpt-4.1", modelVersion: "2025-04-14", type: "GlobalStandard", share: 1 },
  { account: DEV, name: "reasoning", model: "o3-mini", modelVersion: "2025-01-31", type: "DataZoneStandard", share: 1 },
  { account: PROD, name: "deepseek-r1", model: "deepseek-r1", modelVersion: "1", type: "GlobalStandard", share: 1 },
  { account: PROD, name: "embeddings", model: "text-embedding-3-large", modelVersion: "1", type: "GlobalStandard", share: 1 },
  { account: PROD, name: "mistral-large", model: "mistral-large-2411", modelVersion: "2411", type: "GlobalStandard", share: 1 },
  { account: PROD, name: "cohere-rplus", model: "cohere-command-r-plus", modelVersion: "1", type: "GlobalStandard", share: 1 },
  { account: PROD, name: "llama-70b", model: "meta-llama-3.1-70b-instruct", modelVersion: "1", type: "GlobalStandard", share: 1 },
];

/** Share of requests per status code; 400/408 are billed failures, 401/429/500 are not. */
const STATUS_MIX: Array<[string, number]> = [
  ["400", 0.012],
  ["408", 0.002],
  ["401", 0.001],
  ["429", 0.03],
  ["500", 0.001],
];
/** Average input tokens per request, for request counts. */
const TOKENS_PER_REQUEST = 1_800;
/** The day billed failures jump (a client resending prompts the content filter rejects). */
const DEMO_FAILURE_SPIKE = { deployment: "mini-router", daysAgo: 2, factor: 12 };

export function createDemoMetricsSource(opts: { clock?: () => Date } = {}): MetricsSource {
  const clock = opts.clock ?? (() => new Date());
  let memo: { key: number; usage: UsageRow[]; requests: RequestRow[] } | null = null;
  return {
    name: "demo metrics",
    async usage(q: MetricsQuery): Promise<MetricsResult> {
      const now = clock();
      const key = Math.floor(now.getTime() / 3_600_000);
      if (memo?.key !== key) memo = { key, ...build(now) };
      const inRange = <T extends { date: string }>(rows: T[]) => rows.filter((r) => r.date >= q.from && r.date <= q.to);
      return {
        usage: inRange(memo.usage),
        requests: inRange(memo.requests),
        deployments: DEPLOYMENTS.map(({ share: _share, ...d }) => d),
        asOf: new Date(key * 3_600_000).toISOString(),
        warnings: [],
      };
    },
  };
}

function build(now: Date): { usage: UsageRow[]; requests: RequestRow[] } {
  const todayIso = utcDate(now);
  const spikeDay = shiftDays(todayIso, -DEMO_FAILURE_SPIKE.daysAgo);
  const elapsed = dayFraction(now);
  const totals = new Map<string, { date: string; model: string; input: number; output: number }>();
  for (const row of generate(now, { wholeToday: true }).rows) {
    const c = classify(row);
    if (!c.isModel || c.tokens === 0) continue;
    const k = `${row.date}|${c.model}`;
    const t = totals.get(k) ?? { date: row.date, model: c.model, input: 0, output: 0 };
    const part = row.date === todayIso ? elapsed : 1;
    if (c.direction === "output") t.output += c.tokens * part;
    else t.input += c.tokens * part;
    totals.set(k, t);
  }
  const usage: UsageRow[] = [];
  const requests: RequestRow[] = [];
  for (const t of totals.values()) {
    for (const d of DEPLOYMENTS.filter((x) => x.model === t.model)) {
      const base = { date: t.date, account: d.account, deployment: d.name, model: d.model };
      const input = Math.round(t.input * d.share);
      usage.push({ ...base, inputTokens: input, cachedInputTokens: 0, outputTokens: Math.round(t.output * d.share) });
      const total = Math.round(input / TOKENS_PER_REQUEST);
      let failed = 0;
      for (const [statusCode, share] of STATUS_MIX) {
        const spike = t.date === spikeDay && d.name === DEMO_FAILURE_SPIKE.deployment && statusCode === "400";
        const n = Math.round(total * share * (spike ? DEMO_FAILURE_SPIKE.factor : 1));
        failed += n;
        if (n > 0) requests.push({ ...base, statusCode, requests: n });
      }
      requests.push({ ...base, statusCode: "200", requests: Math.max(0, total - failed) });
    }
  }
  return { usage, requests };
}
