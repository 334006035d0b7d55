import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import type { SpendReport } from "../../src/bot/report.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import type { CostQuery, CostSource } from "../../src/cost/types.js";

function counting(inner: CostSource) {
  const seen: CostQuery[] = [];
  const source: CostSource = { name: inner.name, query: (q) => (seen.push(q), inner.query(q)) };
  return { source, seen };
}

describe("spend report reuse", () => {
  it("computes one report for the same question asked at once and within the minute", async () => {
    let now = new Date("2025-11-27T09:00:00Z");
    const { source, seen } = counting(createDemoCostSource({ clock: () => now }));
    const bot = createBot({ costSource: source, clock: () => now });
    const answers = await Promise.all(Array.from({ length: 20 }, () => bot.answer("this week")));
    expect(seen).toHaveLength(1);
    expect(new Set(answers.map((a) => (a as SpendReport).total)).size).toBe(1);
    now = new Date("2025-11-27T09:00:59Z");
    await bot.answer("This week?");
    expect(seen).toHaveLength(1);
    now = new Date("2025-11-27T09:01:01Z");
    await bot.answer("this week");
    expect(seen).toHaveLength(2);
  });

  it("hands each asker their own copy", async () => {
    const now = new Date("2025-11-27T09:00:00Z");
    const bot = createBot({ costSource: createDemoCostSource({ clock: () => now }), clock: () => now });
    const first = (await bot.answer("this week")) as SpendReport;
    first.groups.length = 0;
    expect(((await bot.answer("this week")) as SpendReport).groups.length).toBeGreaterThan(0);
  });

  it("does not remember failures", async () => {
    const now = new Date("2025-11-27T09:00:00Z");
    let calls = 0;
    const flaky: CostSource = {
      name: "flaky",
      query: async () => {
        calls++;
        if (calls === 1) throw new Error("boom");
        return { rows: [], dataAsOf: null, warnings: [] };
      },
    };
    const bot = createBot({ costSource: flaky, clock: () => now });
    await expect(bot.answer("today")).rejects.toThrow("boom");
    expect((await bot.answer("today")).kind).toBe("spend");
  });
});
