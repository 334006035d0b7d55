import { describe, expect, it } from "vitest";
import { estimateUsage } from "../../../src/cost/metrics/estimate.js";
import { observedRates } from "../../../src/cost/metrics/rates.js";
import { parseAmount } from "../../../src/cost/money.js";
import { makeRow } from "../../../src/cost/types.js";

const aoai = {
  meterCategory: "Foundry Models",
  meterSubCategory: "Azure OpenAI",
  product: "Azure OpenAI",
  serviceName: "Microsoft.CognitiveServices",
  publisherType: "Microsoft",
  publisherName: "Microsoft",
  unitOfMeasure: "1K",
};
const row = (date: string, meterName: string, quantity: number, cost: string) =>
  makeRow({ ...aoai, date, meterName, quantity, cost: parseAmount(cost)! });
const use = (model: string, inputTokens: number, outputTokens: number, cachedInputTokens = 0) => ({
  date: "2026-11-27",
  account: "a",
  deployment: "d",
  model,
  inputTokens,
  cachedInputTokens,
  outputTokens,
});

describe("usage estimate", () => {
  // Two complete days of gpt-4o: 3,000K input billed $7.50 ($2.50 per 1M), 500K output $5.00 ($10 per 1M),
  // 1,000K cached input $1.25 ($1.25 per 1M).
  const rows = [
    row("2026-11-25", "gpt-4o-0806-Inp-glbl Tokens", 1000, "2.50"),
    row("2026-11-26", "gpt-4o-0806-Inp-glbl Tokens", 2000, "5.00"),
    row("2026-11-26", "gpt-4o-0806-Outp-glbl Tokens", 500, "5.00"),
    row("2026-11-26", "gpt 4o 0806 cached Inp glbl Tokens", 1000, "1.25"),
    // today's partial bill is not a rate
    row("2026-11-27", "gpt-4o-0806-Inp-glbl Tokens", 1, "9.00"),
  ];
  const rates = observedRates(rows, "2026-11-20", "2026-11-26");

  it("prices metric tokens at the rates billed per model and direction", () => {
    // input without a cache split: blended ($8.75 / 4M = $2.1875 per 1M); output $10 per 1M
    const e = estimateUsage([use("gpt-4o", 2_000_000, 100_000)], rates);
    expect(e.cost).toBe(parseAmount("4.375")! + parseAmount("1.00")!);
    // with a cache split: 1M cached at $1.25 + 1M at $2.50
    const split = estimateUsage([use("gpt-4o", 2_000_000, 0, 1_000_000)], rates);
    expect(split.cost).toBe(parseAmount("3.75"));
  });

  it("names models without a billed rate and leaves them out", () => {
    const e = estimateUsage([use("gpt-4o", 1_000_000, 0), use("o3-mini", 5_000, 100)], rates);
    expect(e.cost).toBe(parseAmount("2.1875"));
    expect([...e.unpriced]).toEqual(["o3-mini"]);
  });
});
