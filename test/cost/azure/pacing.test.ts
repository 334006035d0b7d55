import { afterEach, describe, expect, it } from "vitest";
import { createPacer } from "../../../src/cost/sources/azure/pacer.js";
import { throttled } from "../../fakes/arm.js";
import { aiCosts, setup, SUB, type Harness } from "./harness.js";

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

  it("answers this week at once while a long history for the same scope is still being read", async () => {
    const { t, pacerNow, sleep } = pacerTime();
    h = await setup({}, { queriesPerMinute: 3, maxHistoryQueries: 4, pacerNow, sleep });
    h.fake.setCosts(SUB.toLowerCase(), aiCosts(SUB, 1, "2022-01-01", "2025-11-27"));
    let weekAt: number | undefined;
    let longAt: number | undefined;
    const long = h.source.query({ from: "2022-01-01", to: "2025-11-27", costType: "actual" }).then((r) => ((longAt = t.now), r));
    const week = h.source.query({ from: "2025-11-24", to: "2025-11-27", costType: "actual" }).then((r) => ((weekAt = t.now), r));
    const [l, w] = await Promise.all([long, week]);
    // The history (2022-01-01..2025-08-31: 4 windows) is paced in the backfill lane, 2 starts a minute
    // at most beside the recent window's query; this week waited for none of it.
    expect(weekAt).toBe(0);
    expect(longAt).toBeGreaterThanOrEqual(60_000);
    expect(w.rows.every((r) => r.date >= "2025-11-24")).toBe(true);
    expect(w.rows.length).toBeGreaterThan(0);
    expect(l.rows[0].date).toBe("2022-01-01");
    expect(l.rows.at(-1)!.date).toBe("2025-11-27");
    expect(h.fake.of("query")).toHaveLength(5);
  });
});

describe("pacer lanes", () => {
  const lanes = () => {
    const { t, pacerNow, sleep } = pacerTime();
    const pacer = createPacer({ perMinute: 3, now: pacerNow, sleep });
    const starts: string[] = [];
    const take = (lane: "interactive" | "backfill", name: string) => pacer.acquire("s", lane).then(() => void starts.push(`${name}@${t.now}`));
    return { starts, take };
  };

  it("starts waiting interactive queries before any backfill", async () => {
    const { starts, take } = lanes();
    await Promise.all([take("backfill", "b1"), take("backfill", "b2"), take("backfill", "b3"), take("interactive", "i1"), take("interactive", "i2")]);
    // i1, i2 at once; the backfill holds at most 2 of the 3 starts in any minute: b1 and b2 once
    // the interactive starts have aged out, b3 a minute after them.
    expect(starts).toEqual(["i1@0", "i2@0", "b1@60000", "b2@60000", "b3@120000"]);
  });

  it("never gives the backfill the minute's last start", async () => {
    const { starts, take } = lanes();
    await Promise.all([take("backfill", "b1"), take("backfill", "b2")]);
    const b3 = take("backfill", "b3");
    await take("interactive", "i1");
    await b3;
    expect(starts).toEqual(["b1@0", "b2@0", "i1@0", "b3@60000"]);
  });
});
