// The estimate reconciliation log on SQLite and real PostgreSQL: one record per day and model,
// the first one standing (repeats and concurrent instances change nothing), exact money, and
// still there after the store is closed and opened again (a restart).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseAmount } from "../../src/cost/money.js";
import { openStore } from "../../src/store/open.js";
import type { EstimateCheck, Store } from "../../src/store/types.js";
import { type Backend, postgresBackend, sqliteBackend } from "./backends.js";

const backends: [string, Backend][] = [
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
];

const check = (date: string, model: string, estimate: string, billed: string, basis: EstimateCheck["basis"] = "billed-rate") => ({
  date,
  model,
  estimate: parseAmount(estimate)!,
  billed: parseAmount(billed)!,
  currency: "USD",
  basis,
});

describe.each(backends)("estimate checks on %s", (_dialect, backend) => {
  const open: Store[] = [];
  const at = new Date("2026-11-28T09:00:00Z");
  const openOn = async (url: string, instanceId?: string) => {
    const s = await openStore(url, { clock: () => at, instanceId });
    open.push(s);
    return s;
  };
  afterEach(async () => void (await Promise.all(open.splice(0).map((s) => s.close()))));
  afterAll(() => backend.cleanup());

  it("records each day and model once, keeps the first record, and survives a restart", async () => {
    const url = await backend.fresh();
    const store = await openOn(url);
    expect(
      await store.estimateChecks.record([
        check("2026-11-27", "gpt-4o", "8", "7"),
        check("2026-11-27", "gpt-4.1", "3.96", "4.000000000001", "retail-price"),
      ]),
    ).toBe(2);
    // The same day again (a second run, or a later restatement): nothing changes.
    expect(await store.estimateChecks.record([check("2026-11-27", "gpt-4o", "0", "7")])).toBe(0);
    await store.close();

    const again = await openOn(url);
    expect(await again.estimateChecks.list({ from: "2026-11-21", to: "2026-11-27" })).toEqual([
      {
        date: "2026-11-27",
        model: "gpt-4.1",
        estimate: parseAmount("3.96"),
        billed: parseAmount("4.000000000001"),
        currency: "USD",
        basis: "retail-price",
        recordedAt: at,
      },
      {
        date: "2026-11-27",
        model: "gpt-4o",
        estimate: parseAmount("8"),
        billed: parseAmount("7"),
        currency: "USD",
        basis: "billed-rate",
        recordedAt: at,
      },
    ]);
    expect(await again.estimateChecks.list({ from: "2026-11-28", to: "2026-12-04" })).toEqual([]);
  });

  it("lets exactly one of many concurrent writers on two instances record a day", async () => {
    const url = await backend.fresh();
    const [a, b] = [await openOn(url, "a"), await openOn(url, "b")];
    const writes = Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).estimateChecks.record([check("2026-11-26", "gpt-4o", `${i + 1}`, "7")]));
    expect((await Promise.all(writes)).reduce((n, x) => n + x, 0)).toBe(1);
    expect(await a.estimateChecks.list({ from: "2026-11-26", to: "2026-11-26" })).toHaveLength(1);
  });

  it("refuses a record without a calendar date or a model, with one clear line", async () => {
    const store = await openOn(await backend.fresh());
    await expect(store.estimateChecks.record([check("27/11/2026", "gpt-4o", "1", "1")])).rejects.toThrow(/YYYY-MM-DD date and a model/);
  });
});
