// Teams end to end: activities shaped after test/fixtures/reference/teams/ are posted to the real server's
// /api/messages (local, unauthenticated mode) and we assert on what the fake Bot Connector received.
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../src/bot/bot.js";
import { TEAMS_MAX_BYTES } from "../../src/server/render.js";
import { loadConfig } from "../../src/config.js";
import { CostbotError } from "../../src/base/errors.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import type { CostSource } from "../../src/cost/types.js";
import { silentLogger } from "../../src/log.js";
import { manyModelsSource } from "../fixtures/sources.js";
import { createMemoryConversationStore, type ConversationStore } from "../../src/adapters/teams/conversation-store.js";
import { createTeamsMount } from "../../src/adapters/teams/mount.js";
import { createTeamsNotifier } from "../../src/adapters/teams/notify.js";
import { mountTeams } from "../../src/adapters/teams/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/index.js";
import {
  botAdded,
  cardExecute,
  cardSubmit,
  channelMessage,
  personalMessage,
  startFakeBotConnector,
  type FakeBotConnector,
} from "../fakes/bot-connector.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
// The adaptivecards package ships ESM with extensionless imports; its UMD bundle loads under Node.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

let connector: FakeBotConnector;
let app: RunningApp | undefined;
let conversations: ConversationStore;
let asked: string[];

beforeEach(async () => {
  connector = await startFakeBotConnector();
  conversations = createMemoryConversationStore();
  asked = [];
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await connector.close();
});

/** The real bot on `source`, recording each question text it was asked. */
function recordingBot(source: CostSource = createDemoCostSource({ clock: () => NOW })): Bot {
  const bot = createBot({ costSource: source, clock: () => NOW });
  return { ...bot, answer: (text, ctx) => (asked.push(text), bot.answer(text, ctx)) };
}

async function start(bot: Bot = recordingBot()) {
  const config = { ...loadConfig({}), host: "127.0.0.1" };
  app = await startApp({ config, bot, logger: silentLogger, sourceName: "demo data" }, [createTeamsMount({ conversations })], 0);
  return { config, app };
}

async function post(activity: Record<string, unknown>) {
  return fetch(`http://127.0.0.1:${app!.port}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
}

type Card = { type: string; version: string; body: Array<Record<string, unknown>>; actions?: Array<{ type: string; data: { costbot: string } }> };
const cardOf = (body: Record<string, unknown>) => {
  const atts = body.attachments as Array<{ contentType: string; content: Card }>;
  expect(atts[0].contentType).toBe(ADAPTIVE);
  return atts[0].content;
};

/** Parses with the Adaptive Cards SDK; returns its complaints except "unknown element, fallback used". */
function adaptiveCardProblems(card: unknown): string[] {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    if (!/Fallback will be used/.test(e.message)) problems.push(e.message);
  }
  const v = parsed.validateProperties();
  for (let i = 0; i < v.validationEvents.length; i++) problems.push(v.validationEvents[i].message);
  return problems;
}

describe("Teams messages", () => {
  it("says loudly at start that it runs without authentication when no app id is set", async () => {
    const { app } = await start();
    expect(app.mounted.join("\n")).toMatch(/POST \/api\/messages .*LOCAL MODE, NO AUTHENTICATION \(MicrosoftAppId is not set\)/);
  });

  it("refuses a body that is not an activity with 400 and calls nobody", async () => {
    await start();
    const res = await fetch(`http://127.0.0.1:${app!.port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await post({ text: "no type" })).status).toBe(400);
    expect(asked).toEqual([]);
    expect(connector.calls).toHaveLength(0);
  });

  it("strips the bot mention in a channel and replies to that message with an Adaptive Card", async () => {
    await start();
    const activity = channelMessage(connector.url, "this week");
    const res = await post(activity);
    expect(res.status).toBe(200);
    expect(asked).toEqual(["this week"]);
    const [reply] = await connector.waitForCalls(1);
    expect(connector.calls).toHaveLength(1);
    expect(reply.method).toBe("POST");
    expect(reply.conversationId).toBe((activity.conversation as { id: string }).id);
    expect(reply.activityId).toBe(activity.id);
    expect(reply.body.replyToId).toBe(activity.id);
    expect(reply.body.text).toMatch(/^This week: \$[\d,]+\.\d\d on AI models$/);
    expect(reply.body.summary).toMatch(/Marketplace/);
    const card = cardOf(reply.body);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(JSON.stringify(card)).toContain("This week");
  });

  it("writes dates in the activity's locale", async () => {
    await start();
    // Bot Framework activities carry the client's `locale`; the fake sends en-US, as Teams does.
    await post({ ...personalMessage(connector.url, "this week"), locale: "en-US" });
    const [reply] = await connector.waitForCalls(1);
    const card = JSON.stringify(cardOf(reply.body));
    // Thursday 27 Nov 2025: this week is Mon 24 - Thu 27 Nov, compared with 17-20 Nov.
    expect(card).toContain("Nov 24 – 27, 2025");
    expect(card).toContain("vs Nov 17 – 20, 2025");
    expect(card).not.toContain("24–27 Nov 2025");
  });

  it("writes dates in the default style when the activity has no locale", async () => {
    await start();
    const { locale: _, ...activity } = personalMessage(connector.url, "this week");
    await post(activity);
    const [reply] = await connector.waitForCalls(1);
    expect(JSON.stringify(cardOf(reply.body))).toContain("24–27 Nov 2025");
  });

  it("answers a personal chat without a mention and remembers the conversation", async () => {
    await start();
    await post(personalMessage(connector.url, "last month by model"));
    expect(asked).toEqual(["last month by model"]);
    const [reply] = await connector.waitForCalls(1);
    expect(reply.conversationId).toBe("a:1personal-chat-id");
    expect(JSON.stringify(cardOf(reply.body))).toContain("Last month");
    const stored = await conversations.getConversation("a:1personal-chat-id");
    expect(stored).toMatchObject({ serviceUrl: connector.url, conversationType: "personal" });
  });

  it("keeps a 200-model answer a valid Adaptive Card 1.5 under 28 KB, with a chart fallback", async () => {
    await start(recordingBot(manyModelsSource(200, NOW.toISOString())));
    await post(personalMessage(connector.url, "this month by model"));
    const [reply] = await connector.waitForCalls(1);
    const card = cardOf(reply.body);
    expect(JSON.stringify(reply.body.summary)).toContain("model-199");
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const chart = card.body.find((e) => String(e.type).startsWith("Chart."));
    expect(chart).toBeDefined();
    expect(chart!.fallback).toMatchObject({ type: "TextBlock" });
  });

  it("reads date words in the zone Teams reports for the sender", async () => {
    // 23:30 UTC on 27 Nov is already 28 Nov in Berlin.
    const late = new Date("2025-11-27T23:30:00Z");
    await start(createBot({ costSource: createDemoCostSource({ clock: () => late }), clock: () => late }));
    await post({ ...personalMessage(connector.url, "today"), localTimezone: "Europe/Berlin" });
    await post({ ...personalMessage(connector.url, "today"), localTimezone: "Not/AZone" });
    const [berlin, fallback] = await connector.waitForCalls(2);
    // The activities say en-US: dates read "Nov 28, 2025".
    expect(berlin.body.summary).toContain("Nov 28, 2025");
    expect(fallback.body.summary).toContain("Nov 27, 2025");
  });

  it("updates the card in place when one of its buttons is pressed (Action.Submit)", async () => {
    await start();
    await post(personalMessage(connector.url, "this week"));
    const [first] = await connector.waitForCalls(1);
    const cardId = "1700000000001";
    const button = cardOf(first.body).actions!.find((a) => /by channel/.test(a.data.costbot))!;
    expect(button.type).toBe("Action.Submit");
    const res = await post(cardSubmit(connector.url, cardId, button.data.costbot));
    expect(res.status).toBe(200);
    expect(asked[1]).toBe(button.data.costbot);
    expect(connector.calls).toHaveLength(2);
    const update = connector.calls[1];
    expect(update).toMatchObject({ method: "PUT", conversationId: "a:1personal-chat-id", activityId: cardId });
    expect(update.body.id).toBe(cardId);
    expect(JSON.stringify(cardOf(update.body))).toContain("Channel");
  });

  it("answers an Action.Execute press with the refreshed card in the invoke response", async () => {
    await start();
    const res = await post(cardExecute(connector.url, "1700000000001", "last week by day"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 200, type: ADAPTIVE, value: { type: "AdaptiveCard", version: "1.5" } });
    expect(asked).toEqual(["last week by day"]);
    expect(connector.calls).toHaveLength(0);
  });

  it("shows a cost source's refusal as an error card in the conversation", async () => {
    const refusing: CostSource = {
      name: "refusing",
      query: async () => {
        throw new CostbotError("Azure Cost Management refused the query (403).", "FORBIDDEN");
      },
    };
    await start(recordingBot(refusing));
    expect((await post(personalMessage(connector.url, "this week"))).status).toBe(200);
    const [reply] = await connector.waitForCalls(1);
    expect(reply.body.text).toBe("Could not answer: Azure Cost Management refused the query (403).");
    expect(JSON.stringify(cardOf(reply.body))).toContain("refused the query");
  });

  it("tells the user when the turn crashes instead of staying silent", async () => {
    const crashing: CostSource = {
      name: "crashing",
      query: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'rows')");
      },
    };
    await start(recordingBot(crashing));
    await post(personalMessage(connector.url, "this week"));
    const [reply] = await connector.waitForCalls(1);
    expect(reply.body.text).toMatch(/^Sorry, something went wrong answering that\./);
    expect(reply.body.text).not.toMatch(/TypeError|undefined/);
  });
});

describe("Teams install and proactive sends", () => {
  it("welcomes the team on install and stores the conversation reference", async () => {
    await start();
    const res = await post(botAdded(connector.url));
    expect(res.status).toBe(200);
    const [welcome] = await connector.waitForCalls(1);
    expect(welcome.conversationId).toBe("19:efa9296d959346209fea44151c742e73@thread.skype");
    expect(welcome.body.text).toMatch(/costbot/);
    expect(welcome.body.text).toMatch(/this week/);
    expect(JSON.stringify(cardOf(welcome.body))).toContain("costbot help");
    expect(asked).toEqual(["help"]);
    const stored = await conversations.getConversation("19:efa9296d959346209fea44151c742e73@thread.skype");
    expect(stored).toMatchObject({ serviceUrl: connector.url, tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
  });

  it("sends a report proactively through a stored reference", async () => {
    const { config } = await start();
    await post(channelMessage(connector.url, "this week"));
    await connector.waitForCalls(1);
    const teamId = "19:efa9296d959346209fea44151c742e73@thread.skype";
    const notifier = createTeamsNotifier({ teams: config.teams, conversations });
    const report = await createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW }).answer("yesterday");
    const id = await notifier.send(teamId, report);
    const calls = await connector.waitForCalls(2);
    const sent = calls[1];
    expect(sent.method).toBe("POST");
    // A new post in the channel, not a reply inside the thread the reference was taken from.
    expect(sent.conversationId).toBe(teamId);
    expect(sent.activityId).not.toBe(calls[0].activityId);
    expect(sent.body.text).toMatch(/^Yesterday: /);
    expect(id).toBeTruthy();
  });

  it("keeps references in the server's database store when it has one, and sends through it", async () => {
    const store = await openStore(":memory:");
    const config = { ...loadConfig({}), host: "127.0.0.1" };
    app = await startApp({ config, bot: recordingBot(), logger: silentLogger, sourceName: "demo data", store }, [mountTeams], 0);
    await post(botAdded(connector.url));
    await connector.waitForCalls(1);
    const teamId = "19:efa9296d959346209fea44151c742e73@thread.skype";
    expect(await store.getConversation(teamId)).toMatchObject({ id: teamId, serviceUrl: connector.url, conversationType: "channel" });
    await createTeamsNotifier({ teams: config.teams, conversations: store }).send(teamId, { kind: "error", message: "budget check failed" });
    const calls = await connector.waitForCalls(2);
    expect(calls[1]).toMatchObject({ method: "POST", conversationId: teamId });
    expect(calls[1].body.text).toBe("Could not answer: budget check failed");
    await app.close();
    app = undefined;
    await store.close();
  });

  it("refuses a proactive send to a conversation it has never seen", async () => {
    const { config } = await start();
    const notifier = createTeamsNotifier({ teams: config.teams, conversations });
    await expect(notifier.send("19:unknown@thread.skype", { kind: "error", message: "x" })).rejects.toThrow(/no Teams conversation/);
    expect(connector.calls).toHaveLength(0);
  });
});
