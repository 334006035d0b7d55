import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseAmount } from "../../src/cost/money.js";
import { migrations } from "../../src/store/migrations.js";
import { createDriver, openStore } from "../../src/store/open.js";
import type { BudgetInput, Store, StoreOptions } from "../../src/store/types.js";
import { type Backend, postgresBackend, sqliteBackend } from "./backends.js";

const backends: [string, Backend][] = [
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
];

describe.each(backends)("store on %s", (dialect, backend) => {
  const open: Store[] = [];
  let clockAt = new Date("2025-11-27T08:00:00Z");
  const clock = () => clockAt;
  const openOn = async (url: string, opts: StoreOptions = {}) => {
    const s = await openStore(url, { clock, ...opts });
    open.push(s);
    return s;
  };
  const fresh = async (opts: StoreOptions = {}) => openOn(await backend.fresh(), opts);
  const budget = (targetId: string, over: Partial<BudgetInput> = {}): BudgetInput => ({
    name: "monthly",
    targetId,
    amount: parseAmount("5000")!,
    period: "monthly",
    thresholds: [50, 80, 100],
    createdBy: "U1",
    ...over,
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    clockAt = new Date("2025-11-27T08:00:00Z");
  });
  afterAll(() => backend.cleanup());

  describe("migrations", () => {
    it("applies each migration once, however often the database is opened", async () => {
      const url = await backend.fresh();
      const driver = createDriver(url);
      expect(await driver.migrate(migrations)).toEqual([1, 2, 3, 4]);
      expect(await driver.migrate(migrations)).toEqual([]);
      expect((await driver.all("SELECT version FROM schema_migrations ORDER BY version")).map((r) => Number(r.version))).toEqual([1, 2, 3, 4]);
      await driver.close();

      const first = await openOn(url);
      expect(first.dialect).toBe(dialect);
      const t = await first.upsertTarget({ platform: "slack", address: "C1" });
      await first.close();
      const second = await openOn(url);
      expect((await second.getTarget(t.id))?.address).toBe("C1");
    });

    it("applies a migration exactly once when two instances open the same database at once", async () => {
      const url = await backend.fresh();
      const drivers = [createDriver(url), createDriver(url), createDriver(url)];
      const applied = await Promise.all(drivers.map((d) => d.migrate(migrations)));
      expect(applied.flat().sort()).toEqual([1, 2, 3, 4]);
      await Promise.all(drivers.map((d) => d.close()));
    });

    it("gives existing Teams conversations the locale their stored reference carries", async () => {
      const url = await backend.fresh();
      const driver = createDriver(url);
      await driver.migrate(migrations.filter((m) => m.version < 4));
      const insert = "INSERT INTO targets (id, platform, address, reference, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)";
      await driver.run(insert, ["t1", "teams", "19:a", JSON.stringify({ locale: "en-US", serviceUrl: "https://smba.example/" })]);
      await driver.run(insert, ["t2", "teams", "19:b", JSON.stringify({ locale: 7 })]);
      await driver.run(insert, ["t3", "teams", "19:c", null]);
      await driver.run(insert, ["t4", "slack", "C1", JSON.stringify({ locale: "de-DE" })]);
      expect(await driver.migrate(migrations)).toEqual([4]);
      const rows = await driver.all("SELECT id, locale FROM targets ORDER BY id");
      expect(rows.map((r) => [r.id, r.locale])).toEqual([
        ["t1", "en-US"],
        ["t2", null],
        ["t3", null],
        ["t4", null],
      ]);
      await driver.close();
    });

    it("rolls back a failing migration whole and keeps the ones before it", async () => {
      const url = await backend.fresh();
      const driver = createDriver(url);
      const broken = {
        version: 99,
        name: "broken",
        sql: {
          sqlite: "CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;",
          postgres: "CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;",
        },
      };
      await expect(driver.migrate([...migrations, broken])).rejects.toThrow(/missing_table/);
      expect((await driver.all("SELECT version FROM schema_migrations ORDER BY version")).map((r) => Number(r.version))).toEqual([1, 2, 3, 4]);
      await expect(driver.all("SELECT * FROM half")).rejects.toThrow(/half/);
      await driver.close();
    });
  });

  describe("targets", () => {
    it("upserts by platform and address, keeping the id and what was not given", async () => {
      const s = await fresh();
      const a = await s.upsertTarget({ platform: "slack", address: "C1", reference: { teamId: "T1" }, tz: "Europe/Berlin" });
      clockAt = new Date("2025-11-28T08:00:00Z");
      const b = await s.upsertTarget({ platform: "slack", address: "C1", meta: { name: "#finops" } });
      expect(b).toMatchObject({ id: a.id, reference: { teamId: "T1" }, tz: "Europe/Berlin", meta: { name: "#finops" } });
      expect(b.createdAt).toEqual(a.createdAt);
      expect(b.updatedAt).toEqual(clockAt);
      const other = await s.upsertTarget({ platform: "teams", address: "C1" });
      expect(other.id).not.toBe(a.id);
      expect((await s.findTarget("slack", "C1"))?.id).toBe(a.id);
      expect(await s.findTarget("slack", "C2")).toBeUndefined();
      expect((await s.listTargets({ platform: "teams" })).map((t) => t.id)).toEqual([other.id]);
    });

    it("refuses an unknown time zone and stores the canonical name of a known one", async () => {
      const s = await fresh();
      await expect(s.upsertTarget({ platform: "slack", address: "C1", tz: "Mars/Phobos" })).rejects.toMatchObject({ code: "BAD_INPUT" });
      expect((await s.upsertTarget({ platform: "slack", address: "C1", tz: "utc" })).tz).toBe("UTC");
    });

    it("keeps a channel's locale, canonical, until a later one replaces it, and refuses one Intl does not know", async () => {
      const s = await fresh();
      const plain = await s.upsertTarget({ platform: "slack", address: "C1" });
      expect(plain.locale).toBeUndefined();
      const a = await s.upsertTarget({ platform: "slack", address: "C1", locale: "en_US" });
      expect(a).toMatchObject({ id: plain.id, locale: "en-US" });
      expect((await s.upsertTarget({ platform: "slack", address: "C1", tz: "UTC" })).locale).toBe("en-US");
      expect((await s.getTarget(a.id))?.locale).toBe("en-US");
      expect((await s.findTarget("slack", "C1"))?.locale).toBe("en-US");
      expect((await s.upsertTarget({ platform: "slack", address: "C1", locale: "de-DE" })).locale).toBe("de-DE");
      expect((await s.listTargets()).map((t) => t.locale)).toEqual(["de-DE"]);
      await expect(s.upsertTarget({ platform: "slack", address: "C1", locale: "not a locale!" })).rejects.toMatchObject({ code: "BAD_INPUT" });
      expect((await s.findTarget("slack", "C1"))?.locale).toBe("de-DE");
    });

    it("hides a disabled target and everything routed to it, with the reason kept, until it is seen again", async () => {
      const s = await fresh();
      const live = await s.upsertTarget({ platform: "slack", address: "C1" });
      const gone = await s.upsertTarget({ platform: "slack", address: "C2" });
      for (const t of [live, gone]) {
        await s.setDigest({ targetId: t.id, cadence: "daily", time: "09:00", tz: "UTC", createdBy: "U1" });
        await s.createBudget(budget(t.id));
        await s.setAlertRoute({ targetId: t.id, createdBy: "U1" });
      }
      expect(await s.disableTarget(gone.id, "channel_not_found")).toBe(true);
      expect(await s.disableTarget("no-such-id", "x")).toBe(false);

      expect((await s.listTargets()).map((t) => t.id)).toEqual([live.id]);
      expect((await s.listTargets({ includeDisabled: true })).find((t) => t.id === gone.id)?.disabled).toBe("channel_not_found");
      expect((await s.listDigests()).map((d) => d.targetId)).toEqual([live.id]);
      expect((await s.listBudgets()).map((b) => b.targetId)).toEqual([live.id]);
      expect((await s.listAlertRoutes()).map((r) => r.targetId)).toEqual([live.id]);
      expect(await s.listDigests({ includeDisabled: true })).toHaveLength(2);

      const back = await s.upsertTarget({ platform: "slack", address: "C2" });
      expect(back.disabled).toBeUndefined();
      expect(await s.listDigests()).toHaveLength(2);
    });

    it("keeps Teams conversation references as the Teams adapter hands them over", async () => {
      const s = await fresh();
      const reference = {
        bot: { id: "28:bot" },
        conversation: { id: "19:abc@thread.tacv2", tenantId: "t-1" },
        serviceUrl: "https://smba.example/emea/",
      };
      const conversation = {
        id: "19:abc@thread.tacv2",
        serviceUrl: "https://smba.example/emea/",
        tenantId: "t-1",
        conversationType: "channel",
        reference,
        updatedAt: "x",
      };
      await s.saveConversation(conversation);
      expect(await s.getConversation(conversation.id)).toEqual({ ...conversation, updatedAt: clockAt.toISOString() });
      expect((await s.findTarget("teams", conversation.id))?.locale).toBeUndefined();
      // The activity's locale in the reference is the conversation's date style.
      await s.saveConversation({ ...conversation, reference: { ...reference, locale: "en-US" } });
      expect((await s.findTarget("teams", conversation.id))?.locale).toBe("en-US");
      await s.saveConversation(conversation);
      expect((await s.findTarget("teams", conversation.id))?.reference).toEqual(reference);
      await s.saveConversation({ ...conversation, serviceUrl: "https://smba.example/amer/" });
      expect((await s.listConversations()).map((c) => c.serviceUrl)).toEqual(["https://smba.example/amer/"]);
      expect(await s.getConversation("19:other")).toBeUndefined();
    });
  });

  describe("digests", () => {
    it("sets, replaces, shows and removes one digest per target", async () => {
      const s = await fresh();
      const t = await s.upsertTarget({ platform: "slack", address: "C1" });
      const daily = await s.setDigest({ targetId: t.id, cadence: "daily", time: "9:00", tz: "Europe/Berlin", createdBy: "U1" });
      expect(daily).toEqual({ targetId: t.id, cadence: "daily", time: "09:00", tz: "Europe/Berlin", createdBy: "U1", createdAt: clockAt });
      await s.setDigest({ targetId: t.id, cadence: "weekly", weekday: 1, time: "08:30", tz: "America/New_York", createdBy: "U2" });
      expect(await s.getDigest(t.id)).toMatchObject({ cadence: "weekly", weekday: 1, time: "08:30", tz: "America/New_York", createdBy: "U2" });
      expect(await s.listDigests()).toHaveLength(1);
      expect(await s.removeDigest(t.id)).toBe(true);
      expect(await s.removeDigest(t.id)).toBe(false);
      expect(await s.getDigest(t.id)).toBeUndefined();
    });

    it.each([
      [{ time: "25:00" }, /time of day/],
      [{ time: "9am" }, /time of day/],
      [{ tz: "Nowhere/City" }, /time zone/],
      [{ cadence: "weekly" as const }, /weekday/],
      [{ weekday: 3 }, /daily digest has no weekday/],
      [{ cadence: "weekly" as const, weekday: 8 }, /weekday/],
    ])("refuses %j", async (over, message) => {
      const s = await fresh();
      const t = await s.upsertTarget({ platform: "slack", address: "C1" });
      const input = { targetId: t.id, cadence: "daily" as const, time: "09:00", tz: "UTC", createdBy: "U1", ...over };
      await expect(s.setDigest(input)).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(message) });
    });

    it("says which target is missing instead of a database error", async () => {
      const s = await fresh();
      await expect(s.setDigest({ targetId: "nope", cadence: "daily", time: "09:00", tz: "UTC", createdBy: "U1" })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: expect.stringContaining("nope"),
      });
    });
  });

  describe("budgets", () => {
    it("keeps amounts exact to the last of twelve decimals", async () => {
      const s = await fresh();
      const t = await s.upsertTarget({ platform: "slack", address: "C1" });
      const amounts = ["0.1", "1234.567890123456", "99999999999999.999999999999", "5000"];
      for (const [i, a] of amounts.entries()) await s.createBudget(budget(t.id, { name: `b${i}`, amount: parseAmount(a)! }));
      const stored = await s.listBudgets({ targetId: t.id });
      expect(stored.map((b) => b.amount)).toEqual(amounts.map((a) => parseAmount(a)));
      expect(stored[2].amount).toBe(99999999999999999999999999n);
    });

    it("creates, lists by target and in all, and removes by name in any case", async () => {
      const s = await fresh();
      const a = await s.upsertTarget({ platform: "slack", address: "C1" });
      const b = await s.upsertTarget({ platform: "teams", address: "19:x" });
      const made = await s.createBudget(
        budget(a.id, { name: "GPT-4o weekly", period: "weekly", model: "GPT-4o", channel: "microsoft", thresholds: [100, 50, 80, 80] }),
      );
      expect(made).toEqual({
        ...budget(a.id),
        id: made.id,
        name: "GPT-4o weekly",
        period: "weekly",
        model: "gpt-4o",
        channel: "microsoft",
        thresholds: [50, 80, 100],
        createdAt: clockAt,
      });
      expect(await s.getBudget(made.id)).toEqual(made);
      await s.createBudget(budget(b.id));
      expect((await s.listBudgets({ targetId: a.id })).map((x) => x.name)).toEqual(["GPT-4o weekly"]);
      expect(await s.listBudgets()).toHaveLength(2);
      expect(await s.removeBudget(a.id, "gpt-4o WEEKLY")).toBe(true);
      expect(await s.removeBudget(a.id, "gpt-4o weekly")).toBe(false);
      expect(await s.listBudgets({ targetId: a.id })).toEqual([]);
    });

    it("refuses a second budget of the same name on a target unless told to replace it", async () => {
      const s = await fresh();
      const t = await s.upsertTarget({ platform: "slack", address: "C1" });
      const other = await s.upsertTarget({ platform: "slack", address: "C2" });
      const first = await s.createBudget(budget(t.id, { name: "Marketplace" }));
      await expect(s.createBudget(budget(t.id, { name: "marketplace" }))).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(s.createBudget(budget(other.id, { name: "marketplace" }))).resolves.toMatchObject({ targetId: other.id });
      const replaced = await s.createBudget(budget(t.id, { name: "marketplace", amount: parseAmount("1200")! }), { replace: true });
      expect(replaced.id).not.toBe(first.id);
      expect(await s.getBudget(first.id)).toBeUndefined();
      expect((await s.listBudgets({ targetId: t.id })).map((b) => [b.name, b.amount])).toEqual([["marketplace", parseAmount("1200")]]);
    });

    it.each([
      [{ amount: 0n }, /more than zero/],
      [{ amount: -5n }, /more than zero/],
      [{ name: "  " }, /name/],
      [{ thresholds: [] }, /thresholds/],
      [{ thresholds: [50, Number.NaN] }, /thresholds/],
      [{ period: "yearly" as "monthly" }, /period/],
      [{ channel: "azure" as "microsoft" }, /channel/],
    ])("refuses %s", async (over, message) => {
      const s = await fresh();
      const t = await s.upsertTarget({ platform: "slack", address: "C1" });
      await expect(s.createBudget(budget(t.id, over))).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(message) });
    });

    it("refuses a budget for a target that does not exist", async () => {
      const s = await fresh();
      await expect(s.createBudget(budget("nope"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("alert routes", () => {
    it("routes every scope by default, once, and removes one scope or all", async () => {
      const s = await fresh();
      const t = await s.upsertTarget({ platform: "slack", address: "C1" });
      const u = await s.upsertTarget({ platform: "slack", address: "C2" });
      expect(await s.setAlertRoute({ targetId: t.id, createdBy: "U1" })).toEqual({ targetId: t.id, scope: "*", createdBy: "U1", createdAt: clockAt });
      await s.setAlertRoute({ targetId: t.id, createdBy: "U2" });
      await s.setAlertRoute({ targetId: t.id, scope: "/subscriptions/s1/resourceGroups/ai", createdBy: "U1" });
      await s.setAlertRoute({ targetId: u.id, createdBy: "U1" });
      expect((await s.listAlertRoutes({ targetId: t.id })).map((r) => [r.scope, r.createdBy]).sort()).toEqual(
        [
          ["*", "U2"],
          ["/subscriptions/s1/resourceGroups/ai", "U1"],
        ].sort(),
      );
      expect(await s.removeAlertRoute(t.id, "*")).toBe(true);
      expect((await s.listAlertRoutes({ targetId: t.id })).map((r) => r.scope)).toEqual(["/subscriptions/s1/resourceGroups/ai"]);
      expect(await s.removeAlertRoute(t.id)).toBe(true);
      expect(await s.removeAlertRoute(t.id)).toBe(false);
      expect((await s.listAlertRoutes()).map((r) => r.targetId)).toEqual([u.id]);
      await expect(s.setAlertRoute({ targetId: "nope", createdBy: "U1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("delivery log", () => {
    it("claims a key once and records its outcome", async () => {
      const s = await fresh({ instanceId: "a" });
      expect(await s.deliveries.claim("digest:t1:2025-11-27", { targetId: "t1" })).toBe(true);
      expect(await s.deliveries.claim("digest:t1:2025-11-27")).toBe(false);
      expect(await s.deliveries.get("digest:t1:2025-11-27")).toEqual({
        key: "digest:t1:2025-11-27",
        targetId: "t1",
        status: "claimed",
        attempts: 1,
        transient: false,
        claimedAt: clockAt,
        claimedBy: "a",
      });
      clockAt = new Date("2025-11-27T08:00:02Z");
      expect(await s.deliveries.complete("digest:t1:2025-11-27", "sent", { detail: "ts=1732694400.0001" })).toBe(true);
      expect(await s.deliveries.get("digest:t1:2025-11-27")).toMatchObject({ status: "sent", completedAt: clockAt, detail: "ts=1732694400.0001" });
      expect(await s.deliveries.complete("digest:t1:2025-11-27", "failed")).toBe(false);
      expect(await s.deliveries.claim("digest:t1:2025-11-27")).toBe(false);
      expect(await s.deliveries.get("digest:t1:2025-11-28")).toBeUndefined();
      expect(await s.deliveries.complete("never-claimed", "sent")).toBe(false);
    });

    it("gives exactly one of 20 concurrent claims across two instances the key", async () => {
      const url = await backend.fresh();
      const [a, b] = [await openOn(url, { instanceId: "a" }), await openOn(url, { instanceId: "b" })];
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).deliveries.claim("budget:b1:2025-11:80")));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.findIndex(Boolean) % 2 ? "a" : "b";
      expect((await a.deliveries.get("budget:b1:2025-11:80"))?.claimedBy).toBe(winner);
      const distinct = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).deliveries.claim(`spike:gpt-4o:${i}`)));
      expect(distinct.every(Boolean)).toBe(true);
    });

    it("lists a claim nobody completed once it is stale, and lets one instance take it over", async () => {
      const url = await backend.fresh();
      const [a, b] = [await openOn(url, { instanceId: "a" }), await openOn(url, { instanceId: "b" })];
      await a.deliveries.claim("digest:t1:2025-11-27", { targetId: "t1" });
      await a.deliveries.claim("digest:t2:2025-11-27");
      await a.deliveries.complete("digest:t2:2025-11-27", "sent");
      expect(await b.deliveries.retryable({ olderThanMs: 60_000 })).toEqual([]);
      expect(await b.deliveries.reclaim("digest:t1:2025-11-27", { olderThanMs: 60_000 })).toBe(false);

      clockAt = new Date("2025-11-27T08:01:01Z");
      expect((await b.deliveries.retryable({ olderThanMs: 60_000 })).map((d) => [d.key, d.status, d.claimedBy])).toEqual([
        ["digest:t1:2025-11-27", "claimed", "a"],
      ]);
      const takers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).deliveries.reclaim("digest:t1:2025-11-27", { olderThanMs: 60_000 })),
      );
      expect(takers.filter(Boolean)).toHaveLength(1);
      const holder = takers.findIndex(Boolean) % 2 ? a : b;
      const loser = holder === a ? b : a;
      expect(await holder.deliveries.get("digest:t1:2025-11-27")).toMatchObject({ status: "claimed", attempts: 2, claimedAt: clockAt });
      expect(await b.deliveries.retryable({ olderThanMs: 60_000 })).toEqual([]);
      expect(await loser.deliveries.complete("digest:t1:2025-11-27", "sent")).toBe(false);
      expect(await holder.deliveries.complete("digest:t1:2025-11-27", "sent")).toBe(true);
    });

    it("retries transient failures after a quiet period and never final outcomes", async () => {
      const s = await fresh({ instanceId: "a" });
      for (const k of ["k-transient", "k-failed", "k-skipped"]) await s.deliveries.claim(k);
      await s.deliveries.complete("k-transient", "failed", { transient: true, detail: "HTTP 503" });
      await s.deliveries.complete("k-failed", "failed", { detail: "channel_not_found" });
      await s.deliveries.complete("k-skipped", "skipped", { detail: "missed local day" });
      expect(await s.deliveries.retryable({ olderThanMs: 30_000 })).toEqual([]);
      clockAt = new Date("2025-11-27T08:00:31Z");
      const due = await s.deliveries.retryable({ olderThanMs: 30_000 });
      expect(due.map((d) => [d.key, d.transient, d.detail])).toEqual([["k-transient", true, "HTTP 503"]]);
      expect(await s.deliveries.reclaim("k-failed", { olderThanMs: 0 })).toBe(false);
      expect(await s.deliveries.reclaim("k-skipped", { olderThanMs: 0 })).toBe(false);
      expect(await s.deliveries.reclaim("k-transient", { olderThanMs: 30_000 })).toBe(true);
      expect(await s.deliveries.get("k-transient")).toMatchObject({ status: "claimed", attempts: 2, transient: false });
      expect(await s.deliveries.get("k-transient").then((d) => d?.completedAt)).toBeUndefined();
    });

    it("limits the retry list and lists the log by key prefix and status", async () => {
      const s = await fresh();
      for (const k of ["digest:b", "digest:a", "digest_x", "budget:1"]) await s.deliveries.claim(k);
      clockAt = new Date("2025-11-27T09:00:00Z");
      expect(await s.deliveries.retryable({ olderThanMs: 1000, limit: 2 })).toHaveLength(2);
      expect((await s.deliveries.list({ prefix: "digest:" })).map((d) => d.key)).toEqual(["digest:a", "digest:b"]);
      expect(await s.deliveries.list({ prefix: "DIGEST:" })).toEqual([]);
      await s.deliveries.complete("budget:1", "sent");
      expect((await s.deliveries.list({ status: "sent" })).map((d) => d.key)).toEqual(["budget:1"]);
      expect(await s.deliveries.list()).toHaveLength(4);
    });
  });

  describe("budget marks", () => {
    it("lets exactly one of many concurrent callers on two instances raise a mark, and never lowers it", async () => {
      const url = await backend.fresh();
      const [a, b] = [await openOn(url), await openOn(url)];
      const mark = { budgetId: "B1", kind: "actual" as const, period: "2025-11" };
      const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).budgetMarks.raise({ ...mark, threshold: 100 })));
      expect(tries.filter((t) => t.raised)).toEqual([{ raised: true }]);
      expect(await a.budgetMarks.raise({ ...mark, threshold: 80 })).toEqual({ raised: false });
      expect(await a.budgetMarks.raise({ ...mark, threshold: 100 })).toEqual({ raised: false });
      expect(await b.budgetMarks.get(mark)).toBe(100);
      // Another period, kind or budget starts from nothing; a higher threshold reports what it replaced.
      expect(await a.budgetMarks.raise({ ...mark, period: "2025-12", threshold: 50 })).toEqual({ raised: true });
      expect(await a.budgetMarks.raise({ ...mark, period: "2025-12", threshold: 87.5 })).toEqual({ raised: true, previous: 50 });
      expect(await a.budgetMarks.raise({ ...mark, kind: "forecast", threshold: 80 })).toEqual({ raised: true });
    });
  });

  describe("inbound de-duplication", () => {
    it("answers true for exactly one of many concurrent callers on two instances, again only after the TTL", async () => {
      const url = await backend.fresh();
      const [a, b] = [await openOn(url), await openOn(url)];
      const seen = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).inbound.firstTime("slack:event:Ev1", { ttlMs: 600_000 })));
      expect(seen.filter(Boolean)).toHaveLength(1);
      expect(await b.inbound.firstTime("slack:event:Ev2", { ttlMs: 600_000 })).toBe(true);
      clockAt = new Date(clockAt.getTime() + 599_999);
      expect(await a.inbound.firstTime("slack:event:Ev1", { ttlMs: 600_000 })).toBe(false);
      clockAt = new Date(clockAt.getTime() + 600_001);
      expect(await a.inbound.firstTime("slack:event:Ev1", { ttlMs: 600_000 })).toBe(true);
      // Forgetting is for the instance that recorded the key (its handling failed before the ack).
      await b.inbound.forget("slack:event:Ev1");
      expect(await b.inbound.firstTime("slack:event:Ev1", { ttlMs: 600_000 })).toBe(false);
      await a.inbound.forget("slack:event:Ev1");
      expect(await b.inbound.firstTime("slack:event:Ev1", { ttlMs: 600_000 })).toBe(true);
    });
  });
});
