// Slack Events API end to end: signed JSON events (mentions, DMs, App Home, retries) go to the real
// server's /slack/events; we assert on what the fake Slack Web API received.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import type { CostSource } from "../../src/cost/types.js";
import { createSlackMount } from "../../src/adapters/slack/mount.js";
import { signedHeaders } from "../../src/adapters/slack/verify.js";
import { silentLogger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { heldSource } from "../fixtures/sources.js";
import { buttonPressBody, checkBlocks, eventBody, FAKE_BOT_USER_ID, FORM, JSON_TYPE, startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const SECRET = "test-signing-secret-5f2b";
const TOKEN = "xoxb-test-token";

let slack: FakeSlack;
let app: RunningApp | undefined;
let asked: Array<{ text: string; tz?: string; target?: string }>;

beforeEach(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, userTz: "Asia/Tokyo" });
  asked = [];
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await slack.close();
});

function recordingBot(source: CostSource = createDemoCostSource({ clock: () => NOW })): Bot {
  const bot = createBot({ costSource: source, clock: () => NOW });
  return { ...bot, answer: (text, ctx) => (asked.push({ text, tz: ctx?.tz, target: ctx?.target?.address }), bot.answer(text, ctx)) };
}

async function start(bot: Bot = recordingBot(), slowMs = 1500) {
  const config = { ...loadConfig({}), host: "127.0.0.1", slack: { signingSecret: SECRET, botToken: TOKEN, apiUrl: slack.apiUrl } };
  app = await startApp({ config, bot, logger: silentLogger, sourceName: "demo data" }, [createSlackMount({ slowMs })], 0);
}

async function post(body: string, contentType = JSON_TYPE, extra: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${app!.port}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, ...signedHeaders(SECRET, body), ...extra },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Waits until a later mention is answered: by then whatever an earlier event set off has shown itself. */
async function afterNextAnswer() {
  const before = slack.callsTo("chat.postMessage").length;
  expect((await post(eventBody(mention(`<@${FAKE_BOT_USER_ID}> help`, { ts: "1700000999.000900" }), "Ev0BARRIER"))).status).toBe(200);
  await slack.waitFor(() => slack.callsTo("chat.postMessage").length > before);
}
const mention = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "app_mention",
  user: "U0ALICE",
  text,
  ts: "1700000100.000200",
  channel: "C0COSTS",
  ...extra,
});
const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "message",
  channel_type: "im",
  user: "U0ALICE",
  text,
  ts: "1700000200.000300",
  channel: "D0ALICE",
  ...extra,
});

describe("Slack: mentions and DMs", () => {
  it("answers @costbot in a thread under the mention, without the mention in the words", async () => {
    await start();
    const res = await post(eventBody(mention(`<@${FAKE_BOT_USER_ID}> last month by channel`)));
    expect(res.status).toBe(200);
    const call = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(call.token).toBe(TOKEN);
    expect(call.args).toMatchObject({ channel: "C0COSTS", thread_ts: "1700000100.000200" });
    expect(checkBlocks(call.args.blocks, 50)).toEqual([]);
    expect(call.args.blocks[0].type).toBe("header");
    // The asker's zone from users.info and the channel (for digest commands) reach the bot.
    expect(asked).toEqual([{ text: "last month by channel", tz: "Asia/Tokyo", target: "C0COSTS" }]);
  });

  it("answers a mention inside a thread in that same thread", async () => {
    await start();
    await post(eventBody(mention(`<@${FAKE_BOT_USER_ID}> today`, { thread_ts: "1699999999.000001" })));
    const call = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(call.args.thread_ts).toBe("1699999999.000001");
  });

  it("answers a DM in a thread", async () => {
    await start();
    await post(eventBody(dm("this week by model")));
    const call = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(call.args).toMatchObject({ channel: "D0ALICE", thread_ts: "1700000200.000300" });
    expect(asked).toEqual([{ text: "this week by model", tz: "Asia/Tokyo", target: "D0ALICE" }]);
  });

  const ignored: Array<[string, Record<string, unknown>]> = [
    ["a bot's DM", dm("this week", { bot_id: "B0OTHER", subtype: "bot_message" })],
    ["its own message", dm("this week", { user: FAKE_BOT_USER_ID })],
    ["an edited message", dm("this week", { subtype: "message_changed" })],
    ["a channel message without a mention", dm("this week", { channel_type: "channel", channel: "C0COSTS" })],
    ["a bot's mention", mention(`<@${FAKE_BOT_USER_ID}> this week`, { bot_id: "B0OTHER" })],
  ];
  it.each(ignored)("ignores %s", async (_name, event) => {
    await start();
    expect((await post(eventBody(event))).status).toBe(200);
    await afterNextAnswer();
    expect(asked.map((a) => a.text)).toEqual(["help"]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });
});

describe("Slack: retries", () => {
  it("answers a retried event once", async () => {
    await start();
    const body = eventBody(mention(`<@${FAKE_BOT_USER_ID}> this week`), "Ev0RETRY1");
    expect((await post(body)).status).toBe(200);
    const retry1 = await post(body, JSON_TYPE, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    const retry2 = await post(body, JSON_TYPE, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" });
    expect([retry1.status, retry2.status]).toEqual([200, 200]);
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length);
    await afterNextAnswer();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
    expect(asked.map((a) => a.text)).toEqual(["this week", "help"]);
  });

  it("answers two different events with the same text twice", async () => {
    await start();
    await post(eventBody(mention(`<@${FAKE_BOT_USER_ID}> this week`), "Ev0A"));
    await post(eventBody(mention(`<@${FAKE_BOT_USER_ID}> this week`), "Ev0B"));
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length === 2);
  });
});

describe("Slack: slow answers in threads", () => {
  it("posts 'working on it' in the thread, then updates that message with the card", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await start(recordingBot(heldSource(createDemoCostSource({ clock: () => NOW }), released)), 50);
    await post(eventBody(mention(`<@${FAKE_BOT_USER_ID}> this week`)));
    // The source holds the answer until the notice is out: the test, not a clock, makes it slow.
    const working = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(slack.callsTo("chat.update")).toEqual([]);
    release();
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    expect(working.args).toMatchObject({ channel: "C0COSTS", thread_ts: "1700000100.000200" });
    expect(working.args.text).toMatch(/Working on it/);
    expect(update.args.channel).toBe("C0COSTS");
    expect(update.args.ts).toMatch(/^\d+\.\d+$/);
    expect(update.args.blocks[0].type).toBe("header");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });
});

describe("Slack: App Home", () => {
  it("publishes month-to-date spend by model with the channel split when Home opens", async () => {
    await start();
    await post(eventBody({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "home" }));
    const publish = await slack.waitFor(() => slack.callsTo("views.publish")[0]);
    expect(publish.args.user_id).toBe("U0ALICE");
    expect(publish.args.view.type).toBe("home");
    expect(checkBlocks(publish.args.view.blocks, 100)).toEqual([]);
    const text = JSON.stringify(publish.args.view.blocks);
    expect(text).toMatch(/Microsoft/);
    expect(text).toMatch(/Marketplace/);
    expect(asked.map((a) => a.text)).toEqual(["this month by model"]);
  });

  it("does nothing when the Messages tab opens", async () => {
    await start();
    await post(eventBody({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "messages" }));
    await afterNextAnswer();
    expect(slack.callsTo("views.publish")).toEqual([]);
  });

  it("re-publishes Home with the answer when a button on it is pressed", async () => {
    await start();
    const res = await post(buttonPressBody({ actionId: "costbot_by-channel", value: "this month by channel", container: "home" }), FORM);
    expect(res.status).toBe(200);
    const publish = await slack.waitFor(() => slack.callsTo("views.publish")[0]);
    expect(publish.args.view.type).toBe("home");
    expect(asked.map((a) => a.text)).toEqual(["this month by channel"]);
  });
});
