import { describe, expect, it } from "vitest";
import { createWindowCache } from "../../../src/cost/sources/azure/cache.js";
import { createPacer } from "../../../src/cost/sources/azure/pacer.js";
import { canonicalWindow, splitWindow } from "../../../src/cost/sources/azure/window.js";

function fakeTime() {
  const t = { now: 0, slept: [] as number[] };
  return { t, now: () => t.now, sleep: async (ms: number) => void (t.slept.push(ms), (t.now += ms)) };
}

describe("pacer", () => {
  it("lets at most N queries per scope start in any minute, and other scopes go at once", async () => {
    const { t, now, sleep } = fakeTime();
    const pacer = createPacer({ perMinute: 3, now, sleep });
    const starts: [string, number][] = [];
    await Promise.all([1, 2, 3, 4, 5].map(() => pacer.acquire("a").then(() => starts.push(["a", t.now]))));
    await pacer.acquire("b").then(() => starts.push(["b", t.now]));
    expect(starts.filter(([k]) => k === "a").map(([, at]) => at)).toEqual([0, 0, 0, 60_000, 60_000]);
    expect(starts.find(([k]) => k === "b")?.[1]).toBe(60_000);
  });

  it("starts nothing before the time Azure asked to wait", async () => {
    const { t, now, sleep } = fakeTime();
    const pacer = createPacer({ perMinute: 3, now, sleep });
    pacer.block("a", 45_000);
    await pacer.acquire("a");
    expect(t.now).toBe(45_000);
  });
});

describe("window cache", () => {
  it("coalesces concurrent loads, serves covered windows, and expires after the TTL", async () => {
    let now = 0;
    let loads = 0;
    const cache = createWindowCache<string>({ ttlMs: 1000, staleMaxMs: 10_000, failureHoldMs: 0, now: () => now });
    const load = { window: { from: "2025-10-01", to: "2025-11-27" }, run: async () => `v${++loads}` };
    const answers = await Promise.all([1, 2, 3].map(() => cache.get("s", { from: "2025-11-01", to: "2025-11-27" }, load)));
    expect(answers.map((a) => a.value)).toEqual(["v1", "v1", "v1"]);
    expect((await cache.get("s", { from: "2025-10-05", to: "2025-10-06" }, load)).value).toBe("v1");
    now = 1500;
    expect((await cache.get("s", { from: "2025-10-05", to: "2025-10-06" }, load)).value).toBe("v2");
    expect(cache.stats).toMatchObject({ loads: 2, coalesced: 2, hits: 1 });
  });

  it("answers a failed load from an older covering entry, and throws when none is young enough", async () => {
    let now = 0;
    const cache = createWindowCache<string>({ ttlMs: 1000, staleMaxMs: 5000, failureHoldMs: 0, now: () => now });
    const w = { from: "2025-11-01", to: "2025-11-27" };
    await cache.get("s", w, { window: w, run: async () => "old" });
    now = 2000;
    const boom = new Error("503");
    const stale = await cache.get("s", w, { window: w, run: async () => Promise.reject(boom) });
    expect(stale).toMatchObject({ value: "old", storedAt: 0, staleBecause: boom });
    now = 6000;
    await expect(cache.get("s", w, { window: w, run: async () => Promise.reject(boom) })).rejects.toBe(boom);
  });
});

describe("window cache across days", () => {
  it("answers a narrower question from yesterday's window while fresh, and from it marked stale when today's load fails", async () => {
    let now = 0;
    const runs: string[] = [];
    const cache = createWindowCache<string>({ ttlMs: 1000, staleMaxMs: 10_000, failureHoldMs: 0, now: () => now });
    const lastMonth = { from: "2025-10-01", to: "2025-10-31" };
    const yesterday = { from: "2025-09-01", to: "2025-11-27" };
    const today = { from: "2025-09-01", to: "2025-11-28" };
    const boom = new Error("503");
    const failing = { window: today, run: async () => (runs.push("today"), Promise.reject(boom)) };
    await cache.get("s", lastMonth, { window: yesterday, run: async () => (runs.push("yesterday"), "v1") });
    now = 500;
    expect(await cache.get("s", lastMonth, failing)).toEqual({ value: "v1", storedAt: 0 });
    expect(runs).toEqual(["yesterday"]);
    now = 2000;
    expect(await cache.get("s", lastMonth, failing)).toEqual({ value: "v1", storedAt: 0, staleBecause: boom });
    await expect(cache.get("s", { from: "2025-11-28", to: "2025-11-28" }, failing)).rejects.toBe(boom);
    expect(runs).toEqual(["yesterday", "today", "today"]);
    expect(cache.stats).toEqual({ hits: 1, coalesced: 0, loads: 3, staleAnswers: 1 });
  });

  it("holds a failure for failureHoldMs: the same error (or stale answer) without asking again", async () => {
    let now = 0;
    let runs = 0;
    const cache = createWindowCache<string>({ ttlMs: 1000, staleMaxMs: 10_000, failureHoldMs: 3000, now: () => now });
    const w = { from: "2025-11-01", to: "2025-11-27" };
    const boom = new Error("429");
    const failing = { window: w, run: async () => (runs++, Promise.reject(boom)) };
    await expect(cache.get("s", w, failing)).rejects.toBe(boom);
    now = 2000;
    await expect(cache.get("s", w, failing)).rejects.toBe(boom);
    expect(runs).toBe(1);
    now = 3500;
    expect((await cache.get("s", w, { window: w, run: async () => (runs++, "v1") })).value).toBe("v1");
    expect(runs).toBe(2);
  });
});

describe("windows", () => {
  it.each([
    [
      ["2025-11-27", "2025-11-27"],
      ["2025-09-01", "2025-11-27"],
    ],
    [
      ["2025-10-01", "2025-10-31"],
      ["2025-09-01", "2025-11-27"],
    ],
    [
      ["2025-09-01", "2025-09-30"],
      ["2025-09-01", "2025-11-27"],
    ],
    [
      ["2025-01-01", "2025-11-27"],
      ["2025-01-01", "2025-11-27"],
    ],
    [
      ["2025-03-01", "2025-03-31"],
      ["2025-03-01", "2025-03-31"],
    ],
    [
      ["2025-08-25", "2025-09-03"],
      ["2025-08-25", "2025-11-27"],
    ],
  ])("reads %j through the canonical window %j", ([from, to], [cf, ct]) => {
    expect(canonicalWindow({ from, to }, new Date("2025-11-27T10:00:00Z"))).toEqual({ from: cf, to: ct });
  });

  it("splits a window longer than a year into consecutive pieces", () => {
    expect(splitWindow({ from: "2024-01-01", to: "2025-11-27" })).toEqual([
      { from: "2024-01-01", to: "2024-12-30" },
      { from: "2024-12-31", to: "2025-11-27" },
    ]);
  });
});
