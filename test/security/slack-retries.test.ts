// Slack retries across instances: two real servers share one database (SQLite file or PostgreSQL
// schema); Slack's retry of an event (same event_id, X-Slack-Retry-Num/-Reason headers) landing on
// the other instance is acknowledged and not answered again. The fake Slack counts the answers.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSlackMount } from "../../src/adapters/slack/mount.js";
import { signedHeaders } from "../../src/adapters/slack/verify.js";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { eventBody, FAKE_BOT_USER_ID, JSON_TYPE, startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { postgresBackend, sqliteBackend, type Backend } from "../store/backends.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const SECRET = "retry-signing-secret-7a1c";
const TOKEN = "xoxb-retry-token";

describe.each<[string, Backend]>([
  ["sqlite", sqliteBackend()],
  ["postgres", postgresBackend()],
])("Slack retries across two instances on %s", (_name, backend) => {
  let slack: FakeSlack;
  const apps: RunningApp[] = [];
  const stores: Store[] = [];
  const logs: Array<Record<string, any>> = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await slack?.close();
    logs.length = 0;
  });
  afterAll(() => backend.cleanup());

  const instance = async (url: string) => {
    const store = await openStore(url);
    stores.push(store);
    const logger = pino({ level: "info" }, new Writable({ write: (c, _e, done) => (logs.push(JSON.parse(String(c))), done()) }));
    const config = { ...loadConfig({}), host: "127.0.0.1", slack: { signingSecret: SECRET, botToken: TOKEN, apiUrl: slack.apiUrl } };
    const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW });
    const app = await startApp({ config, bot, logger, sourceName: "demo data", store }, [createSlackMount()], 0);
    apps.push(app);
    return app;
  };
  const post = async (app: RunningApp, body: string, retry?: { num: number; reason: string }) => {
    const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": JSON_TYPE,
        ...signedHeaders(SECRET, body),
        ...(retry ? { "x-slack-retry-num": String(retry.num), "x-slack-retry-reason": retry.reason } : {}),
      },
      body,
    });
    await res.text();
    return res.status;
  };
  const ignored = () => logs.filter((l) => l.msg === "ignored a repeated Slack delivery");
  const mention = { type: "app_mention", user: "U0ALICE", text: `<@${FAKE_BOT_USER_ID}> this week`, ts: "1700000100.000200", channel: "C0COSTS" };

  it("answers once when Slack's retries of one event land on the other instance", async () => {
    slack = await startFakeSlack({ botToken: TOKEN });
    const url = await backend.fresh();
    const [a, b] = [await instance(url), await instance(url)];
    const body = eventBody(mention, "Ev0XRETRY1");
    expect(await post(a, body)).toBe(200);
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length === 1);
    expect(await post(b, body, { num: 1, reason: "http_timeout" })).toBe(200);
    expect(await post(b, body, { num: 2, reason: "http_error" })).toBe(200);
    expect(await post(a, body, { num: 3, reason: "http_timeout" })).toBe(200);
    await slack.waitFor(() => ignored().length === 3);
    // Each instance logs after it has answered Slack, so the lines may come in any order.
    expect(
      ignored()
        .map((l) => l.retryNum)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("answers once when the first delivery and a timeout retry arrive at both instances together", async () => {
    slack = await startFakeSlack({ botToken: TOKEN });
    const url = await backend.fresh();
    const [a, b] = [await instance(url), await instance(url)];
    const body = eventBody(mention, "Ev0XRACE1");
    expect(await Promise.all([post(a, body), post(b, body, { num: 1, reason: "http_timeout" })])).toEqual([200, 200]);
    await slack.waitFor(() => ignored().length === 1 && slack.callsTo("chat.postMessage").length === 1);
    // A different event with the same words is a new question and is answered.
    expect(await post(b, eventBody(mention, "Ev0XRACE2"))).toBe(200);
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length === 2);
  });
});
