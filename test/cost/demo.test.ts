import { describe, expect, it } from "vitest";
import { classify } from "../../src/cost/classify.js";
import { createDemoCostSource, DEMO_SPIKE } from "../../src/cost/sources/demo.js";
import type { CostRow } from "../../src/cost/types.js";

const NOW = new Date("2025-11-27T14:07:00Z");
const at = (iso: string) => createDemoCostSource({ clock: () => new Date(iso) });
const demo = createDemoCostSource({ clock: () => NOW });
const all = (src = demo) => src.query({ from: "2000-01-01", to: "2100-01-01", costType: "actual" });
const dayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function modelCostByDate(rows: CostRow[], model?: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of rows) {
    const c = classify(r);
    if (!c.isModel || (model && c.model !== model)) continue;
    out.set(r.date, (out.get(r.date) ?? 0n) + r.cost);
  }
  return out;
}

describe("demo cost source", () => {
  it("is called demo data", () => expect(demo.name).toBe("demo data"));

  it("returns the same rows for the same clock", async () => {
    const [a, b] = await Promise.all([all(), all(at(NOW.toISOString()))]);
    expect(a.rows.length).toBeGreaterThan(1000);
    expect(b.rows).toEqual(a.rows);
  });

  it("keeps a past day's rows the same when the clock moves on", async () => {
    const later = await at("2025-11-28T14:07:00Z").query({ from: "2025-11-20", to: "2025-11-20", costType: "actual" });
    const now = await demo.query({ from: "2025-11-20", to: "2025-11-20", costType: "actual" });
    expect(later.rows).toEqual(now.rows);
  });

  it("reports data as of 06:00 UTC today, and no later data than that", async () => {
    const res = await all();
    expect(res.dataAsOf).toBe("2025-11-27T06:00:00Z");
    expect(
      res.rows
        .map((r) => r.date)
        .sort()
        .at(-1),
    ).toBe("2025-11-27");
    const early = await all(at("2025-11-27T04:30:00Z"));
    expect(early.dataAsOf).toBe("2025-11-27T01:00:00Z");
  });

  it("covers about 90 days back and every day of last month", async () => {
    const dates = new Set((await all()).rows.map((r) => r.date));
    expect([...dates].sort()[0]).toBe("2025-08-29");
    const oct = await demo.query({ from: "2025-10-01", to: "2025-10-31", costType: "actual" });
    expect(new Set(oct.rows.map((r) => r.date)).size).toBe(31);
  });

  it("returns only rows inside the queried range, both ends included", async () => {
    const res = await demo.query({ from: "2025-11-03", to: "2025-11-09", costType: "amortized" });
    const dates = [...new Set(res.rows.map((r) => r.date))].sort();
    expect(dates).toEqual(["2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07", "2025-11-08", "2025-11-09"]);
    expect((await demo.query({ from: "2026-01-01", to: "2026-01-31", costType: "actual" })).rows).toEqual([]);
  });

  it("classifies every row it generates as recognised", async () => {
    const rows = (await all()).rows;
    const unrecognised = rows.filter((r) => !classify(r).recognised).map((r) => r.meterName);
    expect(unrecognised).toEqual([]);
    const models = new Set(
      rows
        .map(classify)
        .filter((c) => c.isModel)
        .map((c) => `${c.channel}:${c.model}`),
    );
    expect([...models].sort()).toEqual([
      "marketplace:cohere-command-r-plus",
      "marketplace:meta-llama-3.1-70b-instruct",
      "marketplace:mistral-large-2411",
      "microsoft:deepseek-r1",
      "microsoft:gpt-4.1",
      "microsoft:gpt-4o",
      "microsoft:gpt-4o-mini",
      "microsoft:o3-mini",
      "microsoft:openai-provisioned-throughput",
      "microsoft:text-embedding-3-large",
    ]);
    expect(rows.some((r) => !classify(r).isModel)).toBe(true);
    expect(rows.some((r) => classify(r).direction === "cached-input")).toBe(true);
  });

  it("bills Marketplace models to a resource group under SaaS", async () => {
    const market = (await all()).rows.filter((r) => classify(r).channel === "marketplace");
    expect(market.length).toBeGreaterThan(0);
    for (const r of market) expect(r).toMatchObject({ publisherType: "Marketplace", serviceName: "SaaS", resourceGroup: "rg-ai-prod" });
  });

  it("bills the PTU deployment around the clock with no tokens", async () => {
    const ptu = (await demo.query({ from: "2025-11-22", to: "2025-11-24", costType: "actual" })).rows.filter(
      (r) => r.meterName === "Provisioned Managed Global",
    );
    expect(ptu.map((r) => [r.date, r.quantity, classify(r).tokens])).toEqual([
      ["2025-11-22", 360, 0],
      ["2025-11-23", 360, 0],
      ["2025-11-24", 360, 0],
    ]);
  });

  it("spends clearly less on weekends than on weekdays", async () => {
    const byDate = modelCostByDate((await demo.query({ from: "2025-09-01", to: "2025-11-09", costType: "actual" })).rows);
    const avg = (weekend: boolean) => {
      const v = [...byDate].filter(([d]) => (dayOf(d) % 6 === 0) === weekend).map(([, c]) => c);
      return Number(v.reduce((a, b) => a + b, 0n) / BigInt(v.length));
    };
    expect(avg(false)).toBeGreaterThan(1.5 * avg(true));
  });

  it("has one clear spike of one model about ten days ago", async () => {
    const rows = (await demo.query({ from: "2025-10-01", to: "2025-11-26", costType: "actual" })).rows;
    const byDate = modelCostByDate(rows, DEMO_SPIKE.model);
    const weekdays = [...byDate].filter(([d]) => dayOf(d) % 6 !== 0).sort((a, b) => (a[1] < b[1] ? -1 : 1));
    const median = weekdays[Math.floor(weekdays.length / 2)][1];
    const spikes = weekdays.filter(([, c]) => c > median * 2n).map(([d]) => d);
    expect(spikes).toEqual(["2025-11-17"]);
    expect(Number(byDate.get("2025-11-17")!) / Number(median)).toBeGreaterThan(3);
  });
});
