// Digests end to end on Slack: an admin types `/cost digest daily 09:00` in a channel (signed
// slash command to the real server), the scheduler posts the digest there at 09:00 local time,
// with dates written the way the subscriber's Slack locale writes them (users.info), if it has one.
import { afterEach, describe, expect, it } from "vitest";
import { createSlackMount } from "../../src/adapters/slack/mount.js";
import { createSlackSchedulerNotifier } from "../../src/adapters/slack/notifier.js";
import { signedHeaders } from "../../src/adapters/slack/verify.js";
import { createBot } from "../../src/bot/bot.js";
import { createDigestCommand } from "../../src/digests/command.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { startScheduler } from "../../src/server/scheduler.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { checkBlocks, FORM, slashCommandBody, startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const SECRET = "digest-signing-secret";
const TOKEN = "xoxb-digest-e2e";
let slack: FakeSlack;
let app: RunningApp;
let store: Store;
afterEach(async () => {
  await app?.close();
  await store?.close();
  await slack?.close();
});

/** A Slack workspace whose users.info answers with `userLocale` (null: none), and the app on it. */
async function setUp(userLocale: string | null) {
  const clock = { now: new Date("2025-11-27T07:30:00Z") };
  slack = await startFakeSlack({ botToken: TOKEN, userTz: "Europe/Berlin", userLocale });
  store = await openStore(":memory:", { clock: () => clock.now });
  const bot = createBot({
    costSource: createDemoCostSource({ clock: () => clock.now }),
    clock: () => clock.now,
    commands: [createDigestCommand({ store, admins: ["U0ADMIN"] })],
  });
  const config = { ...loadConfig({}), host: "127.0.0.1", slack: { signingSecret: SECRET, botToken: TOKEN, apiUrl: slack.apiUrl } };
  app = await startApp({ config, bot, logger: silentLogger, sourceName: "demo data", store }, [createSlackMount({ slowMs: 5000 })], 0);
  const ask = async (text: string, userId: string, id: string) => {
    const body = slashCommandBody({ text, userId, channelId: "C0DIGEST", responseUrl: slack.responseUrl(id) });
    await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
      method: "POST",
      headers: { "content-type": FORM, ...signedHeaders(SECRET, body) },
      body,
    });
    return slack.waitFor(() => slack.hooks.find((h) => h.id === id)?.body);
  };
  const notifier = createSlackSchedulerNotifier({ botToken: TOKEN, apiUrl: slack.apiUrl, logger: silentLogger });
  const scheduler = startScheduler({ store, bot, notifiers: { slack: notifier }, logger: silentLogger, clock: () => clock.now, tickMs: 0 });
  return { clock, ask, scheduler };
}

describe("Slack digest, end to end", () => {
  it("sets a digest from a slash command and posts it at 09:00 in the channel's zone, once, in the default style without a locale", async () => {
    const { clock, ask, scheduler } = await setUp(null);
    const refused = await ask("digest daily 09:00", "U0BOB", "bob");
    expect(JSON.stringify(refused.blocks)).toContain("Only admins can change digests");
    const set = await ask("digest daily 09:00", "U0ADMIN", "admin");
    expect(JSON.stringify(set.blocks)).toContain("every day at 09:00 (Europe/Berlin)");
    expect(JSON.stringify(set.blocks)).not.toContain("style, e.g.");
    expect((await store.findTarget("slack", "C0DIGEST"))?.locale).toBeUndefined();

    await scheduler.tick();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    clock.now = new Date("2025-11-27T08:00:00Z");
    await scheduler.tick();
    clock.now = new Date("2025-11-27T08:00:30Z");
    await scheduler.tick();
    await scheduler.stop();
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0].args.channel).toBe("C0DIGEST");
    expect(posts[0].args.text).toMatch(/^Daily AI spend digest · Wed 26 Nov 2025: \$[\d,.]+ yesterday/);
    expect(JSON.stringify(posts[0].args.blocks)).toContain("1–26 Nov 2025");
    expect(checkBlocks(posts[0].args.blocks, 50)).toEqual([]);
  });

  it("writes the digest's dates the en-US way when the subscriber's Slack locale is en-US", async () => {
    const { clock, ask, scheduler } = await setUp("en-US");
    const set = await ask("digest daily 09:00", "U0ADMIN", "admin");
    expect(JSON.stringify(set.blocks)).toContain("en-US style, e.g. Nov 27, 2025");

    clock.now = new Date("2025-11-27T08:00:00Z");
    await scheduler.tick();
    await scheduler.stop();
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0].args.text).toMatch(/^Daily AI spend digest · Wed, Nov 26, 2025: \$[\d,.]+ yesterday/);
    const blocks = JSON.stringify(posts[0].args.blocks);
    expect(blocks).toContain("Daily AI spend digest · Wed, Nov 26, 2025");
    expect(blocks).toContain("Nov 1 – 26, 2025");
    expect(blocks).not.toContain("26 Nov");
    expect(checkBlocks(posts[0].args.blocks, 50)).toEqual([]);
  });
});
