// Retail (list) prices per token from the shipped meter catalogue. Expected prices are read by
// hand from the price list records in test/fixtures/reference/meters/retail/foundry-meters.json
// (US East 2, USD per 1K tokens), named in each case.
import { describe, expect, it } from "vitest";
import { estimateUsage } from "../../../src/cost/metrics/estimate.js";
import { catalogueDeploymentType, retailRate } from "../../../src/cost/metrics/retail.js";
import { parseAmount } from "../../../src/cost/money.js";

/** USD per 1K tokens -> Amount per token. */
const per1K = (usd: string) => parseAmount(usd)! / 1000n;
const use = (model: string, deployment: string, inputTokens: number, outputTokens: number, cachedInputTokens = 0) => ({
  date: "2026-11-27",
  account: "a",
  deployment,
  model,
  inputTokens,
  cachedInputTokens,
  outputTokens,
});
const noRates = { from: "2026-11-20", to: "2026-11-26", byModel: new Map() };

describe("retail list price per token", () => {
  it("maps ARM deployment skus to the catalogue's deployment types", () => {
    expect(["GlobalStandard", "DataZoneStandard", "Standard", "GlobalBatch", "DataZoneBatch"].map(catalogueDeploymentType)).toEqual([
      "global-standard",
      "data-zone-standard",
      "regional-standard",
      "global-batch",
      "data-zone-batch",
    ]);
  });

  it("prices each direction from the meters of the deployment type", () => {
    // "gpt 4.1 Inp Data Zone Tokens" 0.0022, "gpt 4.1 cached Inp Data Zone Tokens" 0.00055,
    // "gpt 4.1 Outp Data Zone Tokens" 0.0088; "4.1 ft opt Dz Tokens" (fine-tuned) is not a base price.
    expect(retailRate("gpt-4.1", "DataZoneStandard", "2025-04-14")).toEqual({
      channel: "microsoft",
      input: per1K("0.0022"),
      cachedInput: per1K("0.00055"),
      output: per1K("0.0088"),
    });
  });

  it("takes the meters of the deployment's model version when their names carry one", () => {
    // "gpt 4o 1120 Inp glbl Tokens" 0.0025, "gpt 4o 1120 cached Inp glbl Tokens" 0.00125, "gpt 4o 1120 Outp glbl Tokens" 0.01
    expect(retailRate("gpt-4o", "GlobalStandard", "2024-11-20")).toEqual({
      channel: "microsoft",
      input: per1K("0.0025"),
      cachedInput: per1K("0.00125"),
      output: per1K("0.01"),
    });
    // 0513 global: "gpt 4o 0513 Input global Tokens" 0.005; the list has no 0513 global output or cached price.
    expect(retailRate("gpt-4o", "GlobalStandard", "2024-05-13")).toEqual({
      channel: "microsoft",
      input: per1K("0.005"),
      cachedInput: undefined,
      output: undefined,
    });
    // Standard (regional) 0718: "gpt-4o-mini-0718-Inp-regnl Tokens" 0.000165, "...-Outp-regnl" 0.00066,
    // "gpt 4o mini 0718 cached Inp regnl Tokens" 8.3e-05; the FT meters carry no price and are skipped.
    expect(retailRate("gpt-4o-mini", "Standard", "2024-07-18")).toEqual({
      channel: "microsoft",
      input: per1K("0.000165"),
      cachedInput: per1K("0.000083"),
      output: per1K("0.00066"),
    });
  });

  it("has nothing for provisioned deployments (billed per hour) or models not on the list", () => {
    expect(retailRate("gpt-4o", "ProvisionedManaged", "2024-11-20")).toBeUndefined();
    expect(retailRate("my-own-model", "GlobalStandard", "1")).toBeUndefined();
  });

  it("estimates with the list price and names models it cannot price, never as $0", () => {
    const rows = [
      use("gpt-4.1", "dz-41", 1_000_000, 200_000),
      // 0513 global has an input price but no output price: not estimated
      use("gpt-4o", "old-4o", 10_000, 5_000),
      use("my-own-model", "custom", 50_000, 1_000),
    ];
    const fallback = (u: { deployment: string }) =>
      u.deployment === "dz-41"
        ? retailRate("gpt-4.1", "DataZoneStandard", "2025-04-14")
        : u.deployment === "old-4o"
          ? retailRate("gpt-4o", "GlobalStandard", "2024-05-13")
          : undefined;
    const e = estimateUsage(rows, noRates, fallback);
    // 1M input x $2.20/1M + 0.2M output x $8.80/1M = $2.20 + $1.76
    expect(e.cost).toBe(parseAmount("3.96"));
    expect([...e.fallback]).toEqual(["gpt-4.1"]);
    expect([...e.unpriced].sort()).toEqual(["gpt-4o", "my-own-model"]);
  });
});
