// Reads daily token and request totals per deployment for many accounts through the Azure Monitor
// metrics batch API: one call per metric family for up to 50 accounts of one subscription and
// region (the batch API's limits), a few calls at a time. Failures become warnings, per batch.
import type { MetricsClient } from "@azure/monitor-query-metrics";
import { shiftDays, startOfUtcDay } from "../../../../base/dates.js";
import type { RequestRow, UsageRow } from "../../../metrics/types.js";
import type { MetricsClients } from "./clients.js";
import { accountName, modelKey, type AiAccount } from "./discover.js";
import { describeFailure } from "./failures.js";

const NAMESPACE = "Microsoft.CognitiveServices/accounts";
/** "Up to 50 unique resource IDs can be specified in each call" (Azure Monitor batch API). */
const BATCH_SIZE = 50;
const PARALLEL = 4;
// "Models - Usage" tokens carry ModelName; the older "Azure OpenAI - Usage" family (Processed
// Prompt Tokens) may count the same calls, so only one family is read. Neither splits cached
// input out for OpenAI models (cacheReadInputTokens is Anthropic only): cached stays 0.
const TOKENS = { names: ["InputTokens", "OutputTokens"], filter: "ModelDeploymentName eq '*' and ModelName eq '*'" };
const REQUESTS = { names: ["ModelRequests"], filter: "ModelDeploymentName eq '*' and ModelName eq '*' and StatusCode eq '*'" };
/** Series per resource; the API's default of 10 would drop deployments silently. */
const TOP = 5000;

export interface FetchedMetrics {
  usage: UsageRow[];
  requests: RequestRow[];
  warnings: string[];
}

export async function fetchMetrics(clients: MetricsClients, accounts: AiAccount[], from: string, to: string, now: Date): Promise<FetchedMetrics> {
  const out: FetchedMetrics = { usage: [], requests: [], warnings: [] };
  const groups = new Map<string, AiAccount[]>();
  for (const a of accounts) {
    const k = `${a.subscriptionId.toLowerCase()}|${a.region}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const jobs: Array<() => Promise<void>> = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += BATCH_SIZE) {
      const batch = group.slice(i, i + BATCH_SIZE);
      let client: MetricsClient;
      try {
        client = clients.metrics(batch[0].region);
      } catch (e) {
        // An unknown cloud: one line, and the accounts stay listed without metrics.
        const why = `Usage metrics unavailable: ${e instanceof Error ? e.message : String(e)}`;
        if (!out.warnings.includes(why)) out.warnings.push(why);
        continue;
      }
      // Whole days from..to, up to the last whole minute.
      const end = new Date(Math.min(startOfUtcDay(shiftDays(to, 1)).getTime(), Math.floor(now.getTime() / 60_000) * 60_000));
      const range = { startTime: startOfUtcDay(from), endTime: end };
      jobs.push(() => readBatch(client, batch, range, out));
    }
  }
  for (let i = 0; i < jobs.length; i += PARALLEL) await Promise.all(jobs.slice(i, i + PARALLEL).map((j) => j()));
  return out;
}

async function readBatch(client: MetricsClient, batch: AiAccount[], range: { startTime: Date; endTime: Date }, out: FetchedMetrics) {
  const deploymentModel = new Map(batch.flatMap((a) => a.deployments.map((d) => [`${a.id}|${d.name}`, d.model])));
  const ids = batch.map((a) => a.id);
  const query = async (family: typeof TOKENS) => {
    try {
      return await client.queryResources(ids, family.names, NAMESPACE, {
        ...range,
        interval: "P1D",
        aggregation: "Total",
        filter: family.filter,
        top: TOP,
      });
    } catch (e) {
      const names =
        batch
          .slice(0, 5)
          .map((a) => accountName(a.id))
          .join(", ") + (batch.length > 5 ? `, +${batch.length - 5} more` : "");
      out.warnings.push(`Usage metrics missing for ${names}: ${describeFailure(e, "Monitoring Reader")}`);
      return [];
    }
  };
  const [tokens, requests] = await Promise.all([query(TOKENS), query(REQUESTS)]);
  const usage = new Map<string, UsageRow>();
  for (const result of tokens) {
    each(result, out, (metric, dims, date, total) => {
      const account = (result.resourceId ?? "").toLowerCase();
      const deployment = dims.modeldeploymentname ?? "";
      const model = modelKey(dims.modelname || deploymentModel.get(`${account}|${deployment}`) || deployment);
      const k = `${date}|${account}|${deployment}|${model}`;
      const row = usage.get(k) ?? { date, account, deployment, model, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
      if (metric === "inputtokens") row.inputTokens += total;
      else if (metric === "outputtokens") row.outputTokens += total;
      usage.set(k, row);
    });
  }
  out.usage.push(...usage.values());
  for (const result of requests) {
    each(result, out, (_metric, dims, date, total) => {
      const account = (result.resourceId ?? "").toLowerCase();
      const deployment = dims.modeldeploymentname ?? "";
      const model = modelKey(dims.modelname || deploymentModel.get(`${account}|${deployment}`) || deployment);
      out.requests.push({ date, account, deployment, model, statusCode: dims.statuscode ?? "unknown", requests: total });
    });
  }
}

type Result = Awaited<ReturnType<MetricsClient["queryResources"]>>[number];

/** Every non-empty daily total of every successful metric; a failed metric becomes a warning. */
function each(result: Result, out: FetchedMetrics, visit: (metric: string, dims: Record<string, string>, date: string, total: number) => void) {
  for (const m of result.metrics ?? []) {
    const metric = (m.id?.split("/").pop() ?? m.name ?? "").toLowerCase();
    if (m.errorCode && m.errorCode !== "Success") {
      out.warnings.push(`Azure Monitor could not give ${metric} for ${accountName(result.resourceId ?? "")}: ${m.errorCode}.`);
      continue;
    }
    for (const ts of m.timeseries ?? []) {
      // Azure returns dimension names lower-cased; normalise anyway (and drop spaces of display names).
      const dims = Object.fromEntries(
        (ts.metadatavalues ?? []).map((v) => [
          String(v.name ?? "")
            .toLowerCase()
            .replace(/\s+/g, ""),
          v.value ?? "",
        ]),
      );
      for (const p of ts.data ?? []) {
        if (typeof p.total !== "number" || p.total === 0) continue;
        visit(metric, dims, new Date(p.timeStamp).toISOString().slice(0, 10), p.total);
      }
    }
  }
}
