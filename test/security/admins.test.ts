// Admins are named per platform (issue 11, point 2): COSTBOT_ADMINS=slack:U123,teams:<AAD object id>.
// A bare id counts only on the platform whose id format it has, and the playground user is an admin
// only in the playground — so a Teams activity claiming a Slack id (or "playground") changes nothing.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createSlackMount } from "../../src/adapters/slack/mount.js";
import { signedHeaders } from "../../src/adapters/slack/verify.js";
import { createTeamsMount } from "../../src/adapters/teams/mount.js";
import { createPlaygroundMount } from "../../src/adapters/web/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { createServices, type Services } from "../../src/main/services.js";
import { personalMessage, startFakeBotConnector, type FakeBotConnector } from "../fakes/bot-connector.js";
import { FORM, slashCommandBody, startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const SECRET = "test-signing-secret-admins";
const TOKEN = "xoxb-admins-token";
const AAD = "6aebbad0-e5a5-424a-834a-20fb051f3c1a";
const REFUSED = /Only admins can change budgets/;

let slack: FakeSlack;
let connector: FakeBotConnector;
let services: Services;
let app: RunningApp | undefined;
let logLines: Array<Record<string, unknown>>;
let seq = 0;

afterEach(async () => {
  await app?.close();
  app = undefined;
  await services?.store.close();
  await slack?.close();
  await connector?.close();
});

async function start(admins?: string) {
  slack = await startFakeSlack({ botToken: TOKEN });
  connector = await startFakeBotConnector();
  logLines = [];
  const logger = pino({ level: "info" }, new Writable({ write: (c, _e, done) => (logLines.push(JSON.parse(String(c))), done()) }));
  const env = {
    DATABASE_URL: ":memory:",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slack.apiUrl,
    ...(admins ? { COSTBOT_ADMINS: admins } : {}),
  };
  const config = { ...loadConfig(env), host: "127.0.0.1" };
  services = await createServices(config, logger, () => NOW);
  const deps = { config, bot: services.bot, logger, sourceName: services.costSource.name, store: services.store, notifiers: services.notifiers };
  app = await startApp(deps, [createSlackMount({ slowMs: 10_000 }), createTeamsMount(), createPlaygroundMount({ clock: () => NOW })], 0);
}

/** A Teams personal-chat message from a user with this AAD object id; resolves with the reply's text. */
async function teamsSays(aadObjectId: string, words: string): Promise<string> {
  const activity = personalMessage(connector.url, words, `a:admins-${seq++}`);
  activity.from = { ...(activity.from as object), aadObjectId };
  const before = connector.calls.length;
  const res = await fetch(`http://127.0.0.1:${app!.port}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
  const calls = await connector.waitForCalls(before + 1);
  return String(calls[before].body.text);
}

/** `/cost <words>` from this Slack user; resolves with the response_url post as text. */
async function slackSays(userId: string, words: string): Promise<string> {
  const id = `cmd-${seq++}`;
  const body = slashCommandBody({ text: words, responseUrl: slack.responseUrl(id), userId });
  const res = await fetch(`http://127.0.0.1:${app!.port}/slack/events`, {
    method: "POST",
    headers: { "content-type": FORM, ...signedHeaders(SECRET, body) },
    body,
  });
  expect(res.status).toBe(200);
  const hook = await slack.waitFor(() => slack.hooks.find((h) => h.id === id));
  return JSON.stringify(hook.body);
}

async function playgroundSays(words: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${app!.port}/playground/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: words }),
  });
  return JSON.stringify((await res.json()).report);
}

const budgetNames = async () => (await services.store.listBudgets()).map((b) => b.name).sort();

describe("COSTBOT_ADMINS per platform", () => {
  it("takes a bare Slack id as an admin on Slack only, never for a Teams user claiming that id", async () => {
    await start("U0ADMIN1");
    expect(await teamsSays("U0ADMIN1", "budget set 200 weekly")).toMatch(REFUSED);
    expect(await slackSays("U0ADMIN1", "budget set 100 monthly")).not.toMatch(REFUSED);
    expect(await budgetNames()).toEqual(["monthly"]);
  });

  it("takes a bare AAD object id as an admin on Teams only", async () => {
    await start(AAD.toUpperCase());
    expect(await slackSays(AAD, "budget set 100 monthly")).toMatch(REFUSED);
    expect(await teamsSays(AAD, "budget set 200 weekly")).not.toMatch(REFUSED);
    expect(await budgetNames()).toEqual(["weekly"]);
  });

  it("matches slack:<id> and teams:<id> on their platform only", async () => {
    await start(`slack:U0ADMIN1, teams:${AAD}`);
    expect(await teamsSays("U0ADMIN1", "budget set 300 daily")).toMatch(REFUSED);
    expect(await slackSays(AAD, "budget set 400 daily")).toMatch(REFUSED);
    expect(await slackSays("U0ADMIN1", "budget set 100 monthly")).not.toMatch(REFUSED);
    expect(await teamsSays(AAD, "budget set 200 weekly")).not.toMatch(REFUSED);
    expect(await budgetNames()).toEqual(["monthly", "weekly"]);
  });

  it("makes the playground user an admin in the playground only, never on Teams or Slack", async () => {
    await start();
    expect(await teamsSays("playground", "budget set 200 weekly")).toMatch(REFUSED);
    expect(await slackSays("playground", "budget set 300 daily")).toMatch(REFUSED);
    expect(await playgroundSays("budget set 100 monthly")).not.toMatch(REFUSED);
    expect(await budgetNames()).toEqual(["monthly"]);
  });

  it("warns once at start about bare ids, saying which platform each one counts on", async () => {
    await start(`U0ADMIN1,${AAD},someone,slack:U0OTHER`);
    const warnings = logLines.filter((l) => /COSTBOT_ADMINS/.test(String(l.msg)));
    expect(warnings).toHaveLength(1);
    const msg = String(warnings[0].msg);
    expect(msg).toContain("slack:U0ADMIN1");
    expect(msg).toContain(`teams:${AAD}`);
    expect(msg).toMatch(/"someone".*matches no platform/);
    expect(msg).not.toContain("U0OTHER");
  });

  it("refuses an unknown platform prefix at start, naming COSTBOT_ADMINS", () => {
    expect(() => loadConfig({ COSTBOT_ADMINS: "discord:123" })).toThrow(/COSTBOT_ADMINS.*discord/);
  });
});
