import { describe, expect, it } from "vitest";
import { handle } from "../../src/bot/handle.js";
import { parseIntent } from "../../src/bot/intent.js";
import { renderJson, type SpendJson } from "../../src/bot/render/json.js";
import { renderText } from "../../src/server/render.js";
import { aggregate } from "../../src/cost/aggregate.js";
import { parseAmount } from "../../src/cost/money.js";
import { makeRow, type CostRow } from "../../src/cost/types.js";

// Real price-list meters (reference/meters/retail) as cost details carry them: MeterCategory is the
// service, MeterSubCategory the product.
const M = "Foundry Models";
function r(cost: string, meterName: string, product: string, quantity: number, unitOfMeasure: string, service = M): CostRow {
  return makeRow({
    date: "2026-10-05",
    cost: parseAmount(cost)!,
    meterName,
    meterCategory: service,
    meterSubCategory: product,
    quantity,
    unitOfMeasure,
    serviceName: "Microsoft.CognitiveServices",
    publisherType: "Azure",
  });
}
const ROWS: CostRow[] = [
  r("10.00", "5.4 nano Batch cd Inp Gl 1M Tokens", "Azure OpenAI GPT5", 2, "1M"),
  r("20.00", "5.4 nano Inp Dz 1M Tokens", "Azure OpenAI GPT5", 3, "1M"),
  r("30.00", "5.4 nano Opt Gl 1M Tokens", "Azure OpenAI GPT5", 1.5, "1M"),
  r("5.00", "GPT 5 Mini cchd Inpt Glbl 1M Tokens", "Azure OpenAI GPT5", 4, "1M"),
  r("7.00", "gpt 4o 1120 Inp glbl Tokens", "Azure OpenAI", 100, "1K"),
  r("1.25", "gpt-4o-mini-0718-Inp-glbl Tokens", "Azure OpenAI", 50, "1K"),
  r("744.00", "Provisioned Managed Global Unit", "Azure OpenAI", 744, "1/Hour"),
  r("4.00", "V3.2 SP Outp DZ Tokens", "Azure Deepseek Models", 300, "1K"),
  r("2.50", "R1 Inp glbl Tokens", "Azure Deepseek Models", 1000, "1K"),
  r("3.00", "Doc AI 2512 glbl Pages", "Azure Mistral Models", 1.2, "1K"),
  r("6.00", "Large 3 Inp glbl Tokens", "Azure Mistral Models", 500, "1K"),
  r("8.00", "Image-Dall-E-3 HD HighRes-regnl EP Images", "Azure OpenAI", 12, "100"),
  r("0.40", "4.3 Inp glbl Tokens", "Azure Kimi Models", 10, "1K"),
  r("9.99", "S1 Neural Text To Speech Characters", "Azure Speech", 2, "1M", "Foundry Tools"),
];
const all = (extra = {}) => aggregate(ROWS, { from: "2026-10-01", to: "2026-10-31", groupBy: "model", ...extra });

describe("aggregate over real meters", () => {
  it("counts cached input as input and apart as cached, and non-token usage outside token counts", () => {
    const g = all().groups;
    expect(g.get("gpt-5.4-nano")).toMatchObject({
      cost: parseAmount("60")!,
      inputTokens: 5_000_000,
      cachedInputTokens: 2_000_000,
      outputTokens: 1_500_000,
      otherUsage: {},
      recognised: true,
    });
    expect(g.get("gpt-5-mini")).toMatchObject({ inputTokens: 4_000_000, cachedInputTokens: 4_000_000 });
    expect(g.get("openai-provisioned-throughput")).toMatchObject({ inputTokens: 0, outputTokens: 0, hourly: true, otherUsage: { hours: 744 } });
    expect(g.get("mistral-document-ai-2512")).toMatchObject({ inputTokens: 0, otherUsage: { pages: 1200 } });
    expect(g.get("dall-e-3")).toMatchObject({ inputTokens: 0, otherUsage: { images: 1200 } });
  });

  it("keeps an unplaceable meter under its raw name, unrecognised, with its cost, never merged", () => {
    const a = all();
    expect(a.groups.get("4.3 Inp glbl Tokens")).toMatchObject({ recognised: false, cost: parseAmount("0.40")!, inputTokens: 10_000 });
    expect([...a.groups.keys()].filter((k) => k.startsWith("gpt-4."))).toEqual([]);
    expect([...a.unrecognised]).toEqual([["4.3 Inp glbl Tokens", parseAmount("0.40")!]]);
    expect(a.other).toBe(parseAmount("9.99")!);
  });

  it.each([
    ["mistral", ["mistral-document-ai-2512", "mistral-large-3"]],
    ["deepseek", ["deepseek-r1", "deepseek-v3.2-speciale"]],
    ["openai", ["dall-e-3", "gpt-4o", "gpt-4o-mini", "gpt-5-mini", "gpt-5.4-nano", "openai-provisioned-throughput"]],
    ["gpt-5", ["gpt-5-mini", "gpt-5.4-nano"]],
    ["gpt-4o", ["gpt-4o"]],
    ["gpt", ["gpt-4o", "gpt-4o-mini", "gpt-5-mini", "gpt-5.4-nano"]],
    ["ptu", ["openai-provisioned-throughput"]],
    ["4.3 inp glbl tokens", ["4.3 Inp glbl Tokens"]],
  ])("filters on %s to every model of it", (word, keys) => {
    expect([...all({ model: word }).groups.keys()].sort()).toEqual(keys);
  });

  it("groups by deployment type read from the meter", () => {
    const g = aggregate(ROWS, { from: "2026-10-01", to: "2026-10-31", groupBy: "deployment-type" }).groups;
    expect(Object.fromEntries([...g].map(([k, v]) => [k, v.cost]))).toEqual({
      "global-batch": parseAmount("10")!,
      "data-zone-standard": parseAmount("24")!,
      "global-standard": parseAmount("55.15")!,
      "global-provisioned": parseAmount("744")!,
      "regional-standard": parseAmount("8")!,
    });
  });
});

describe("spend answer over real meters", () => {
  const source = { name: "test", query: async () => ({ rows: ROWS, dataAsOf: null, warnings: [] }) };
  const ask = async (words: string) => {
    const intent = parseIntent(words, { now: new Date("2026-10-20T12:00:00Z"), tz: "UTC" });
    return handle(intent, { costSource: source, now: new Date("2026-10-20T12:00:00Z"), tz: "UTC" });
  };

  it("puts otherUsage and recognised:false in the JSON groups and names the unrecognised meter with its cost", async () => {
    const json = renderJson(await ask("this month")) as SpendJson;
    expect(json.groups.find((g) => g.key === "dall-e-3")).toMatchObject({ otherUsage: { images: 1200 } });
    expect(json.groups.find((g) => g.key === "4.3 Inp glbl Tokens")).toMatchObject({ recognised: false, cost: 0.4 });
    expect(json.groups.find((g) => g.key === "gpt-4o")).not.toHaveProperty("recognised");
    expect(json.warnings).toContainEqual(expect.stringMatching(/Unrecognised AI meter kept under the raw name.*4\.3 Inp glbl Tokens \(0\.40 USD\)/));
  });

  it("answers `mistral`, `openai`, `ptu` and `by deployment type` for every model of them", async () => {
    expect((renderJson(await ask("mistral this month")) as SpendJson).total).toBe(9);
    expect((renderJson(await ask("deepseek")) as SpendJson).total).toBe(6.5);
    expect((renderJson(await ask("ptu")) as SpendJson).total).toBe(744);
    expect((renderJson(await ask("openai")) as SpendJson).groups.map((g) => g.key)).toContain("openai-provisioned-throughput");
    expect((renderJson(await ask("this month by deployment type")) as SpendJson).groups.map((g) => g.key)).toEqual([
      "global-provisioned",
      "global-standard",
      "data-zone-standard",
      "global-batch",
      "regional-standard",
    ]);
  });

  it("shows cached input and non-token usage on the text card", async () => {
    const text = renderText(await ask("this month top 20"));
    expect(text).toMatch(/gpt-5\.4-nano .*2M cached/);
    expect(text).toMatch(/dall-e-3 .*1\.2K images/);
    expect(text).toMatch(/4\.3 Inp glbl Tokens .*unrecognised meter/);
  });
});
