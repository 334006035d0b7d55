// Teams without credentials (issue 11, points 1 and 3): in production /api/messages is not mounted at
// all; the local, unauthenticated mode serves loopback development only (JSON bodies from loopback
// peers naming loopback serviceUrls), so neither the internet nor a web page can drive the bot.
import { networkInterfaces } from "node:os";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { createMemoryConversationStore, type ConversationStore } from "../../src/adapters/teams/conversation-store.js";
import { createTeamsMount } from "../../src/adapters/teams/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { personalMessage, startFakeBotConnector, type FakeBotConnector } from "../fakes/bot-connector.js";

const NOW = new Date("2025-11-27T09:00:00Z");
let connector: FakeBotConnector;
let app: RunningApp | undefined;
let conversations: ConversationStore;
let asked: string[];
let logLines: string[];

beforeEach(async () => {
  connector = await startFakeBotConnector();
  conversations = createMemoryConversationStore();
  asked = [];
  logLines = [];
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await connector.close();
});

function recordingBot(): Bot {
  const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW });
  return { ...bot, answer: (text, ctx) => (asked.push(text), bot.answer(text, ctx)) };
}

async function start(env: NodeJS.ProcessEnv = {}, host = "127.0.0.1") {
  const config = { ...loadConfig(env), host };
  const logger = pino({ level: "info" }, new Writable({ write: (c, _e, done) => (logLines.push(String(c)), done()) }));
  app = await startApp({ config, bot: recordingBot(), logger, sourceName: "demo data" }, [createTeamsMount({ conversations })], 0);
  return app;
}

function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`http://127.0.0.1:${app!.port}/api/messages`, { method: "POST", headers, body });
}

describe("Teams in production without MicrosoftAppId", () => {
  it.each(["production", "Production", "PRODUCTION"])("is not mounted (404) with NODE_ENV=%s, and the start-up log says why", async (nodeEnv) => {
    await start({ NODE_ENV: nodeEnv });
    const res = await post(JSON.stringify(personalMessage(connector.url, "this week")));
    expect(res.status).toBe(404);
    expect(app!.mounted.join("\n")).toMatch(/Teams: not mounted.*MicrosoftAppId is not set.*production/);
    expect(asked).toEqual([]);
    expect(connector.calls).toEqual([]);
  });
});

describe("Teams local mode (no MicrosoftAppId, not production)", () => {
  it("answers a JSON activity naming a loopback serviceUrl", async () => {
    await start();
    const res = await post(JSON.stringify(personalMessage(connector.url, "this week")));
    expect(res.status).toBe(200);
    await connector.waitForCalls(1);
    expect(asked).toEqual(["this week"]);
  });

  it.each(["http://localhost:1/", "http://127.0.0.9:1/", "http://[::1]:1/"])("accepts the loopback serviceUrl %s", async (serviceUrl) => {
    await start();
    const res = await post(JSON.stringify({ ...personalMessage(serviceUrl, "help"), type: "typing" }));
    expect(res.status).toBe(200);
  });

  it.each(["https://evil.example/", "http://169.254.169.254/latest/", "http://10.0.0.5:8080/", "http://127.0.0.1.evil.example/", "not a url"])(
    "refuses serviceUrl %s with 403 naming serviceUrl, and calls nobody",
    async (serviceUrl) => {
      await start();
      const res = await post(JSON.stringify(personalMessage(serviceUrl, "this week")));
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/serviceUrl/);
      expect(asked).toEqual([]);
      expect(await conversations.listConversations()).toEqual([]);
    },
  );

  it("refuses a cross-origin text/plain POST (a web page's simple request) with 415 and does not drive the bot", async () => {
    await start();
    const res = await post(JSON.stringify(personalMessage(connector.url, "this week")), {
      "content-type": "text/plain;charset=UTF-8",
      origin: "https://evil.example",
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error).toMatch(/application\/json/);
    expect(asked).toEqual([]);
    expect(connector.calls).toEqual([]);
  });

  it.each(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""])("refuses content-type %j with 415", async (type) => {
    await start();
    const res = await post(JSON.stringify(personalMessage(connector.url, "this week")), type ? { "content-type": type } : {});
    expect(res.status).toBe(415);
    expect(asked).toEqual([]);
  });

  // This machine's own non-loopback address: a caller there is "another machine" to the server.
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4")?.address;
  it.skipIf(!lanAddress)("refuses a caller that is not on loopback with 403, even bound to every interface", async () => {
    await start({}, "0.0.0.0");
    const res = await fetch(`http://${lanAddress}:${app!.port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(personalMessage(connector.url, "this week")),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/only answers callers on this machine/);
    expect(asked).toEqual([]);
    expect(connector.calls).toEqual([]);
  });

  it("says at start that it is loopback development only", async () => {
    await start();
    expect(app!.mounted.join("\n")).toMatch(/LOCAL MODE.*loopback/);
  });
});
