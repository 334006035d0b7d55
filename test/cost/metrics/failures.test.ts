import { describe, expect, it } from "vitest";
import { isBilledFailure, summariseFailures } from "../../../src/cost/metrics/failures.js";
import { parseAmount } from "../../../src/cost/money.js";
import type { ObservedRates } from "../../../src/cost/metrics/rates.js";

const acct = "/subscriptions/s/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/a";
const req = (deployment: string, model: string, statusCode: string, requests: number) => ({
  date: "2026-11-25",
  account: acct,
  deployment,
  model,
  statusCode,
  requests,
});
// $0.000001 per input token, $0.000004 per output token
const rates: ObservedRates = {
  from: "2026-11-18",
  to: "2026-11-24",
  byModel: new Map([["gpt-4o", { channel: "microsoft", blendedInput: parseAmount("0.000001")!, output: parseAmount("0.000004")! }]]),
};

describe("billed failures", () => {
  it.each([
    ["400", true],
    ["408", true],
    ["401", false],
    ["429", false],
    ["500", false],
    ["403", false],
  ])("status %s billed: %s", (code, billed) => expect(isBilledFailure(code)).toBe(billed));

  it("splits failures by status and model, and prices billed ones at the deployment's tokens per request", () => {
    const s = summariseFailures(
      [
        req("chat", "gpt-4o", "200", 90),
        req("chat", "gpt-4o", "400", 6),
        req("chat", "gpt-4o", "429", 4),
        req("other", "o3-mini", "408", 3),
        req("other", "o3-mini", "200", 7),
      ],
      [
        { date: "2026-11-25", account: acct, deployment: "chat", model: "gpt-4o", inputTokens: 200_000, cachedInputTokens: 0, outputTokens: 50_000 },
        { date: "2026-11-25", account: acct, deployment: "other", model: "o3-mini", inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 0 },
      ],
      rates,
    );
    expect(s.totalRequests).toBe(110);
    expect(s.failedRequests).toBe(13);
    expect(s.billedRequests).toBe(9);
    // 200,000 tokens / 100 requests = 2,000 per request; 6 x 2,000 x $0.000001 = $0.012
    expect(s.estimatedBilledCost).toBe(parseAmount("0.012"));
    expect(s.groups.map((g) => [g.key, g.model, g.billed, g.requests])).toEqual([
      ["400", "gpt-4o", true, 6],
      ["408", "o3-mini", true, 3],
      ["429", "gpt-4o", false, 4],
    ]);
    // o3-mini has no rate history: named, not priced
    expect([...s.unpriced]).toEqual(["o3-mini"]);
    expect(s.groups[1].estimatedCost).toBeNull();
  });
});
