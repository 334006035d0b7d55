import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { classify } from "../../src/cost/classify.js";
import { parseAmount, type Amount } from "../../src/cost/money.js";
import { makeRow, type CostRow } from "../../src/cost/types.js";
import { COMPILED, OTHER, type Expect } from "../fixtures/meters-expected.js";

const REFERENCE = new URL("../../test/fixtures/reference/", import.meta.url);
const readCsv = (path: string): Array<Record<string, string>> =>
  parse(readFileSync(new URL(path, REFERENCE)), { columns: true, bom: true, skip_empty_lines: true });
const row = (p: Partial<CostRow>) => makeRow({ date: "2025-04-01", cost: 0n, ...p });

// The compiled list annotates its columns ("Cognitive Services (doc)", "unknown"): keep the value only.
const clean = (v = "") =>
  /unknown|n\/a|not in|=/i.test(v)
    ? ""
    : v
        .split(" / ")[0]
        .replace(/\s*\(.*$/, "")
        .trim();
const unit = (v = "") => (/^1[KM]$/.test(v.trim()) ? v.trim() : /hour/i.test(v) ? "1 Hour" : "");

function compiledRow(r: Record<string, string>): CostRow {
  return row({
    meterName: r.meter_name,
    meterCategory: clean(r.retail_service_name),
    meterSubCategory: clean(r.meter_subcategory_or_service_tier),
    product: clean(r.retail_product_name),
    serviceName: clean(r.cost_mgmt_service_name),
    publisherType: clean(r.publisher_type_mca),
    unitOfMeasure: unit(r.unit_of_measure),
    quantity: 10,
  });
}

function expectClass(r: CostRow, want: Expect | typeof OTHER) {
  const c = classify(r);
  if (want === OTHER) {
    expect(c.isModel, r.meterName).toBe(false);
    expect(c.tokens).toBe(0);
    return;
  }
  const [model, direction, deployment, channel, recognised = true] = want;
  expect(
    { isModel: c.isModel, model: c.model, direction: c.direction, deployment: c.deployment, channel: c.channel, recognised: c.recognised },
    r.meterName,
  ).toEqual({ isModel: true, model, direction, deployment, channel, recognised });
}

describe("classify: ai-meter-names.compiled.csv", () => {
  const rows = readCsv("meters/ai-meter-names.compiled.csv");

  it("has an expectation for every row of the compiled list, and no stale ones", () => {
    expect(rows.map((r) => r.meter_name).sort()).toEqual(Object.keys(COMPILED).sort());
  });

  it.each(rows.map((r) => [r.meter_name, r.evidence, r] as const))("classifies %s (%s)", (name, _e, r) => {
    expectClass(compiledRow(r), COMPILED[name]);
  });

  it.each(rows.filter((r) => r.publisher_type_mca !== "Marketplace").map((r) => [r.meter_name] as const))(
    "classifies %s the same from its meter name alone",
    (name) => {
      const want = COMPILED[name];
      // Without a product a PTU meter cannot say whose PTU it is; everything else the name (and the
      // catalogue) must be enough for.
      const ptu = want !== OTHER && want[0].endsWith("-provisioned-throughput");
      expectClass(row({ meterName: name }), ptu ? (["provisioned-throughput", ...want.slice(1)] as Expect) : want);
    },
  );

  it("counts no tokens for hourly PTU rows", () => {
    const ptu = rows.filter((r) => r.meter_name.startsWith("Provisioned Managed")).map(compiledRow);
    expect(ptu.map((r) => classify({ ...r, quantity: 24 }).tokens)).toEqual([0, 0, 0]);
  });
});

describe("classify: finops-toolkit finley ADX output (real x_SkuMeterName values)", () => {
  const md = readFileSync(new URL("meters/finops-toolkit-finley-adxqueries-output.md", REFERENCE), "utf8");
  const lines = [...md.matchAll(/^\|\s*USD\s*\|\s*([\d.e-]+)\s*\|\s*(\d{4}-\d\d-\d\d)\s*\|\s*(.+?)\s*\|/gm)];
  const rows = lines.map(([, cost, date, meterName]) =>
    row({
      date,
      meterName,
      cost: parseAmount(cost)!,
      serviceName: "Azure AI Services",
      meterCategory: "AI and Machine Learning",
      resourceName: "ai-adminai3148890574496362",
    }),
  );

  it("reads all 18 meter rows", () => expect(rows).toHaveLength(18));

  it("splits the resource's costs exactly into models and other", () => {
    const byModel = new Map<string, Amount>();
    for (const r of rows) {
      const c = classify(r);
      const key = c.isModel ? c.model : "(other)";
      byModel.set(key, (byModel.get(key) ?? 0n) + r.cost);
    }
    expect(Object.fromEntries(byModel)).toEqual({
      "gpt-4o": parseAmount("27.44222"),
      "(other)": parseAmount("0.002625"),
      "deepseek-r1": parseAmount("0.022626"),
      "gpt-4o-mini": parseAmount("0.00343785"),
    });
    expect(rows.every((r) => classify(r).recognised && classify(r).channel === "microsoft")).toBe(true);
  });
});

describe("classify: AI-free sample exports", () => {
  const ea = ["exports/EA_ActualCost_Small.csv", "exports/EA_AmortizedCost_Small.csv"].flatMap(readCsv).map((r) =>
    row({
      meterName: r.MeterName,
      meterCategory: r.MeterCategory,
      meterSubCategory: r.MeterSubCategory,
      product: r.Product,
      serviceName: r.ConsumedService,
      publisherType: r.PublisherType,
      publisherName: r.PublisherName,
      resourceName: r.ResourceName,
      unitOfMeasure: r.UnitOfMeasure,
      quantity: Number(r.Quantity),
    }),
  );
  const focus = readCsv("exports/FOCUS-1.0-sample.Microsoft-rows.csv").map((r) =>
    row({
      meterName: r.ChargeDescription,
      meterCategory: r.ServiceCategory,
      serviceName: r.ServiceName,
      publisherName: r.PublisherName,
      resourceName: r.ResourceName,
      unitOfMeasure: r.PricingUnit,
      quantity: Number(r.ConsumedQuantity),
    }),
  );

  it.each([
    ["EA", ea],
    ["FOCUS", focus],
  ] as const)("finds no model spend in the %s sample", (_n, rows) => {
    expect(rows.length).toBeGreaterThan(10);
    const models = rows.map(classify).filter((c) => c.isModel || c.channel !== "microsoft" || c.tokens !== 0);
    expect(models).toEqual([]);
  });
});

const GUID = "0b8f8c4e-8c1d-4e0a-9d1e-3f3a2b1c0d9e";
const market = { publisherType: "Marketplace", serviceName: "SaaS", resourceGroup: "rg-ai" };

describe("classify: Marketplace models", () => {
  it.each([
    [{ resourceName: `mistral-large-2411-${GUID}`, meterName: "paygo-inference-input-tokens" }, "mistral-large-2411", "input"],
    [{ resourceName: `cohere-command-r-plus-${GUID}`, meterName: "paygo-inference-output-tokens" }, "cohere-command-r-plus", "output"],
    [
      { resourceName: `Meta-Llama-3.1-405B-Instruct-${GUID.replace(/-/g, "")}`, meterName: "paygo-inference-input-tokens" },
      "meta-llama-3.1-405b-instruct",
      "input",
    ],
    [{ meterName: `mistral-small-2503-${GUID}` }, "mistral-small-2503", "none"],
    [{ meterName: "paygo-inference-input-tokens", product: "Mistral Large (Azure AI)" }, "mistral-large", "input"],
    [
      {
        meterName: "paygo-inference-output-tokens",
        resourceId: `/subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.SaaS/resources/jais-30b-chat-${GUID}`,
      },
      "jais-30b-chat",
      "output",
    ],
  ])("names %o as %s", (cols, model, direction) => {
    const c = classify(row({ ...market, ...cols }));
    expect(c).toMatchObject({ isModel: true, model, direction, channel: "marketplace", recognised: true });
  });

  it("treats publisher type Marketplace alone as the Marketplace channel", () => {
    const c = classify(row({ publisherType: "Marketplace", resourceName: `mistral-large-2411-${GUID}`, meterName: "paygo-inference-input-tokens" }));
    expect(c).toMatchObject({ channel: "marketplace", model: "mistral-large-2411" });
  });

  it("keeps non-model Marketplace SaaS in other costs", () => {
    const c = classify(row({ ...market, meterName: "Citrix Virtual Apps Essentials", resourceName: `citrix-${GUID}` }));
    expect(c).toMatchObject({ isModel: false, channel: "marketplace" });
  });

  it.each([
    // Azure's price list names it "Llama 3.3 70B": one model, one key.
    ["Llama-3.3-70B-Instruct Inp glbl Tokens", "llama-3.3-70b"],
    ["codex mini Outp glbl Tokens", "codex-mini"],
    ["gpt-35-turbo-0125-Inp-regnl Tokens", "gpt-35-turbo"],
    ["gpt-4o-2024-08-06-Outp-DZone Tokens", "gpt-4o"],
    ["Phi-4-mini-instruct Inp glbl Tokens", "phi-4-mini-instruct"],
  ])("names the Microsoft-sold meter %s as %s", (meterName, model) => {
    expect(classify(row({ meterName, meterCategory: "Foundry Models" }))).toMatchObject({ model, recognised: true });
  });

  it("keeps Microsoft-sold DeepSeek on the Microsoft channel", () => {
    const c = classify(row({ meterName: "R1 Inp glbl Tokens", meterCategory: "Foundry Models", publisherType: "Azure" }));
    expect(c).toMatchObject({ model: "deepseek-r1", channel: "microsoft" });
  });
});

describe("classify: tokens", () => {
  it.each([
    [1250, "1K", "gpt 4o 0513 Input global Tokens", 1_250_000],
    [1250, "1K Tokens", "gpt 4o 0513 Input global Tokens", 1_250_000],
    [3, "1000", "gpt-4o-mini-0718-Outp-glbl Tokens", 3000],
    [0.0123, "1K", "R1 Inp glbl Tokens", 12],
    [2.5, "1M", "GPT 5 outpt Glbl 1M Tokens", 2_500_000],
    [2.5, "", "GPT 5 outpt Glbl 1M Tokens", 2_500_000],
    [2.5, "1", "5 mini pp Inp Gl 1M Tokens", 2_500_000],
    // No unit on the row: the catalogue's "1K" for this meter says what the quantity counts.
    [40, "", "gpt 4.1 Inp glbl Tokens", 40_000],
    [40, "", "zeta 9 Inp glbl Tokens", 40],
    [24, "1 Hour", "Provisioned Managed Global", 0],
    [24, "1/Hour", "Provisioned Managed Data Zone", 0],
    [5, "1K", "Standard Text Records", 0],
  ])("counts %d of %j on %s as %d tokens", (quantity, unitOfMeasure, meterName, tokens) => {
    expect(classify(row({ quantity, unitOfMeasure, meterName, product: "Azure OpenAI" })).tokens).toBe(tokens);
  });

  it("counts hosting hours of a fine-tuned model as model spend without tokens", () => {
    const c = classify(row({ meterName: "gpt-4o-mini-0718 ft hosting", product: "Azure OpenAI", unitOfMeasure: "1 Hour", quantity: 24 }));
    expect(c).toMatchObject({ isModel: true, model: "gpt-4o-mini", tokens: 0, recognised: true });
  });

  it("does not let the per-meter cache carry one row's token count to the next", () => {
    const base = { meterName: "gpt 4.1 Inp glbl Tokens", unitOfMeasure: "1K" };
    expect([classify(row({ ...base, quantity: 1 })).tokens, classify(row({ ...base, quantity: 7 })).tokens]).toEqual([1000, 7000]);
  });
});

describe("classify: unrecognised AI meters", () => {
  it("keeps the raw meter name of a token meter no rule knows", () => {
    const c = classify(row({ meterName: "zeta 9 Inp glbl Tokens", meterCategory: "Foundry Models" }));
    expect(c).toMatchObject({ isModel: true, recognised: false, model: "zeta 9 Inp glbl Tokens", direction: "input" });
  });

  it("treats an unknown meter of an AI service that sells more than models as other", () => {
    const c = classify(row({ meterName: "S2 Widgets", meterCategory: "Cognitive Services" }));
    expect(c.isModel).toBe(false);
  });
});
