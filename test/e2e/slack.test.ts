// Slack end to end: signed slash commands and button presses go to the real server's /slack/events;
// we assert on what the fake Slack Web API and the fake response_url received.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createBot, type Bot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { cachedSource } from "../../src/cost/sources/cached.js";
import type { CostQuery, CostSource } from "../../src/cost/types.js";
import { createSlackMount, mountSlack } from "../../src/adapters/slack/mount.js";
import { signedHeaders } from "../../src/adapters/slack/verify.js";
import type { Logger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { heldSource, manyModelsSource } from "../fixtures/sources.js";
import { buttonPressBody, checkBlocks, FORM, JSON_TYPE, slashCommandBody, startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const SECRET = "test-signing-secret-5f2b";
const TOKEN = "xoxb-test-token";

let slack: FakeSlack;
let app: RunningApp | undefined;
let asked: string[];
let logLines: Array<Record<string, any>>;
let logger: Logger;

beforeEach(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, userTz: "Europe/Berlin" });
  asked = [];
  logLines = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  logger = pino({ level: "info" }, sink);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await slack.close();
});

function recordingBot(source: CostSource = createDemoCostSource({ clock: () => NOW })): Bot {
  const bot = createBot({ costSource: source, clock: () => NOW });
  return { ...bot, answer: (text, ctx) => (asked.push(text), bot.answer(text, ctx)) };
}

async function start(bot: Bot = recordingBot(), slowMs = 1500, nowMs?: () => number) {
  const config = { ...loadConfig({}), host: "127.0.0.1", slack: { signingSecret: SECRET, botToken: TOKEN, apiUrl: slack.apiUrl } };
  app = await startApp({ config, bot, logger, sourceName: "demo data" }, [createSlackMount({ slowMs, nowMs })], 0);
  return app;
}

async function post(body: string, contentType: string, headers: Record<string, string> = signedHeaders(SECRET, body)) {
  const res = await fetch(`http://127.0.0.1:${app!.port}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const command = (text: string, id = "cmd1") => post(slashCommandBody({ text, responseUrl: slack.responseUrl(id) }), FORM);
const hooksFor = (id: string) => slack.hooks.filter((h) => h.id === id);
const lastHook = (id: string, n = 1) => slack.waitFor(() => hooksFor(id).length >= n && hooksFor(id)[n - 1].body);
const textOf = (body: any) => JSON.stringify(body.blocks ?? []) + body.text;
/** Waits until a later command is answered: by then whatever an earlier request set off has shown itself. */
async function afterNextAnswer() {
  await command("help", "barrier");
  await lastHook("barrier");
}

describe("Slack: /cost", () => {
  it("acks at once with an empty 200 and answers privately through response_url", async () => {
    await start();
    expect(slack.callsTo("auth.test")).toHaveLength(1);
    const res = await command("this week by model");
    expect(res).toEqual({ status: 200, text: "" });
    const body = await lastHook("cmd1");
    expect(body.response_type).toBe("ephemeral");
    expect(body.replace_original).toBe(false);
    expect(body.blocks[0]).toMatchObject({ type: "header" });
    expect(checkBlocks(body.blocks, 50)).toEqual([]);
    expect(asked).toEqual(["this week by model"]);
    // The asker's zone came from users.info, with the bot token.
    expect(slack.callsTo("users.info")[0]).toMatchObject({ args: { user: "U0ALICE" }, token: TOKEN });
  });

  it("writes dates in the asker's Slack locale (users.info with include_locale, the call that gives the zone)", async () => {
    await slack.close();
    slack = await startFakeSlack({ botToken: TOKEN, userTz: "Europe/Berlin", userLocale: "de-DE" });
    await start();
    await command("this week by model");
    const text = textOf(await lastHook("cmd1"));
    // Thursday 27 Nov 2025 in Berlin: this week is Mon 24 - Thu 27 Nov, compared with 17-20 Nov.
    expect(text).toContain("24.–27. Nov. 2025");
    expect(text).toContain("vs 17.–20. Nov. 2025");
    expect(text).not.toContain("24–27 Nov 2025");
    expect(slack.callsTo("users.info")).toHaveLength(1);
    const info = slack.callsTo("users.info")[0].args;
    expect([info.user, String(info.include_locale)]).toEqual(["U0ALICE", "true"]);
  });

  it("posts to the channel when the words end with 'public', without passing 'public' on", async () => {
    await start();
    await command("last month by channel public");
    const body = await lastHook("cmd1");
    expect(body.response_type).toBe("in_channel");
    expect(asked).toEqual(["last month by channel"]);
  });

  it("asks the cost source once for the same question asked at once, and answers every asker", async () => {
    // The one cache in front of the source, as createCostSource builds it; its clock held still.
    const demo = createDemoCostSource({ clock: () => NOW });
    const queries: CostQuery[] = [];
    const source = cachedSource({ name: demo.name, query: (q: CostQuery) => (queries.push(q), demo.query(q)) }, { nowMs: () => NOW.getTime() });
    await start(recordingBot(source));
    await Promise.all([command("this week", "a"), command("This  week", "b")]);
    const [a, b] = [await lastHook("a"), await lastHook("b")];
    expect(a.blocks).toEqual(b.blocks);
    expect(asked).toHaveLength(2);
    expect(queries).toHaveLength(1);
  });

  it("computes the same words afresh for another user", async () => {
    const startedAt = Date.now();
    await start(recordingBot(), 1500, () => startedAt);
    await post(slashCommandBody({ text: "this week", responseUrl: slack.responseUrl("a"), userId: "U0ALICE" }), FORM);
    await lastHook("a");
    await post(slashCommandBody({ text: "this week", responseUrl: slack.responseUrl("b"), userId: "U0BOB" }), FORM);
    await lastHook("b");
    expect(asked).toEqual(["this week", "this week"]);
  });

  it("answers /cost help with examples", async () => {
    await start();
    await command("help");
    const body = await lastHook("cmd1");
    expect(body.blocks[0]).toMatchObject({ type: "header", text: { text: "costbot help" } });
    expect(textOf(body)).toContain("by model");
  });

  it("answers the url_verification challenge of a signed request", async () => {
    await start();
    const body = JSON.stringify({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const res = await post(body, JSON_TYPE);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });
});

describe("Slack: request verification", () => {
  const body = () => slashCommandBody({ text: "this week", responseUrl: slack.responseUrl("bad") });
  const cases: Array<[string, (b: string) => Record<string, string>]> = [
    ["a wrong signature", (b) => signedHeaders("not-the-secret", b)],
    ["a missing signature", (b) => ({ "x-slack-request-timestamp": signedHeaders(SECRET, b)["x-slack-request-timestamp"] })],
    ["a missing timestamp", (b) => ({ "x-slack-signature": signedHeaders(SECRET, b)["x-slack-signature"] })],
    ["a timestamp older than 5 minutes", (b) => signedHeaders(SECRET, b, Date.now() - 5 * 60_000 - 2000)],
    ["a signature over another body", (b) => signedHeaders(SECRET, b.replace("this+week", "last+week"))],
  ];
  it.each(cases)("refuses %s with an empty 401 and runs no handler", async (_name, headersFor) => {
    await start();
    const b = body();
    const res = await post(b, FORM, headersFor(b));
    expect(res).toEqual({ status: 401, text: "" });
    await afterNextAnswer();
    expect(asked).toEqual(["help"]);
    expect(slack.hooks.map((h) => h.id)).toEqual(["barrier"]);
    // Only the barrier's zone lookup besides start-up's auth.test.
    expect(slack.calls.map((c) => c.method)).toEqual(["auth.test", "users.info"]);
  });

  it("does not mount at all when Slack is not configured", async () => {
    const config = { ...loadConfig({}), host: "127.0.0.1" };
    app = await startApp({ config, bot: recordingBot(), logger, sourceName: "demo data" }, [mountSlack], 0);
    expect(app.mounted).toEqual([]);
    expect((await post(body(), FORM)).status).toBe(404);
  });
});

describe("Slack: card buttons", () => {
  it("a button press answers its command and replaces the card in place", async () => {
    await start();
    await command("this week by model");
    const card = await lastHook("cmd1");
    const actions = card.blocks.find((b: any) => b.type === "actions");
    const byChannel = actions.elements.find((e: any) => e.action_id === "costbot_by-channel");
    expect(byChannel).toBeDefined();

    const res = await post(buttonPressBody({ actionId: byChannel.action_id, value: byChannel.value, responseUrl: slack.responseUrl("card1") }), FORM);
    expect(res).toEqual({ status: 200, text: "" });
    const updated = await lastHook("card1");
    expect(updated.replace_original).toBe(true);
    expect(asked).toEqual(["this week by model", byChannel.value]);
    expect(textOf(updated)).toContain("By channel");
    expect(checkBlocks(updated.blocks, 50)).toEqual([]);
  });

  it("ignores buttons that are not costbot's", async () => {
    await start();
    await post(buttonPressBody({ actionId: "other_app_button", value: "this week", responseUrl: slack.responseUrl("x") }), FORM);
    await afterNextAnswer();
    expect(asked).toEqual(["help"]);
    expect(slack.hooks.map((h) => h.id)).toEqual(["barrier"]);
  });
});

describe("Slack: what Slack would reject or render unsafely", () => {
  it("keeps a 200-model answer within Block Kit limits", async () => {
    await start(recordingBot(manyModelsSource(200, NOW.toISOString())));
    await command("this month by model top 100");
    const body = await lastHook("cmd1");
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(checkBlocks(body.blocks, 50)).toEqual([]);
    expect(body.text.length).toBeLessThanOrEqual(3000);
    expect(textOf(body)).toContain("llama-model-199");
  });

  // What Slack sends when a user types @channel or pastes a link, and when they type markup literally.
  const echoes: Array<[string, string]> = [
    ["<!channel> <http://x|y>", 'I don\'t know \\"y\\"'],
    ["x&lt;!channel&gt; this week", 'I don\'t know \\"x\\"'],
    ["a&amp;b&lt;http://x|y&gt;", "I don't know \\\"a&amp;b"],
  ];
  it.each(echoes)("echoes %j without a live mention or link", async (text, shown) => {
    await start();
    await command(text);
    const all = JSON.stringify(await lastHook("cmd1"));
    expect(all).toContain("Could not answer");
    expect(all).toContain(shown);
    expect(all).not.toMatch(/<!channel>|<!here>|<http:\/\/x\|y>|<@|&(?!amp;|lt;|gt;)/);
  });
});

describe("Slack: slow answers and errors", () => {
  it("posts 'working on it' when the answer is slow, then replaces it with the card", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await start(recordingBot(heldSource(manyModelsSource(3, NOW.toISOString()), released)), 50);
    // Acked while the source still holds the answer: the ack never waits for it.
    const res = await command("this week");
    expect(res.status).toBe(200);
    const first = await lastHook("cmd1", 1);
    expect(first.text).toMatch(/Working on it/);
    expect(first.response_type).toBe("ephemeral");
    release();
    const second = await lastHook("cmd1", 2);
    expect(second.replace_original).toBe(true);
    expect(second.blocks[0].type).toBe("header");
  });

  it("does not post 'working on it' for a quick answer", async () => {
    await start(recordingBot(), 1500);
    await command("this week");
    await lastHook("cmd1");
    await afterNextAnswer();
    expect(hooksFor("cmd1")).toHaveLength(1);
  });

  it("tells the user when the source fails, and logs it once without secrets", async () => {
    const broken: CostSource = {
      name: "broken",
      query: async () => {
        throw new Error("socket hang up");
      },
    };
    await start(recordingBot(broken));
    await command("this week");
    const body = await lastHook("cmd1");
    expect(textOf(body)).toContain("Something went wrong");
    const errors = logLines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0].err.message).toBe("socket hang up");
    expect(logLines.filter((l) => JSON.stringify(l).includes("socket hang up"))).toHaveLength(1);
    const logged = JSON.stringify(logLines);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain(TOKEN);
  });
});
