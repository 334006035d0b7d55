// Failed requests by HTTP status and model, split into billed and not billed, with an estimate of
// what the billed ones cost. Pure; no SDK imports.
import type { Amount } from "../money.js";
import { priceUsage } from "./estimate.js";
import type { ObservedRates } from "./rates.js";
import type { RequestRow, UsageRow } from "./types.js";

/**
 * Azure's rule (Azure OpenAI "Plan and manage costs", section "HTTP Error response code and billing
 * status", MicrosoftDocs/azure-docs articles/ai-services/openai/how-to/manage-costs.md): a request
 * the service processed can be charged even when it failed — its examples are 400 (content filter,
 * input limit) and 408 (timeout); one it did not process is not charged — 401 (authentication),
 * 429 (rate limit). Azure names no other codes; costbot counts them as not billed and says so.
 */
const BILLED_FAILURES = new Set(["400", "408"]);
export const FAILURE_EXPLANATION =
  "Azure charges failed requests it processed (400 content filter or input limit, 408 timeout), not those it refused (401 authentication, 429 rate limit).";
export const FAILURE_COST_BASIS =
  "Billed failures × the deployment's average input tokens per request × the model's observed input rate; output tokens are not counted.";

const isFailure = (code: string) => !/^[123]\d\d$/.test(code);
export const isBilledFailure = (code: string) => BILLED_FAILURES.has(code);

interface FailureGroup {
  key: string;
  billed: boolean;
  requests: number;
  model: string;
  /** Estimated cost of these requests (billed groups with a rate only). */
  estimatedCost: Amount | null;
}

export interface FailureSummary {
  groups: FailureGroup[];
  totalRequests: number;
  failedRequests: number;
  billedRequests: number;
  estimatedBilledCost: Amount;
  /** Models whose billed failures could not be priced (no rate history or no token metrics). */
  unpriced: Set<string>;
}

export function summariseFailures(requests: RequestRow[], usage: UsageRow[], rates: ObservedRates): FailureSummary {
  // Average input tokens per request, per deployment, over the same days.
  const perDeployment = new Map<string, { tokens: number; requests: number }>();
  const dkey = (r: { account: string; deployment: string }) => `${r.account}|${r.deployment}`;
  for (const u of usage) {
    const d = perDeployment.get(dkey(u)) ?? { tokens: 0, requests: 0 };
    d.tokens += u.inputTokens;
    perDeployment.set(dkey(u), d);
  }
  for (const r of requests) {
    const d = perDeployment.get(dkey(r)) ?? { tokens: 0, requests: 0 };
    d.requests += r.requests;
    perDeployment.set(dkey(r), d);
  }
  const groups = new Map<string, FailureGroup>();
  const out: FailureSummary = { groups: [], totalRequests: 0, failedRequests: 0, billedRequests: 0, estimatedBilledCost: 0n, unpriced: new Set() };
  for (const r of requests) {
    out.totalRequests += r.requests;
    if (!isFailure(r.statusCode) || r.requests === 0) continue;
    const billed = isBilledFailure(r.statusCode);
    out.failedRequests += r.requests;
    const k = `${r.statusCode}|${r.model}`;
    const g = groups.get(k) ?? { key: r.statusCode, billed, requests: 0, model: r.model, estimatedCost: billed ? 0n : null };
    g.requests += r.requests;
    groups.set(k, g);
    if (!billed) continue;
    out.billedRequests += r.requests;
    const d = perDeployment.get(dkey(r))!;
    const avg = d.requests > 0 ? d.tokens / d.requests : 0;
    const cost = avg > 0 ? priceUsage({ model: r.model, inputTokens: avg * r.requests, cachedInputTokens: 0, outputTokens: 0 }, rates) : null;
    if (cost === null) {
      out.unpriced.add(r.model);
      g.estimatedCost = null;
      continue;
    }
    if (g.estimatedCost !== null) g.estimatedCost += cost;
    out.estimatedBilledCost += cost;
  }
  out.groups = [...groups.values()].sort((a, b) =>
    a.billed !== b.billed ? (a.billed ? -1 : 1) : b.requests - a.requests || a.key.localeCompare(b.key) || a.model.localeCompare(b.model),
  );
  return out;
}
