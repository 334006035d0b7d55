import { afterEach, describe, expect, it } from "vitest";
import { sumAmounts } from "../../../src/cost/money.js";
import { aiCosts, setup, SUB, total, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

const SCOPES = [SUB, "/subscriptions/00000000-0000-0000-0000-000000000002", "/subscriptions/00000000-0000-0000-0000-000000000003"];
const RANGES = [
  ["2025-11-27", "2025-11-27"],
  ["2025-11-24", "2025-11-27"],
  ["2025-10-01", "2025-10-31"],
  ["2025-11-01", "2025-11-27"],
];

describe("Azure source under load", () => {
  it("turns 200 concurrent asks over 3 scopes into exactly 3 queries", async () => {
    h = await setup({}, { scopes: SCOPES, queriesPerMinute: 3 });
    const data = SCOPES.map((s) => aiCosts(s, 3));
    SCOPES.forEach((s, i) => h!.fake.setCosts(s, data[i]));
    let release!: () => void;
    h.fake.hold("query", new Promise<void>((r) => (release = r)));
    const asking = Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const [from, to] = RANGES[i % RANGES.length];
        return h!.source.query({ from, to, costType: "actual" }).then((r) => ({ r, from, to }));
      }),
    );
    // Every ask is made while the three queries are still unanswered.
    await h.fake.arrived("query", 3);
    release();
    const results = await asking;
    expect(h.fake.of("query")).toHaveLength(3);
    expect(new Set(h.fake.of("query").map((q) => q.scope))).toEqual(new Set(SCOPES.map((s) => s.toLowerCase())));
    for (const { r, from, to } of results) {
      const expected = data.reduce((sum, d) => sum + total(d, from, to), 0n);
      expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(expected);
    }
    expect(h.source.stats()).toMatchObject({ httpRequests: 3, loads: 3 });
  });

  it("keeps amortized and actual apart: one query per scope and cost type", async () => {
    h = await setup({}, { scopes: SCOPES });
    let release!: () => void;
    h.fake.hold("query", new Promise<void>((r) => (release = r)));
    const asking = Promise.all(
      Array.from({ length: 60 }, (_, i) => h!.source.query({ from: "2025-11-01", to: "2025-11-27", costType: i % 2 ? "actual" : "amortized" })),
    );
    await h.fake.arrived("query", 6);
    release();
    await asking;
    const types = h.fake.of("query").map((q) => `${q.scope}|${q.body.type}`);
    expect(types).toHaveLength(6);
    expect(new Set(types).size).toBe(6);
  });
});
