// The one cache in front of every cost source (src/cost/sources/cached.ts), checked with a counting
// fake source: concurrent identical questions cost one fetch, a changed fingerprint (an export's
// files changed) fetches again, a failure is never kept, and the wrapped source keeps its other
// methods and its health. Then the same through the bot: every platform shares it.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import type { SpendReport } from "../../src/bot/report.js";
import { CostbotError } from "../../src/base/errors.js";
import { cachedSource } from "../../src/cost/sources/cached.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { createCostSource } from "../../src/cost/sources/index.js";
import { healthOf, watchedSource } from "../../src/cost/sources/watched.js";
import type { CostQuery, CostResult, CostSource } from "../../src/cost/types.js";

const T0 = Date.parse("2025-11-27T09:00:00Z");
const Q: CostQuery = { from: "2025-11-01", to: "2025-11-27", costType: "actual" };

/** A source that counts its fetches; each fetch waits until `release()` so asks really overlap. */
function countingSource() {
  const fetched: CostQuery[] = [];
  let version = "v1";
  let failNext: Error | null = null;
  let gate: { promise: Promise<void>; open: () => void; started: () => void } | null = null;
  let started: Promise<void> = Promise.resolve();
  const source = {
    name: "counting",
    async fingerprint() {
      return version;
    },
    async query(q: CostQuery): Promise<CostResult> {
      fetched.push(q);
      if (gate) {
        gate.started();
        await gate.promise;
      }
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      return { rows: [], dataAsOf: `data ${version} #${fetched.length}`, warnings: [] };
    },
    forecast: async () => "forecast passes through",
  };
  return {
    source,
    fetched,
    setVersion: (v: string) => void (version = v),
    failOnce: (e: Error) => void (failNext = e),
    /** Holds fetches until `release()`; `started()` resolves once one is waiting. */
    hold() {
      let open!: () => void;
      let begun!: () => void;
      started = new Promise<void>((r) => (begun = r));
      gate = { promise: new Promise<void>((r) => (open = r)), open: () => open(), started: () => begun() };
    },
    started: () => started,
    release() {
      gate?.open();
      gate = null;
    },
  };
}

describe("cachedSource", () => {
  it("fetches once for identical questions asked at once and again within the TTL", async () => {
    const fake = countingSource();
    const cached = cachedSource(fake.source, { ttlMs: 60_000, nowMs: () => T0 });
    fake.hold();
    const asks = Array.from({ length: 20 }, () => cached.query({ ...Q }));
    // One fetch has begun and is held: every ask is now waiting on it.
    await fake.started();
    fake.release();
    const answers = await Promise.all(asks);
    expect(fake.fetched).toHaveLength(1);
    expect(new Set(answers.map((a) => a.dataAsOf))).toEqual(new Set(["data v1 #1"]));
    expect((await cached.query(Q)).dataAsOf).toBe("data v1 #1");
    expect(fake.fetched).toHaveLength(1);
  });

  it("asks again for another range or cost type", async () => {
    const fake = countingSource();
    const cached = cachedSource(fake.source, { ttlMs: 60_000, nowMs: () => T0 });
    await cached.query(Q);
    await cached.query({ ...Q, to: "2025-11-26" });
    await cached.query({ ...Q, costType: "amortized" });
    expect(fake.fetched).toEqual([Q, { ...Q, to: "2025-11-26" }, { ...Q, costType: "amortized" }]);
  });

  it("fetches again as soon as the fingerprint changes, and after the TTL", async () => {
    let now = Date.parse("2025-11-27T09:00:00Z");
    const fake = countingSource();
    const cached = cachedSource(fake.source, { ttlMs: 60_000, nowMs: () => now });
    expect((await cached.query(Q)).dataAsOf).toBe("data v1 #1");
    fake.setVersion("v2"); // e.g. an export file got a new size or mtime
    expect((await cached.query(Q)).dataAsOf).toBe("data v2 #2");
    now += 60_000;
    expect((await cached.query(Q)).dataAsOf).toBe("data v2 #2");
    now += 1;
    expect((await cached.query(Q)).dataAsOf).toBe("data v2 #3");
  });

  it("does not keep a failure: the next ask tries again", async () => {
    const fake = countingSource();
    const cached = cachedSource(fake.source, { ttlMs: 60_000, nowMs: () => T0 });
    fake.failOnce(new CostbotError("Azure refused the request (403).", "FORBIDDEN"));
    await expect(cached.query(Q)).rejects.toThrow("Azure refused the request (403).");
    expect((await cached.query(Q)).dataAsOf).toBe("data v1 #2");
    expect(fake.fetched).toHaveLength(2);
  });

  it("hands every asker the same frozen answer, so no asker can change another's numbers", async () => {
    const cached = cachedSource(createDemoCostSource({ clock: () => new Date("2025-11-27T09:00:00Z") }), { nowMs: () => T0 });
    const a = await cached.query(Q);
    expect(a.rows.length).toBeGreaterThan(0);
    expect(() => {
      (a.rows[0] as { cost: bigint }).cost = 0n;
    }).toThrow(TypeError);
    expect(() => a.rows.pop()).toThrow(TypeError);
  });

  it("keeps the source's other methods, and its health when watched inside the cache", async () => {
    const fake = countingSource();
    const cached = cachedSource(watchedSource(fake.source), { nowMs: () => T0 });
    expect(cached.name).toBe("counting");
    expect(await cached.forecast()).toBe("forecast passes through");
    expect(healthOf(cached)).toEqual({ name: "counting", ok: null });
    await cached.query(Q);
    expect(healthOf(cached)).toMatchObject({ ok: true, lastSuccessAt: expect.any(String) });
    fake.failOnce(new CostbotError("Azure refused the request (403).", "FORBIDDEN"));
    await expect(cached.query({ ...Q, to: "2025-11-02" })).rejects.toThrow();
    expect(healthOf(cached)).toMatchObject({ ok: false, lastFailure: { message: "Azure refused the request (403).", code: "FORBIDDEN" } });
    // A kept answer is not a new query: health still says how the source's last query went.
    await cached.query(Q);
    expect(healthOf(cached).ok).toBe(false);
  });

  it("turns off with a TTL of 0", async () => {
    const fake = countingSource();
    const cached = cachedSource(fake.source, { ttlMs: 0 });
    await cached.query(Q);
    await cached.query(Q);
    expect(fake.fetched).toHaveLength(2);
  });
});

describe("the cache behind the bot", () => {
  function counting(inner: CostSource) {
    const seen: CostQuery[] = [];
    const source: CostSource = { name: inner.name, query: (q) => (seen.push(q), inner.query(q)) };
    return { source, seen };
  }

  it("asks the source once for the same question asked at once and within the minute", async () => {
    let now = new Date("2025-11-27T09:00:00Z");
    const { source, seen } = counting(createDemoCostSource({ clock: () => now }));
    const bot = createBot({ costSource: cachedSource(source, { nowMs: () => now.getTime() }), clock: () => now });
    const once = (await bot.answer("this week"), seen.length);
    expect(once).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => bot.answer("this week")));
    expect(seen).toHaveLength(once);
    expect(new Set(answers.map((a) => (a as SpendReport).total)).size).toBe(1);
    now = new Date("2025-11-27T09:00:59Z");
    await bot.answer("This week?");
    expect(seen).toHaveLength(once);
    now = new Date("2025-11-27T09:01:01Z");
    await bot.answer("this week");
    expect(seen).toHaveLength(2 * once);
  });

  it("builds one report per kept answer and hands it to every asker frozen, so no asker can change another's", async () => {
    const now = new Date("2025-11-27T09:00:00Z");
    const bot = createBot({ costSource: cachedSource(createDemoCostSource({ clock: () => now })), clock: () => now });
    const first = (await bot.answer("this week")) as SpendReport;
    expect(await bot.answer("This week")).toBe(first);
    expect(() => {
      first.groups.length = 0;
    }).toThrow(TypeError);
    expect(first.groups.length).toBeGreaterThan(0);
    // Another zone is another report (its "this week" may be other days).
    expect(await bot.answer("this week", { tz: "Pacific/Auckland" })).not.toBe(first);
    // Another locale too: its dates are written another way.
    const us = await bot.answer("this week", { locale: "en-US" });
    expect(us).not.toBe(first);
    expect(us).toMatchObject({ locale: "en-US" });
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
    const bot = createBot({ costSource: cachedSource(flaky), clock: () => now });
    await expect(bot.answer("today")).rejects.toThrow("boom");
    expect((await bot.answer("today")).kind).toBe("spend");
  });
});

describe("the cache in front of an export, as createCostSource builds it", () => {
  it("reads the export again only when its files change (size and mtime)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "costbot-cache-"));
    try {
      const file = join(dir, "mca-actual.csv");
      await copyFile(fileURLToPath(new URL("../fixtures/exports/mca-actual.csv", import.meta.url)), file);
      const reads: string[] = [];
      const source = await createCostSource(file, { progress: (line) => reads.push(line) });
      const q: CostQuery = { from: "2024-10-01", to: "2024-10-31", costType: "actual" };
      const first = await source.query(q);
      expect(first.rows.length).toBeGreaterThan(0);
      const readsOnce = reads.length;
      expect(readsOnce).toBeGreaterThan(0);
      expect(await source.query(q)).toBe(first);
      expect(reads).toHaveLength(readsOnce);
      // The export is rewritten with its first data row only: another size, so it is read again.
      const [header, row] = (await readFile(file, "utf8")).split("\n");
      await writeFile(file, `${header}\n${row}\n`);
      const second = await source.query(q);
      expect(reads.length).toBeGreaterThan(readsOnce);
      expect(second.rows.length).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
