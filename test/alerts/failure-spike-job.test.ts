// The billed-failures spike job end to end on demo metrics: a channel with alerts gets the spike of
// the demo's content-filter failures once, through the fake Slack Web API, however often it runs.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSlackNotifier } from "../../src/adapters/slack/notify.js";
import { createBot } from "../../src/bot/bot.js";
import { createAlertsCommand } from "../../src/alerts/command.js";
import { runFailureSpikeCheck } from "../../src/alerts/failure-spike-job.js";
import { createDemoMetricsSource } from "../../src/cost/metrics/demo.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { sqliteBackend } from "../store/backends.js";

const BOT_TOKEN = "xoxb-failspike";
const ADMIN = "UADMIN1";
const backend = sqliteBackend();
let store: Store | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await store?.close();
  await slack?.close();
});
afterAll(() => backend.cleanup());

const NOW = new Date("2026-11-27T15:00:00Z");

/** A store, the fake Slack, and a channel that `alerts here` routed alerts to (said in `locale`, if given). */
async function alertsRoutedToCops(locale?: string) {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN });
  slack = fake;
  const opened = await openStore(await backend.fresh(), { clock: () => NOW });
  store = opened;
  const notifiers = { slack: createSlackNotifier({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl, logger: silentLogger }) };
  const bot = createBot({
    costSource: createDemoCostSource({ clock: () => NOW }),
    clock: () => NOW,
    commands: [createAlertsCommand({ store: opened, admins: [ADMIN], webhookTokenSet: false })],
  });
  await bot.answer("alerts here", { platform: "slack", userId: ADMIN, locale, target: { platform: "slack", address: "COPS" } });
  const deps = { store: opened, notifiers, logger: silentLogger, sleep: async () => {}, metrics: createDemoMetricsSource({ clock: () => NOW }) };
  return { slack: fake, store: opened, deps };
}

describe("billed-failures spike job", () => {
  it("announces the spike once in the channel that gets alerts", async () => {
    const { slack, store, deps } = await alertsRoutedToCops();

    const spikes = await runFailureSpikeCheck(deps, NOW);
    await runFailureSpikeCheck(deps, NOW);

    expect(spikes.map((s) => [s.model, s.date])).toEqual([["gpt-4o-mini", "2026-11-25"]]);
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0].args.channel).toBe("COPS");
    expect(String(posts[0].args.text)).toMatch(/^Billed failures spike: gpt-4o-mini had [\d,]+ billed failed requests on 25 Nov 2026/);
    expect((await store.deliveries.list()).map((d) => `${d.key.split(":")[0]} ${d.status}`)).toEqual(["failspike sent"]);
  });

  it("writes the spike's dates in the locale of whoever routed alerts to the channel", async () => {
    const { slack, deps } = await alertsRoutedToCops("en-US");
    await runFailureSpikeCheck(deps, NOW);

    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(String(posts[0].args.text)).toMatch(/^Billed failures spike: gpt-4o-mini had [\d,]+ billed failed requests on Nov 25, 2026,/);
  });
});
