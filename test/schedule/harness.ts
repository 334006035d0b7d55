// Scheduler test harness: a fresh store (SQLite or PostgreSQL), the fake Slack behind the
// throttling/history proxy, the demo cost source and one pinned clock shared by all of them.
import { Writable } from "node:stream";
import { pino } from "pino";
import { createSlackSchedulerNotifier } from "../../src/adapters/slack/notifier.js";
import { createBot } from "../../src/bot/bot.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import type { Logger } from "../../src/log.js";
import { startScheduler, type Scheduler, type SchedulerDeps } from "../../src/server/scheduler.js";
import { openStore } from "../../src/store/open.js";
import type { DigestInput, Store } from "../../src/store/types.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { startSlackProxy, type SlackProxy } from "../fakes/slack-proxy.js";
import type { Backend } from "../store/backends.js";

export const TOKEN = "xoxb-schedule-test";

export interface Harness {
  clock: { now: Date; set(iso: string): void };
  store: Store;
  slack: FakeSlack;
  proxy: SlackProxy;
  logs: Array<Record<string, any>>;
  logger: Logger;
  /** A Slack channel with a digest, created while the clock says `createdAt`. */
  channel(address: string, digest: Omit<DigestInput, "targetId" | "createdBy">, createdAt?: string): Promise<string>;
  scheduler(over?: Partial<SchedulerDeps>): Scheduler;
  /** Digest posts per channel, as Slack shows them. */
  postsPer(): Record<string, number>;
  openAnother(): Promise<Store>;
  close(): Promise<void>;
}

export async function harness(backend: Backend, start = "2025-11-27T06:00:00Z"): Promise<Harness> {
  const clock = { now: new Date(start), set: (iso: string) => void (clock.now = new Date(iso)) };
  const url = await backend.fresh();
  const stores: Store[] = [];
  const open = async () => {
    const s = await openStore(url, { clock: () => clock.now });
    stores.push(s);
    return s;
  };
  const store = await open();
  const slack = await startFakeSlack({ botToken: TOKEN });
  const proxy = await startSlackProxy(slack);
  const logs: Array<Record<string, any>> = [];
  const logger = pino({ level: "info" }, new Writable({ write: (c, _e, done) => (logs.push(JSON.parse(String(c))), done()) }));
  const bot = createBot({ costSource: createDemoCostSource({ clock: () => clock.now }), clock: () => clock.now });
  const schedulers: Scheduler[] = [];
  return {
    clock,
    store,
    slack,
    proxy,
    logs,
    logger,
    async channel(address, digest, createdAt = "2025-10-01T00:00:00Z") {
      const keep = clock.now;
      clock.now = new Date(createdAt);
      const t = await store.upsertTarget({ platform: "slack", address });
      await store.setDigest({ ...digest, targetId: t.id, createdBy: "UADMIN" });
      clock.now = keep;
      return t.id;
    },
    scheduler(over = {}) {
      const notifier = createSlackSchedulerNotifier({ botToken: TOKEN, apiUrl: proxy.apiUrl, logger });
      const s = startScheduler({
        store,
        bot,
        notifiers: { slack: notifier },
        logger,
        clock: () => clock.now,
        tickMs: 0,
        sleep: async () => {},
        ...over,
      });
      schedulers.push(s);
      return s;
    },
    postsPer() {
      const out: Record<string, number> = {};
      for (const p of proxy.posted) out[p.channel] = (out[p.channel] ?? 0) + 1;
      return out;
    },
    openAnother: open,
    async close() {
      await Promise.all(schedulers.map((s) => s.stop()));
      await Promise.all(stores.map((s) => s.close()));
      await proxy.close();
      await slack.close();
    },
  };
}
