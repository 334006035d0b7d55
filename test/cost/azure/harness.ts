// Test harness for the Azure source: a fake ARM, a hand-written TokenCredential (no
// DefaultAzureCredential network), a pinned clock and a retry sleep that records instead of waiting.
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { eachDate } from "../../../src/base/dates.js";
import { parseAmount, sumAmounts, type Amount } from "../../../src/cost/money.js";
import { createAzureCostSource, type AzureCostSourceOptions } from "../../../src/cost/sources/azure/index.js";
import { startArmFake, type ArmFake, type ArmFakeOptions, type FakeCost } from "../../fakes/arm.js";

export const NOW = "2025-11-27T10:00:00Z";
export const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
export const RG = `${SUB}/resourceGroups/rg-ai-prod`;

export function testCredential(token = "test-token"): TokenCredential & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      calls.push(Array.isArray(scopes) ? scopes : [scopes]);
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
}

export interface Harness {
  fake: ArmFake;
  source: ReturnType<typeof createAzureCostSource>;
  /** Waits the retry policy asked for, in ms. */
  waits: number[];
  clock: { now: Date; advance(ms: number): void };
  credential: ReturnType<typeof testCredential>;
}

export async function setup(fakeOpts: ArmFakeOptions = {}, opts: Partial<AzureCostSourceOptions> = {}): Promise<Harness> {
  const fake = await startArmFake({ today: NOW.slice(0, 10), ...fakeOpts });
  const waits: number[] = [];
  const clock = { now: new Date(NOW), advance: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)) };
  const credential = testCredential();
  const source = createAzureCostSource({
    scopes: [SUB],
    endpoint: fake.url,
    credential,
    clock: () => clock.now,
    queriesPerMinute: 1000,
    ...opts,
    retry: { sleep: async (ms) => void waits.push(ms), ...opts.retry },
  });
  return { fake, source, waits, clock, credential };
}

/** Days from `from` to `to` inclusive. */
/** Every date from..to inclusive (YYYY-MM-DD). */
export const days = eachDate;

/** Query dimensions of an Azure OpenAI meter on one account, as the Cost Management API names them. */
export function aoaiDims(resourceId: string, meter: string): Record<string, string> {
  return {
    ResourceId: resourceId,
    ResourceGroupName: /resourcegroups\/([^/]+)/i.exec(resourceId)![1],
    Meter: meter,
    MeterCategory: "Cognitive Services",
    MeterSubcategory: "Azure OpenAI",
    ServiceName: "Cognitive Services",
    PublisherType: "Azure",
    ConsumedService: "Microsoft.CognitiveServices",
    UnitOfMeasure: "1K",
    Product: "Azure OpenAI",
  };
}

/** AI usage over `resources` Azure OpenAI accounts plus one Marketplace model, every day in range. */
export function aiCosts(scope: string, resources: number, from = "2025-10-01", to = "2025-11-27"): FakeCost[] {
  const rows: FakeCost[] = [];
  let i = 0;
  const group = /\/resourceGroups\//i.test(scope) ? scope : `${scope}/resourceGroups/rg-ai`;
  for (const date of days(from, to)) {
    for (let r = 1; r <= resources; r++) {
      i++;
      rows.push({
        date,
        cost: `${(i * 7919) % 9973}.${String((i * 104729) % 1000000).padStart(6, "0")}`,
        quantity: (i % 97) + 0.5,
        dims: aoaiDims(
          `${group}/providers/microsoft.cognitiveservices/accounts/ai-${r}`.toLowerCase(),
          r % 2 ? "gpt 4o 0513 Input global Tokens" : "gpt 4o 0513 Output global Tokens",
        ),
      });
    }
    rows.push({
      date,
      cost: "1.25",
      quantity: 12,
      dims: {
        ResourceId: `${group}/providers/microsoft.saas/resources/mistral-large-2411-6b1e5c0a-2f4d-4a8e-9a51-0c3f2b7d9e11`.toLowerCase(),
        Meter: "paygo-inference-input-tokens",
        PublisherType: "Marketplace",
        ConsumedService: "SaaS",
        ServiceName: "SaaS",
        MeterCategory: "SaaS",
        UnitOfMeasure: "1K",
      },
    });
  }
  return rows;
}

/** The exact total of fake rows within an inclusive range. */
export function total(rows: FakeCost[], from: string, to: string): Amount {
  return sumAmounts(rows.filter((r) => r.date >= from && r.date <= to).map((r) => parseAmount(r.cost)!));
}
