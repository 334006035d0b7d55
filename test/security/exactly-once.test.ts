// Exactly once under faults, through the real store (SQLite and PostgreSQL), the real scheduler and
// budget job, and the real Slack and Teams notifiers talking to the fakes, which count the posts.
// Faults: the store failing the record after a send, PostgreSQL killing the connection mid-record,
// an instance dying between send and record, and two instances racing on one budget.
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { postgresBackend, sqliteBackend, type Backend } from "../store/backends.js";
import { afterSend, rig, type Rig } from "./alert-rig.js";

const EXCEEDED_LINE = /^Budget "monthly" exceeded: /;

/** The store with `complete(..., "sent")` failing its first `n` calls, as a database hiccup would. */
function failingRecords(store: Store, n: number): Store & { failed: () => number } {
  let failed = 0;
  const deliveries = {
    ...store.deliveries,
    async complete(...args: Parameters<Store["deliveries"]["complete"]>) {
      if (args[1] === "sent" && failed < n) {
        failed++;
        throw Object.assign(new Error("connection terminated unexpectedly"), { code: "57P01" });
      }
      return store.deliveries.complete(...args);
    },
  };
  return { ...store, deliveries, failed: () => failed };
}

describe.each<[string, Backend]>([
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
])("exactly once on %s", (name, backend) => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });
  afterAll(() => backend.cleanup());

  it("posts a budget alert once when recording the send fails right after it, and records it later", async () => {
    r = await rig(await backend.fresh());
    const store = failingRecords(await r.open(), 5);
    const target = await r.budgetTarget(store, "slack", "CFAULT");
    const a = await r.instance({ store });
    await a.scheduler.tick();
    expect(r.slackPosts()).toEqual({ CFAULT: [expect.stringMatching(EXCEEDED_LINE)] });
    // The send is known to the instance; the database has not heard of its outcome yet.
    const key = (await store.deliveries.list({ prefix: "budget:" })).find((d) => d.key.endsWith(":100"))!.key;
    expect(await store.deliveries.get(key)).toMatchObject({ status: "claimed", sendingAt: expect.any(Date) });
    for (let i = 0; i < 3; i++) await a.scheduler.tick();
    expect(store.failed()).toBe(5);
    expect(await store.deliveries.get(key)).toMatchObject({ status: "sent", targetId: target.id });
    r.clock.now = new Date(r.clock.now.getTime() + 10 * 60_000);
    await a.scheduler.tick();
    expect(r.slackPosts()).toEqual({ CFAULT: [expect.stringMatching(EXCEEDED_LINE)] });
  });

  it.runIf(name === "postgres")("posts once when PostgreSQL terminates the connection while the send is being recorded", async () => {
    const url = new URL(await backend.fresh());
    const app = `costbot_fault_${Date.now()}`;
    url.searchParams.set("application_name", app);
    r = await rig(url.toString());
    const store = await r.open();
    await r.budgetTarget(store, "slack", "CKILLED");
    const admin = new pg.Client({ connectionString: url.toString().replace(app, `${app}_admin`) });
    await admin.connect();
    let killed: Promise<void> | undefined;
    const killDuringRecord = async () => {
      if (killed) return;
      // Hold the delivery row so the record blocks, then terminate the backend that waits on it.
      await admin.query("BEGIN");
      await admin.query("SELECT key FROM deliveries WHERE key LIKE 'budget:%' FOR UPDATE");
      killed = (async () => {
        for (;;) {
          const { rows } = await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [app]);
          if (rows.length) {
            await admin.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
            break;
          }
          await new Promise((res) => setTimeout(res, 5));
        }
        await admin.query("ROLLBACK");
      })();
    };
    try {
      const a = await r.instance({ store, wrap: (n, p) => (p === "slack" ? afterSend(n, killDuringRecord) : n) });
      await a.scheduler.tick();
      await killed;
      await a.scheduler.tick();
      expect(r.slackPosts()).toEqual({ CKILLED: [expect.stringMatching(EXCEEDED_LINE)] });
      const log = await store.deliveries.list({ prefix: "budget:" });
      expect(log.map((d) => d.status).sort()).toEqual(["sent", "skipped", "skipped"]);
    } finally {
      await admin.end();
    }
  });

  it("does not post a Teams alert again after its instance dies between the send and the record", async () => {
    r = await rig(await backend.fresh());
    const { never } = r;
    const first = await r.open();
    await r.budgetTarget(first, "teams", "19:dies@thread.tacv2");
    const a = await r.instance({ store: first, wrap: (n, p) => (p === "teams" ? afterSend(n, never) : n) });
    void a.scheduler.tick();
    await r.connector.waitForCalls(1);
    // Ten minutes later another instance (a restart) runs the budget check and the retry pass.
    r.clock.now = new Date(r.clock.now.getTime() + 10 * 60_000);
    const b = await r.instance();
    await b.scheduler.tick();
    await b.scheduler.tick();
    expect(r.teamsPosts()).toEqual({ "19:dies@thread.tacv2": [expect.stringMatching(EXCEEDED_LINE)] });
    const top = (await b.store.deliveries.list({ prefix: "budget:" })).find((d) => d.key.endsWith(":100"));
    expect(top).toMatchObject({
      status: "failed",
      transient: false,
      detail: expect.stringMatching(/^in doubt: .*teams cannot tell whether it arrived/),
    });
  });

  it("finds a Slack alert its dead instance posted in the channel and records it instead of posting again", async () => {
    r = await rig(await backend.fresh());
    const { never } = r;
    const first = await r.open();
    await r.budgetTarget(first, "slack", "CDIES");
    const a = await r.instance({ store: first, wrap: (n, p) => (p === "slack" ? afterSend(n, never) : n) });
    void a.scheduler.tick();
    await r.slack.waitFor(() => r!.proxy.posted.length === 1);
    r.clock.now = new Date(r.clock.now.getTime() + 10 * 60_000);
    const b = await r.instance();
    await b.scheduler.tick();
    expect(r.slackPosts()).toEqual({ CDIES: [expect.stringMatching(EXCEEDED_LINE)] });
    const top = (await b.store.deliveries.list({ prefix: "budget:" })).find((d) => d.key.endsWith(":100"));
    expect(top).toMatchObject({ status: "sent", detail: "found already posted" });
  });

  it("sends a Teams alert whose instance died after claiming it but before sending", async () => {
    r = await rig(await backend.fresh());
    const { never } = r;
    const first = await r.open();
    await r.budgetTarget(first, "teams", "19:early@thread.tacv2");
    let stalled!: () => void;
    const reached = new Promise<void>((res) => (stalled = res));
    const dying = { ...first, deliveries: { ...first.deliveries, markSending: () => (stalled(), never()) } };
    const a = await r.instance({ store: dying });
    void a.scheduler.tick();
    await reached;
    expect(r.connector.calls).toHaveLength(0);
    r.clock.now = new Date(r.clock.now.getTime() + 10 * 60_000);
    const b = await r.instance();
    await b.scheduler.tick();
    expect(r.teamsPosts()).toEqual({ "19:early@thread.tacv2": [expect.stringMatching(EXCEEDED_LINE)] });
  });

  it("sends nothing on Teams when the claim is lost at the moment of sending", async () => {
    r = await rig(await backend.fresh());
    const first = await r.open();
    await r.budgetTarget(first, "teams", "19:lost@thread.tacv2");
    let asked = 0;
    const losing = { ...first, deliveries: { ...first.deliveries, markSending: async () => (asked++, false) } };
    const a = await r.instance({ store: losing });
    await a.scheduler.tick();
    // Asked once, right before the POST, and nothing went out.
    expect(asked).toBe(1);
    expect(r.connector.calls).toHaveLength(0);
  });

  it("announces only the highest crossed threshold when a second instance checks while the first is still sending", async () => {
    r = await rig(await backend.fresh());
    const store = await r.open();
    await r.budgetTarget(store, "slack", "CRACE");
    let release!: () => void;
    const gate = new Promise<void>((res) => (release = res));
    let sent!: () => void;
    const firstSent = new Promise<void>((res) => (sent = res));
    const a = await r.instance({ store, wrap: (n, p) => (p === "slack" ? afterSend(n, () => (sent(), gate)) : n) });
    const b = await r.instance();
    const ta = a.scheduler.tick();
    await firstSent;
    await b.scheduler.tick();
    release();
    await ta;
    expect(r.slackPosts()).toEqual({ CRACE: [expect.stringMatching(EXCEEDED_LINE)] });
  });

  it("gives each of 30 channels one alert when two instances check at the same moment", async () => {
    r = await rig(await backend.fresh());
    const store = await r.open();
    for (let i = 0; i < 30; i++) await r.budgetTarget(store, "slack", `CPAIR${i}`);
    // After its first post each instance waits until the other has posted too: their checks overlap.
    const posted = new Set<string>();
    let bothPosted!: () => void;
    const overlap = new Promise<void>((res) => (bothPosted = res));
    const meet = (who: string) => () => {
      posted.add(who);
      if (posted.size === 2) bothPosted();
      return overlap;
    };
    const a = await r.instance({ store, wrap: (n, p) => (p === "slack" ? afterSend(n, meet("a")) : n) });
    const b = await r.instance({ wrap: (n, p) => (p === "slack" ? afterSend(n, meet("b")) : n) });
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    const posts = r.slackPosts();
    expect(Object.keys(posts)).toHaveLength(30);
    for (const lines of Object.values(posts)) expect(lines).toEqual([expect.stringMatching(EXCEEDED_LINE)]);
  });
});
