import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aggregate } from "../../src/cost/aggregate.js";
import { classify } from "../../src/cost/classify.js";
import { catalogueFromRetail, lookupMeter, type RetailItem } from "../../src/cost/meter-catalogue.js";
import { describeMeter } from "../../src/cost/meter-describe.js";
import { parseAmount } from "../../src/cost/money.js";
import { makeRow, type CostRow } from "../../src/cost/types.js";

interface Retail extends Required<RetailItem> {
  retailPrice?: number;
  skuName: string;
}
const RETAIL: Retail[] = JSON.parse(readFileSync(new URL("../fixtures/reference/meters/retail/foundry-meters.json", import.meta.url), "utf8"));
// The reviewed expectations: one line per retail record, in the file's order.
const EXPECTED = readFileSync(new URL("../fixtures/meters/retail-expected.tsv", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t"));
const SHIPPED = JSON.parse(readFileSync(new URL("../../src/cost/meter-catalogue.json", import.meta.url), "utf8"));

const fields = (x: Retail) => ({ meterName: x.meterName, product: x.productName, service: x.serviceName, unitOfMeasure: x.unitOfMeasure });
const asLine = (x: Retail, i: ReturnType<typeof describeMeter>) => [
  x.serviceName,
  x.productName,
  x.meterName,
  x.unitOfMeasure,
  i.isModel ? "model" : "other",
  i.family || "-",
  i.isModel ? (i.recognised ? i.model : `?${i.model}`) : "-",
  i.direction,
  i.deploymentType,
  `${i.per}x${i.unit}`,
];
const BILLING_WORDS =
  /(^|-)(input|inp|output|outp|opt|cached|cchd|cd|global|glbl|gl|data-?zone|dz|dzone|regional|regnl|rgnl|batch|provisioned-(?!throughput)|ptu|pp|std|standard|tokens?|units?|1k|1m|ft|hosting|training|longco|shortco|pages)($|-)/;

describe("meter catalogue: every real Foundry meter (reference/meters/retail)", () => {
  it("has a reviewed expectation for every record, in order", () => {
    expect(EXPECTED).toHaveLength(RETAIL.length);
    expect(EXPECTED.map((e) => e.slice(0, 4))).toEqual(RETAIL.map((x) => [x.serviceName, x.productName, x.meterName, x.unitOfMeasure]));
  });

  it("describes every meter as the reviewed table says: side, family, key, direction, deployment type, unit", () => {
    const wrong = RETAIL.map((x, n) => [asLine(x, describeMeter(fields(x))), EXPECTED[n]] as const).filter(
      ([got, want]) => got.join("\t") !== want.join("\t"),
    );
    expect(wrong.map(([got, want]) => ({ got: got.slice(2).join(" | "), want: want.slice(2).join(" | ") }))).toEqual([]);
  });

  it("classifies cost rows that carry only the meter name, or only its id, like the full record", () => {
    const differs: string[] = [];
    for (const [n, x] of RETAIL.entries()) {
      const want = EXPECTED[n];
      const byId = x.meterId ? classify(makeRow({ date: "2026-01-01", cost: 0n, meterId: x.meterId, meterName: x.meterName })) : null;
      const full = classify(
        makeRow({
          date: "2026-01-01",
          cost: 0n,
          meterName: x.meterName,
          meterCategory: x.serviceName,
          meterSubCategory: x.productName,
          unitOfMeasure: x.unitOfMeasure,
        }),
      );
      for (const c of [full, byId]) {
        if (!c) continue;
        const got = [c.isModel ? "model" : "other", c.isModel ? c.model : "-", c.direction, c.deployment];
        if (got.join("|") !== [want[4], want[6], want[7], want[8]].join("|")) differs.push(`${x.meterName}: ${got.join("|")}`);
      }
    }
    expect(differs).toEqual([]);
  });

  it("keeps billing words out of every model key", () => {
    const keys = [...new Set(EXPECTED.filter((e) => e[4] === "model").map((e) => e[6]))];
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => BILLING_WORDS.test(k) || k !== k.toLowerCase() || /\s/.test(k))).toEqual([]);
  });

  it("gives one key to a model's global, data zone and regional meters", () => {
    const scopeless = (name: string) =>
      name.toLowerCase().replace(/[-_ ](glbl|global|gl|glb|dzone|dz|dzn|datazone|data zone|regnl|regional|rgnl|regn|rg)(?=[-_ ]|$)/g, "");
    const keysByName = new Map<string, Set<string>>();
    for (const e of EXPECTED.filter((x) => x[4] === "model")) {
      const k = `${e[1]}|${scopeless(e[2])}`;
      keysByName.set(k, (keysByName.get(k) ?? new Set()).add(e[6]));
    }
    expect([...keysByName].filter(([, s]) => s.size > 1)).toEqual([]);
    expect(keysByName.get("Azure OpenAI GPT5|5.4 nano inp 1m tokens")).toEqual(new Set(["gpt-5.4-nano"]));
  });

  it("ships a catalogue generated from the retail file by the current rules", () => {
    expect(SHIPPED).toEqual(catalogueFromRetail(RETAIL));
    expect(SHIPPED).toHaveLength(1620); // 1,631 records, 11 repeating a meterId under another SKU
  });

  it("splits an export of the whole file into model spend and other cost exactly as serviceName does", () => {
    const rows: CostRow[] = RETAIL.map((x, i) =>
      makeRow({
        date: "2026-01-01",
        cost: parseAmount(`${(i % 97) + 1}.${String(i % 100).padStart(2, "0")}37`)!,
        meterId: x.meterId,
        meterName: x.meterName,
        meterCategory: x.serviceName,
        meterSubCategory: x.productName,
        unitOfMeasure: x.unitOfMeasure,
        quantity: 3,
        serviceName: "Microsoft.CognitiveServices",
        publisherType: "Azure",
      }),
    );
    const sum = (service: string) => rows.filter((_, i) => RETAIL[i].serviceName === service).reduce((a, r) => a + r.cost, 0n);
    const agg = aggregate(rows, { from: "2026-01-01", to: "2026-01-31", groupBy: "model" });
    expect(agg.total).toBe(sum("Foundry Models"));
    expect(agg.other).toBe(sum("Foundry Tools"));
    expect(agg.unrecognised.size).toBe(0);
  });
});

describe("meter catalogue: lookups and vendors", () => {
  it("finds a meter by id, by product and name, and by a name only one product sells", () => {
    expect(lookupMeter("13d87236-05aa-5259-92c0-ede0d35b5cbf", "", "")?.meterName).toBe("MAI-DS-R1 Inp Dzone Tokens");
    expect(lookupMeter(undefined, "Azure Deepseek Models", "r1 inp glbl tokens")?.model).toBe("deepseek-r1");
    expect(lookupMeter(undefined, "", "V3.2 SP Outp DZ Tokens")?.product).toBe("Azure Deepseek Models");
    // Sold under four products: the name alone does not say whose PTU it is.
    expect(lookupMeter(undefined, "", "Provisioned Managed Regional Unit")).toBeUndefined();
  });

  it("never gives a non-OpenAI meter an OpenAI key from a look-alike name", () => {
    const c = classify(
      makeRow({
        date: "2026-01-01",
        cost: 1n,
        meterName: "4.3 Inp glbl Tokens",
        meterCategory: "Foundry Models",
        meterSubCategory: "Azure Kimi Models",
        unitOfMeasure: "1K",
        quantity: 2,
      }),
    );
    expect(c).toMatchObject({ isModel: true, recognised: false, model: "4.3 Inp glbl Tokens", family: "", direction: "input", tokens: 2000 });
    const bare = classify(makeRow({ date: "2026-01-01", cost: 1n, meterName: "4.3 Outp glbl Tokens", meterCategory: "Cognitive Services" }));
    expect(bare).toMatchObject({ isModel: true, recognised: false, model: "4.3 Outp glbl Tokens" });
  });

  it("takes the catalogue's product when the row's product names no vendor", () => {
    const c = classify(
      makeRow({
        date: "2026-01-01",
        cost: 1n,
        meterName: "R1 Outp glbl Tokens",
        meterCategory: "Cognitive Services",
        meterSubCategory: "Azure AI Foundry Models",
        product: "Azure OpenAI - R1 Outp glbl Tokens",
      }),
    );
    expect(c).toMatchObject({ isModel: true, model: "deepseek-r1", family: "deepseek", recognised: true });
  });

  it("reads the family from the product when the name lacks it", () => {
    const c = (meterName: string, meterSubCategory: string) =>
      classify(makeRow({ date: "2026-01-01", cost: 1n, meterName, meterSubCategory, meterCategory: "Foundry Models" }));
    expect(c("V3.2 SP Outp DZ Tokens", "Azure Deepseek Models")).toMatchObject({ model: "deepseek-v3.2-speciale", family: "deepseek" });
    expect(c("Doc AI 2512 glbl Pages", "Azure Mistral Models")).toMatchObject({ model: "mistral-document-ai-2512", family: "mistral" });
    expect(c("3.3 70b Inp FT DZ Tokens", "Azure Llama Models")).toMatchObject({ model: "llama-3.3-70b", family: "llama" });
    expect(c("20b FT regnl Tokens", "Azure OpenAI OSS Models")).toMatchObject({ model: "gpt-oss-20b", family: "openai" });
  });
});
