// Fault-injection rig for the exactly-once tests: instances (store + scheduler + budget job) on one
// real database, sending through the real Slack and Teams notifiers to the fakes, with hooks to
// fail the store or "kill" an instance between the send and the record. Tests only.
import { createSlackSchedulerNotifier } from "../../src/adapters/slack/notifier.js";
import { createTeamsSchedulerNotifier } from "../../src/adapters/teams/notifier.js";
import { createBudgetCheckJob } from "../../src/budgets/check.js";
import { loadConfig } from "../../src/config.js";
import { parseAmount } from "../../src/cost/money.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger, type Logger } from "../../src/log.js";
import type { Notifier } from "../../src/schedule/notifier.js";
import type { AnyReport } from "../../src/server/render.js";
import { startScheduler, type Scheduler } from "../../src/server/scheduler.js";
import { openStore } from "../../src/store/open.js";
import type { Store, Target } from "../../src/store/types.js";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/bot-connector.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { startSlackProxy, type SlackProxy } from "../fakes/slack-proxy.js";

export const TOKEN = "xoxb-exactly-once";
/** Demo data spends about $24,500 in November 2025 by the 27th: a $20,000 budget is past 50, 80 and 100%. */
export const EXCEEDED = "20000";

export interface Instance {
  store: Store;
  scheduler: Scheduler;
}

/** Wraps a notifier: `after` runs once the platform accepted a send (to inject a fault there). */
export function afterSend(inner: Notifier<AnyReport>, after: () => Promise<void> | void): Notifier<AnyReport> {
  return {
    marksSending: inner.marksSending,
    async send(target, report, hooks) {
      const receipt = await inner.send(target, report, hooks);
      await after();
      return receipt;
    },
    ...(inner.alreadySent ? { alreadySent: inner.alreadySent.bind(inner) } : {}),
  };
}

export interface Rig {
  clock: { now: Date };
  slack: FakeSlack;
  proxy: SlackProxy;
  connector: FakeBotConnector;
  /** A store on the rig's database (each one a separate instance id, like another process). */
  open(): Promise<Store>;
  /** An instance: its own store, a scheduler with the budget job, notifiers wrapped by `wrap`. */
  instance(opts?: {
    store?: Store;
    wrap?: (n: Notifier<AnyReport>, platform: "slack" | "teams") => Notifier<AnyReport>;
    logger?: Logger;
  }): Promise<Instance>;
  slackNotifier(logger?: Logger): Notifier<AnyReport>;
  teamsNotifier(store: Store): Notifier<AnyReport>;
  /** A Slack channel or Teams conversation with a monthly budget of `amount` (50/80/100%). */
  budgetTarget(store: Store, platform: "slack" | "teams", address: string, amount?: string): Promise<Target>;
  /** Alert posts per Slack channel / Teams conversation. */
  slackPosts(): Record<string, string[]>;
  teamsPosts(): Record<string, string[]>;
  /** A promise that settles only when the rig closes: the instance holding it is as good as dead. */
  never(): Promise<never>;
  close(): Promise<void>;
}

export async function rig(url: string, start = "2025-11-27T10:00:00Z"): Promise<Rig> {
  const clock = { now: new Date(start) };
  const slack = await startFakeSlack({ botToken: TOKEN });
  const proxy = await startSlackProxy(slack);
  const connector = await startFakeBotConnector();
  const costSource = createDemoCostSource({ clock: () => clock.now });
  const config = { ...loadConfig({}), host: "127.0.0.1" };
  const stores: Store[] = [];
  const schedulers: Scheduler[] = [];
  const graves: Array<(err: Error) => void> = [];
  let closed = false;
  const dead = () => new Error("alert rig closed: this instance is dead");
  const open = async () => {
    const s = await openStore(url, { clock: () => clock.now });
    stores.push(s);
    return s;
  };
  const self: Rig = {
    clock,
    slack,
    proxy,
    connector,
    open,
    slackNotifier: (logger = silentLogger) => createSlackSchedulerNotifier({ botToken: TOKEN, apiUrl: proxy.apiUrl, logger }),
    teamsNotifier: (store) => createTeamsSchedulerNotifier({ teams: config.teams, conversations: store }),
    async instance(opts = {}) {
      const store = opts.store ?? (await open());
      const logger = opts.logger ?? silentLogger;
      const wrap = opts.wrap ?? ((n) => n);
      const notifiers = { slack: wrap(self.slackNotifier(logger), "slack"), teams: wrap(self.teamsNotifier(store), "teams") };
      const deps = { store, notifiers, logger, sleep: async () => {}, costSource };
      const scheduler = startScheduler({
        store,
        bot: { costSource },
        notifiers,
        logger,
        clock: () => clock.now,
        tickMs: 0,
        sleep: async () => {},
        retryEveryMs: 0,
        retry: { olderThanMs: 5 * 60_000 },
        jobs: [createBudgetCheckJob(deps, 0)],
      });
      schedulers.push(scheduler);
      return { store, scheduler };
    },
    async budgetTarget(store, platform, address, amount = EXCEEDED) {
      let target: Target;
      if (platform === "teams") {
        await store.saveConversation({
          id: address,
          serviceUrl: connector.url,
          conversationType: "channel",
          updatedAt: clock.now.toISOString(),
          reference: { conversation: { id: address, conversationType: "channel" }, bot: { id: "28:costbot", name: "costbot" }, channelId: "msteams" },
        });
        target = (await store.findTarget("teams", address))!;
      } else {
        target = await store.upsertTarget({ platform: "slack", address });
      }
      await store.createBudget({
        targetId: target.id,
        name: "monthly",
        amount: parseAmount(amount)!,
        period: "monthly",
        thresholds: [50, 80, 100],
        createdBy: "UADMIN",
      });
      return target;
    },
    slackPosts() {
      const out: Record<string, string[]> = {};
      for (const p of proxy.posted) (out[p.channel] ??= []).push(p.text.split("\n")[0]);
      return out;
    },
    teamsPosts() {
      const out: Record<string, string[]> = {};
      for (const c of connector.calls) (out[c.conversationId] ??= []).push(String(c.body.text ?? "").split("\n")[0]);
      return out;
    },
    never: () => new Promise<never>((_, reject) => (closed ? reject(dead()) : graves.push(reject))),
    async close() {
      // "Dead" instances hold a pass that never finishes: end it (and any later hold at once), then
      // wait until every pass has ended.
      closed = true;
      for (const bury of graves) bury(dead());
      await Promise.all(schedulers.map((s) => s.stop()));
      await Promise.all(stores.map((s) => s.close().catch(() => {})));
      await proxy.close();
      await slack.close();
      await connector.close();
    },
  };
  return self;
}
