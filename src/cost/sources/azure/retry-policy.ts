// The pipeline's retry policy for Cost Management: waits as long as Azure's own throttling headers
// say (the SDK's default retry reads only Retry-After), retries 5xx and timeouts with backoff.
// Used only by client.ts; knows HTTP, not costs.
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";

export interface RetryOptions {
  /** Retries after 5xx answers, timeouts and network errors (default 4). */
  maxRetries?: number;
  /** Retries after 429s, each waiting as long as Azure asked (default 8). */
  maxThrottleRetries?: number;
  /** All waits for one request together, beyond which the last answer is returned (default 3 min). */
  maxTotalWaitMs?: number;
  /** Longest single wait (default 60 s). A 429 asking for longer is returned, not retried early. */
  maxWaitMs?: number;
  /** First backoff for 5xx and timeouts, doubled per retry (default 1 s). */
  baseDelayMs?: number;
  /** Time to wait for response headers on one attempt (default 60 s). */
  attemptTimeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; status?: number; reason: string; waitMs: number; url: string }) => void;
}

const retryPolicyName = "costbotRetryPolicy";

/** Azure's throttling headers, in seconds unless the name says ms. */
const SECONDS_HEADERS = [
  "retry-after",
  "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
  "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
  "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
];
const MS_HEADERS = ["retry-after-ms", "x-ms-retry-after-ms"];

/** The longest wait any throttling header asks for, in ms; undefined when none is present. */
export function throttleWaitMs(get: (name: string) => string | undefined, nowMs = Date.now()): number | undefined {
  const waits: number[] = [];
  for (const name of SECONDS_HEADERS) {
    const v = get(name)?.trim();
    if (!v) continue;
    const seconds = Number(v);
    if (Number.isFinite(seconds)) waits.push(Math.max(0, seconds * 1000));
    else if (name === "retry-after" && !Number.isNaN(Date.parse(v))) waits.push(Math.max(0, Date.parse(v) - nowMs));
  }
  for (const name of MS_HEADERS) {
    const ms = Number(get(name)?.trim() || NaN);
    if (Number.isFinite(ms)) waits.push(Math.max(0, ms));
  }
  return waits.length ? Math.max(...waits) : undefined;
}

const RETRIABLE_STATUS = new Set([408, 500, 502, 503, 504]);
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function costbotRetryPolicy(opts: RetryOptions = {}): PipelinePolicy {
  const maxRetries = opts.maxRetries ?? 4;
  const maxThrottleRetries = opts.maxThrottleRetries ?? 8;
  const maxTotalWaitMs = opts.maxTotalWaitMs ?? 180_000;
  const maxWaitMs = opts.maxWaitMs ?? 60_000;
  const baseDelayMs = opts.baseDelayMs ?? 1000;
  const attemptTimeoutMs = opts.attemptTimeoutMs ?? 60_000;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  // Jitter is only ever added, so no retry comes sooner than Azure asked.
  const jitter = (ms: number) => Math.round(random() * Math.min(1000, ms * 0.2 + 50));
  const backoff = (attempt: number) => baseDelayMs * 2 ** attempt;

  return {
    name: retryPolicyName,
    async sendRequest(request: PipelineRequest, next): Promise<PipelineResponse> {
      let failures = 0;
      let throttles = 0;
      let waited = 0;
      for (let attempt = 1; ; attempt++) {
        request.timeout = attemptTimeoutMs;
        let response: PipelineResponse | undefined;
        let error: unknown;
        try {
          response = await next(request);
        } catch (e) {
          error = e;
        }
        const plan = decide(request, response, error, failures);
        const throttle = response?.status === 429;
        const spent = throttle ? throttles >= maxThrottleRetries : failures >= maxRetries;
        if (!plan || spent || plan.waitMs > maxWaitMs || waited + plan.waitMs > maxTotalWaitMs) {
          if (error !== undefined) throw error;
          return response!;
        }
        if (throttle) throttles++;
        else failures++;
        const waitMs = plan.waitMs + jitter(plan.waitMs);
        waited += waitMs;
        opts.onRetry?.({ attempt, status: response?.status, reason: plan.reason, waitMs, url: request.url });
        await sleep(waitMs);
      }
    },
  };

  function decide(request: PipelineRequest, res: PipelineResponse | undefined, err: unknown, attempt: number) {
    if (res) {
      const asked = throttleWaitMs((n) => res.headers.get(n));
      if (res.status === 429) return { reason: "throttled", waitMs: asked ?? backoff(attempt) };
      if (RETRIABLE_STATUS.has(res.status)) return { reason: `HTTP ${res.status}`, waitMs: Math.max(asked ?? 0, backoff(attempt)) };
      return undefined;
    }
    // The caller's own cancellation is final; anything else failed on the way (timeout, reset, DNS).
    if (request.abortSignal?.aborted) return undefined;
    const name = (err as { name?: string } | undefined)?.name;
    return { reason: name === "AbortError" ? "timeout" : "network error", waitMs: backoff(attempt) };
  }
}
