import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSlackSchedulerNotifier } from "../../src/adapters/slack/notifier.js";
import { deliver } from "../../src/schedule/deliver.js";
import type { ScheduledJob } from "../../src/schedule/jobs.js";
import { type Backend, postgresBackend, sqliteBackend } from "../store/backends.js";
import { harness, TOKEN, type Harness } from "./harness.js";

const backends: [string, Backend][] = [
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
];

describe.each(backends)("scheduler on %s", (_name, backend) => {
  let h: Harness;
  afterEach(() => h?.close());
  afterAll(() => backend.cleanup());
  const at = async (iso: string, s = h.scheduler()) => (h.clock.set(iso), s.tick());

  it("sends each channel its digest at its own local time, once, in every zone", async () => {
    h = await harness(backend);
    await h.channel("CBER", { cadence: "daily", time: "09:00", tz: "Europe/Berlin" });
    await h.channel("CNYC", { cadence: "daily", time: "09:00", tz: "America/New_York" });
    await h.channel("CUTC", { cadence: "daily", time: "09:00", tz: "UTC" });
    await h.channel("CWEEK", { cadence: "weekly", weekday: 4, time: "08:30", tz: "Europe/Berlin" });
    const s = h.scheduler();
    await at("2025-11-27T07:29:00Z", s);
    expect(h.proxy.posted).toEqual([]);
    await at("2025-11-27T07:30:00Z", s);
    await at("2025-11-27T08:00:00Z", s);
    await at("2025-11-27T08:00:30Z", s);
    expect(h.proxy.posted.map((p) => p.channel)).toEqual(["CWEEK", "CBER"]);
    await at("2025-11-27T09:00:00Z", s);
    await at("2025-11-27T13:59:30Z", s);
    expect(h.postsPer()).toEqual({ CWEEK: 1, CBER: 1, CUTC: 1 });
    await at("2025-11-27T14:00:00Z", s);
    await at("2025-11-27T20:00:00Z", s);
    expect(h.postsPer()).toEqual({ CWEEK: 1, CBER: 1, CUTC: 1, CNYC: 1 });
    expect(h.proxy.posted.find((p) => p.channel === "CBER")!.text).toMatch(/^Daily AI spend digest · Wed 26 Nov 2025: \$[\d,.]+ yesterday/);
    expect(h.proxy.posted.find((p) => p.channel === "CWEEK")!.text).toMatch(/^Weekly AI spend digest · Wed 26 Nov 2025/);
    const sent = await h.store.deliveries.list({ prefix: "digest:", status: "sent" });
    expect(sent).toHaveLength(4);
    // Each sent digest keeps the daily figures it showed, for the next one's restatement notes.
    expect(Object.keys(JSON.parse(sent[0].detail!).days)).toEqual([
      "2025-11-19",
      "2025-11-20",
      "2025-11-21",
      "2025-11-22",
      "2025-11-23",
      "2025-11-24",
      "2025-11-25",
      "2025-11-26",
    ]);
  });

  it.each([
    ["Europe/Berlin", "2025-10-25T07:00:00Z", "2025-10-26T07:00:00Z", "2025-10-26T08:00:00Z"],
    ["America/New_York", "2025-11-01T13:00:00Z", "2025-11-02T13:00:00Z", "2025-11-02T14:00:00Z"],
  ])("keeps 09:00 local in %s across the DST change", async (tz, before, sameUtcHour, after) => {
    h = await harness(backend, before);
    await h.channel("CDST", { cadence: "daily", time: "09:00", tz });
    const s = h.scheduler();
    await at(before, s);
    expect(h.postsPer()).toEqual({ CDST: 1 });
    // The same UTC hour the next day is 08:00 local once clocks went back: not yet.
    await at(sameUtcHour, s);
    await at(new Date(Date.parse(after) - 60_000).toISOString(), s);
    expect(h.postsPer()).toEqual({ CDST: 1 });
    await at(after, s);
    expect(h.postsPer()).toEqual({ CDST: 2 });
    const keys = (await h.store.deliveries.list({ prefix: "digest:" })).map((d) => d.key.slice(-10));
    expect(keys).toEqual([before.slice(0, 10), after.slice(0, 10)]);
  });

  it("sends a digest missed during downtime late on the same local day", async () => {
    h = await harness(backend);
    await h.channel("CLATE", { cadence: "daily", time: "09:00", tz: "Europe/Berlin" });
    await at("2025-11-27T16:45:00Z");
    expect(h.postsPer()).toEqual({ CLATE: 1 });
  });

  it("skips and logs a digest missed on an earlier local day, then sends today's on time", async () => {
    h = await harness(backend);
    const id = await h.channel("CSKIP", { cadence: "daily", time: "09:00", tz: "Europe/Berlin" });
    const s = h.scheduler();
    await at("2025-11-28T06:00:00Z", s);
    expect(h.proxy.posted).toEqual([]);
    const skipped = await h.store.deliveries.get(`digest:${id}:2025-11-27`);
    expect(skipped).toMatchObject({ status: "skipped" });
    expect(skipped!.detail).toMatch(/missed: due 2025-11-27T08:00:00.000Z/);
    expect(h.logs.some((l) => l.msg === "digest missed during downtime; skipped" && l.key === `digest:${id}:2025-11-27`)).toBe(true);
    await at("2025-11-28T08:00:00Z", s);
    expect(h.postsPer()).toEqual({ CSKIP: 1 });
  });

  it("does not send a digest set after today's time until its next occurrence", async () => {
    h = await harness(backend);
    await h.channel("CNEW", { cadence: "daily", time: "09:00", tz: "UTC" }, "2025-11-27T10:00:00Z");
    await at("2025-11-27T10:00:30Z");
    await at("2025-11-27T23:59:00Z");
    expect(h.proxy.posted).toEqual([]);
    await at("2025-11-28T09:00:00Z");
    expect(h.postsPer()).toEqual({ CNEW: 1 });
  });

  it("waits out Slack's Retry-After during fan-out and still sends each channel exactly one", async () => {
    h = await harness(backend);
    for (const c of ["C1", "C2", "C3", "C4", "C5"]) await h.channel(c, { cadence: "daily", time: "09:00", tz: "UTC" });
    h.proxy.rateLimit = (n) => (n === 2 || n === 3 ? 3 : undefined);
    const sleeps: number[] = [];
    await at("2025-11-27T09:00:00Z", h.scheduler({ sleep: async (ms) => void sleeps.push(ms) }));
    expect(h.proxy.throttled).toBe(2);
    expect(h.postsPer()).toEqual({ C1: 1, C2: 1, C3: 1, C4: 1, C5: 1 });
    expect(sleeps.filter((ms) => ms >= 3000)).toHaveLength(2);
  });

  it("disables a removed channel with a log line and keeps sending the others", async () => {
    h = await harness(backend);
    await h.channel("C1", { cadence: "daily", time: "09:00", tz: "UTC" });
    const gone = await h.channel("CGONE1", { cadence: "daily", time: "09:00", tz: "UTC" });
    await h.channel("C3", { cadence: "daily", time: "09:00", tz: "UTC" });
    const s = h.scheduler();
    await at("2025-11-27T09:00:00Z", s);
    expect(h.postsPer()).toEqual({ C1: 1, C3: 1 });
    expect((await h.store.getTarget(gone))!.disabled).toBe("channel_not_found");
    expect(h.logs.some((l) => l.msg === "target disabled" && l.reason === "channel_not_found")).toBe(true);
    await at("2025-11-28T09:00:00Z", s);
    expect(h.postsPer()).toEqual({ C1: 2, C3: 2 });
    expect(await h.store.deliveries.get(`digest:${gone}:2025-11-28`)).toBeUndefined();
  });

  it("retries a transient failure in a later pass, the same local day", async () => {
    h = await harness(backend);
    const id = await h.channel("CBUSY", { cadence: "daily", time: "09:00", tz: "UTC" });
    h.proxy.rateLimit = () => 1;
    const s = h.scheduler({ retry: { olderThanMs: 60_000 }, retryEveryMs: 0 });
    await at("2025-11-27T09:00:00Z", s);
    expect(await h.store.deliveries.get(`digest:${id}:2025-11-27`)).toMatchObject({ status: "failed", transient: true });
    h.proxy.rateLimit = undefined;
    await at("2025-11-27T09:00:30Z", s);
    expect(h.proxy.posted).toEqual([]);
    await at("2025-11-27T09:02:00Z", s);
    expect(h.postsPer()).toEqual({ CBUSY: 1 });
    expect(await h.store.deliveries.get(`digest:${id}:2025-11-27`)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("resends an abandoned claim only when the channel does not already show it", async () => {
    h = await harness(backend);
    const posted = await h.channel("CPOSTED", { cadence: "daily", time: "09:00", tz: "UTC" });
    const lost = await h.channel("CLOST", { cadence: "daily", time: "09:00", tz: "UTC" });
    h.clock.set("2025-11-27T09:00:00Z");
    // A first instance claims both, posts one, and dies before recording either outcome.
    const dead = await h.openAnother();
    const notifier = createSlackSchedulerNotifier({ botToken: TOKEN, apiUrl: h.proxy.apiUrl, logger: h.logger });
    const hang = { send: async () => new Promise<void>(() => {}) };
    void deliver(
      `digest:${lost}:2025-11-27`,
      (await dead.getTarget(lost))!,
      { kind: "error", message: "x" },
      { store: dead, notifiers: { slack: hang }, logger: h.logger },
    );
    const first = await import("../../src/digests/figures.js");
    const base = await first.buildDigestBase({
      costSource: (await import("../../src/cost/sources/demo.js")).createDemoCostSource({ clock: () => h.clock.now }),
      cadence: "daily",
      date: "2025-11-27",
      tz: "UTC",
    });
    await dead.deliveries.claim(`digest:${posted}:2025-11-27`, { targetId: posted });
    await notifier.send((await dead.getTarget(posted))!, first.digestFor(base, []).report);
    expect(h.postsPer()).toEqual({ CPOSTED: 1 });
    const s = h.scheduler({ retry: { olderThanMs: 5 * 60_000 }, retryEveryMs: 0 });
    await at("2025-11-27T09:01:00Z", s);
    expect(h.postsPer()).toEqual({ CPOSTED: 1 });
    await at("2025-11-27T09:06:00Z", s);
    expect(h.postsPer()).toEqual({ CPOSTED: 1, CLOST: 1 });
    expect(await h.store.deliveries.get(`digest:${posted}:2025-11-27`)).toMatchObject({ status: "sent" });
    expect(h.logs.some((l) => l.msg === "already delivered before a restart; not sent again")).toBe(true);
  });

  it("runs registered jobs at their interval and survives one that throws", async () => {
    h = await harness(backend);
    await h.channel("CJOB", { cadence: "daily", time: "09:00", tz: "UTC" });
    const runs: string[] = [];
    const jobs: ScheduledJob[] = [
      { name: "budgets", everyMs: 60_000, run: async (now) => void runs.push(now.toISOString()) },
      {
        name: "broken",
        everyMs: 1,
        run: async () => {
          throw new Error("boom");
        },
      },
    ];
    const s = h.scheduler({ jobs });
    await at("2025-11-27T09:00:00Z", s);
    await at("2025-11-27T09:00:30Z", s);
    await at("2025-11-27T09:01:00Z", s);
    expect(runs).toEqual(["2025-11-27T09:00:00.000Z", "2025-11-27T09:01:00.000Z"]);
    expect(h.postsPer()).toEqual({ CJOB: 1 });
    expect(h.logs.filter((l) => l.job === "broken")).toHaveLength(3);
  });

  it("sends no duplicates when two instances tick at the same moment", async () => {
    h = await harness(backend);
    for (let i = 0; i < 30; i++) await h.channel(`CPAR${i}`, { cadence: "daily", time: "09:00", tz: i % 2 ? "UTC" : "Europe/London" });
    const other = await h.openAnother();
    const a = h.scheduler();
    const b = h.scheduler({ store: other });
    h.clock.set("2025-11-27T09:00:00Z");
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect(Object.values(h.postsPer()).every((n) => n === 1)).toBe(true);
    expect(Object.keys(h.postsPer())).toHaveLength(30);
    expect((ra.results.sent ?? 0) + (rb.results.sent ?? 0)).toBe(30);
  });
});
