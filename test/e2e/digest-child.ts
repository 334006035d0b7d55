// A scheduler in its own process, for the restart test: one tick against a SQLite file and the
// fake Slack, with the clock pinned by the parent (plus real elapsed time). Tests only.
import { createSlackSchedulerNotifier } from "../../src/adapters/slack/notifier.js";
import { createBot } from "../../src/bot/bot.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { createLogger } from "../../src/log.js";
import { startScheduler } from "../../src/server/scheduler.js";
import { openStore } from "../../src/store/open.js";

const start = Date.parse(process.env.CHILD_NOW!);
const began = Date.now();
const clock = () => new Date(start + (Date.now() - began));
const logger = createLogger("warn");
const store = await openStore(process.env.CHILD_DB!, { clock });
const bot = createBot({ costSource: createDemoCostSource({ clock }), clock });
const notifier = createSlackSchedulerNotifier({ botToken: process.env.CHILD_TOKEN!, apiUrl: process.env.CHILD_SLACK!, logger });
const scheduler = startScheduler({ store, bot, notifiers: { slack: notifier }, logger, clock, tickMs: 0, concurrency: 4 });
const result = await scheduler.tick();
await scheduler.stop();
await store.close();
process.stdout.write(JSON.stringify(result) + "\n");
