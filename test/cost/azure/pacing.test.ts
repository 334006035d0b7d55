import { afterEach, describe, expect, it } from "vitest";
import { throttled } from "../../fakes/arm.js";
import { setup, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

const Q = { from: "2025-11-01", to: "2025-11-27", costType: "actual" as const };

/** Pacer time that only moves when the pacer sleeps. */
function pacerTime() {
  const t = { now: 0, slept: [] as number[] };
  return { t, pacerNow: () => t.now, sleep: async (ms: number) => void (t.slept.push(ms), (t.now += ms)) };
}

describe("Azure source pacing", () => {
  it("spaces a scope's queries to the per-minute limit, even for a grouping fallback", async () => {
    const { t, pacerNow, sleep } = pacerTime();
    h = await setup({ agreement: "MCA" }, { queriesPerMinute: 1, pacerNow, sleep });
    await h.source.query(Q);
    expect(h.fake.of("query")).toHaveLength(2);
    expect(t.slept).toEqual([60_000]);
  });

  it("sends no query for a scope before the time a final 429 asked for", async () => {
    const { t, pacerNow, sleep } = pacerTime();
    h = await setup({}, { pacerNow, sleep, failureHoldMs: 0, retry: { maxWaitMs: 10_000 } });
    h.fake.script("query", throttled({ "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after": "120" }));
    await expect(h.source.query(Q)).rejects.toMatchObject({ code: "THROTTLED" });
    await h.source.query(Q);
    expect(t.slept).toEqual([120_000]);
    expect(h.fake.of("query")).toHaveLength(2);
  });
});
