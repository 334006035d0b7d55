// Budget and spike alerts end to end: a budget set by chat command, then two scheduler instances
// sharing one database run the budget and spike jobs at once; the fake Slack Web API must receive
// each alert exactly once, rendered as valid Block Kit.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSlackNotifier } from "../../src/adapters/slack/notify.js";
import { createBot } from "../../src/bot/bot.js";
import { createAlertsCommand } from "../../src/alerts/command.js";
import { createBudgetCommand } from "../../src/budgets/command.js";
import { createBudgetCheckJob } from "../../src/budgets/check.js";
import { createSpikeJob } from "../../src/alerts/spike-job.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { startScheduler, type Scheduler } from "../../src/server/scheduler.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { postgresBackend, sqliteBackend, type Backend } from "../store/backends.js";

const BOT_TOKEN = "xoxb-budget-e2e";
const ADMIN = "UADMIN1";

describe.each<[string, Backend]>([
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
])("budget and spike alerts on %s", (_name, backend) => {
  let clock = new Date("2025-11-27T10:00:00Z");
  const stores: Store[] = [];
  const schedulers: Scheduler[] = [];
  let slack: FakeSlack;
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await slack?.close();
  });
  afterAll(() => backend.cleanup());

  it("posts the budget, forecast and spike alerts once each across two instances and repeated runs", async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    const url = await backend.fresh();
    const costSource = createDemoCostSource({ clock: () => clock });
    const instance = async () => {
      const store = await openStore(url, { clock: () => clock });
      stores.push(store);
      const notifiers = { slack: createSlackNotifier({ botToken: BOT_TOKEN, apiUrl: slack.apiUrl, logger: silentLogger }) };
      const deps = { store, notifiers, logger: silentLogger, sleep: async () => {}, costSource };
      const scheduler = startScheduler({
        store,
        bot: { costSource },
        notifiers,
        logger: silentLogger,
        clock: () => clock,
        tickMs: 0,
        sleep: async () => {},
        jobs: [createBudgetCheckJob(deps, 0), createSpikeJob(deps, 0)],
      });
      schedulers.push(scheduler);
      return { store, notifiers, scheduler };
    };
    const a = await instance();
    const b = await instance();

    const deps = { store: a.store, admins: [ADMIN], notifiers: a.notifiers, logger: silentLogger, sleep: async () => {} };
    const bot = createBot({
      costSource,
      clock: () => clock,
      commands: [createBudgetCommand(deps), createAlertsCommand({ store: a.store, admins: [ADMIN], webhookTokenSet: false })],
    });
    const ctx = { platform: "slack" as const, userId: ADMIN, target: { platform: "slack" as const, address: "CFINOPS" } };
    expect(await bot.answer("alerts here", ctx)).toMatchObject({ title: "Alerts will come to this channel" });
    const set = await bot.answer("budget set 26000 monthly alerts 50,80,100", ctx);
    expect(set).toMatchObject({ kind: "notice", tone: "warning" });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2); // raised at once by the command

    for (let i = 0; i < 2; i++) await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    clock = new Date("2025-11-27T14:00:00Z");
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);

    const posts = slack.callsTo("chat.postMessage").map((c) => ({ channel: c.args.channel, text: String(c.args.text) }));
    expect(posts.map((p) => p.channel)).toEqual(["CFINOPS", "CFINOPS", "CFINOPS"]);
    expect(posts.map((p) => p.text.split("\n")[0])).toEqual([
      expect.stringContaining('Budget "monthly" passed 80%: $24,530.30 of $26,000.00'),
      expect.stringMatching(/Budget "monthly" is forecast to exceed on (28|29|30) Nov/),
      expect.stringContaining("Cost spike: gpt-4o cost $1,761.68 on Mon 17 Nov, 4.5× its usual $388.72"),
    ]);
    const log = await a.store.deliveries.list();
    expect(log.map((d) => `${d.key.split(":")[0]} ${d.status}`).sort()).toEqual([
      "budget sent",
      "budget skipped",
      "budget-forecast sent",
      "spike sent",
    ]);
  });
});
