import { describe, expect, it } from "vitest";
import { shiftDays } from "../../src/base/dates.js";
import { fromCents } from "../../src/cost/money.js";
import { detectSpikes, median } from "../../src/cost/spikes.js";
import { DEMO_SPIKE, generate } from "../../src/cost/sources/demo.js";
import type { CostRow } from "../../src/cost/types.js";
import { gpt4oRow as gpt4o, mistralRow as mistral, usd } from "../fixtures/rows.js";

/** 42 days ending `last`, weekdays at `weekday`, weekends at `weekend` (plus a little wobble). */
function rhythm(make: (d: string, c: string) => CostRow, last: string, weekday: number, weekend: number): CostRow[] {
  const rows: CostRow[] = [];
  for (let i = 41; i >= 0; i--) {
    const d = shiftDays(last, -i);
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    const base = wd === 0 || wd === 6 ? weekend : weekday;
    rows.push(make(d, (base * (1 + ((i % 5) - 2) / 40)).toFixed(2)));
  }
  return rows;
}

describe("detectSpikes", () => {
  it.each(["2025-11-27T10:00:00Z", "2025-03-30T05:00:00Z", "2026-02-15T23:00:00Z", "2025-06-04T10:00:00Z"])(
    "finds the demo data's gpt-4o spike and nothing else in 60 days (clock %s)",
    (now) => {
      const { rows } = generate(new Date(now));
      const today = now.slice(0, 10);
      const found = [];
      for (let i = 1; i <= 60; i++) found.push(...detectSpikes(rows, shiftDays(today, -i)));
      expect(found.map((s) => `${s.model}@${s.date}`)).toEqual([`${DEMO_SPIKE.model}@${shiftDays(today, -DEMO_SPIKE.daysAgo)}`]);
      expect(Number(found[0].cost) / Number(found[0].baseline)).toBeGreaterThan(3);
      expect(found[0].channel).toBe("microsoft");
    },
  );

  it("keeps a weekend batch rhythm normal: weekends compare with weekends, Mondays with weekdays", () => {
    // Weekends cost 10x a weekday here; 2025-11-22/23 are a Saturday and Sunday, 2025-11-24 a Monday.
    const rows = rhythm(gpt4o, "2025-11-24", 100, 1000);
    for (const d of ["2025-11-22", "2025-11-23", "2025-11-24"]) expect(detectSpikes(rows, d)).toEqual([]);
  });

  it("flags a weekend day that is high for a weekend", () => {
    const rows = rhythm(gpt4o, "2025-11-23", 400, 50).map((r) => (r.date === "2025-11-23" ? { ...r, cost: usd("300") } : r));
    expect(detectSpikes(rows, "2025-11-23")).toMatchObject([{ model: "gpt-4o", dayType: "weekend", baseline: expect.any(BigInt) }]);
  });

  it.each([
    ["5x but only $40 more: not material", "10", "50", 0],
    ["+$60 on $1,000 (6%): within normal wobble", "1000", "1060", 0],
    ["+$300 on $1,000: a spike", "1000", "1300", 1],
  ])("%s", (_name, usual, today, count) => {
    const rows = rhythm(mistral, "2025-11-26", Number(usual), Number(usual)).map((r) => (r.date === "2025-11-26" ? { ...r, cost: usd(today) } : r));
    const spikes = detectSpikes(rows, "2025-11-26");
    expect(spikes).toHaveLength(count);
    if (count) expect(spikes[0]).toMatchObject({ model: "mistral-large-2411", channel: "marketplace", excess: expect.any(BigInt) });
  });

  it("announces a lasting jump on its first day only", () => {
    const rows = rhythm(gpt4o, "2025-11-26", 400, 400).map((r) => (r.date >= "2025-11-24" ? { ...r, cost: usd("1200") } : r));
    expect(detectSpikes(rows, "2025-11-24")).toHaveLength(1);
    expect(detectSpikes(rows, "2025-11-25")).toEqual([]);
  });

  it("needs enough history to judge, and data for the day itself", () => {
    const rows = rhythm(gpt4o, "2025-11-26", 400, 400).filter((r) => r.date >= "2025-11-22");
    expect(detectSpikes([...rows, gpt4o("2025-11-26", "5000")], "2025-11-26")).toEqual([]);
    expect(detectSpikes(rhythm(gpt4o, "2025-11-20", 400, 400), "2025-11-26")).toEqual([]);
  });
});

describe("median", () => {
  it.each([
    ["nothing", [], 0],
    ["one value", [300], 300],
    ["an odd count", [500, 100, 300], 300],
    ["an even count (mean of the middle two)", [100, 200, 400, 900], 300],
  ])("of %s", (_name, cents, expected) => {
    expect(median((cents as number[]).map(fromCents))).toBe(fromCents(expected as number));
  });
});
