// Signed but malformed Slack bodies (issue 11, point 10): a request that passes the signature check
// but is not a payload costbot handles gets an empty 400 at once — never a 500, never a hang.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { createSlackMount } from "../../src/adapters/slack/mount.js";
import { signedHeaders } from "../../src/adapters/slack/verify.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { FORM, JSON_TYPE, slashCommandBody, startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const SECRET = "malformed-secret";
let slack: FakeSlack;
let app: RunningApp;
let asked = 0;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: "xoxb-malformed" });
  const config = { ...loadConfig({}), host: "127.0.0.1", slack: { signingSecret: SECRET, botToken: "xoxb-malformed", apiUrl: slack.apiUrl } };
  const bot = createBot({ costSource: createDemoCostSource({}) });
  const counted = { ...bot, answer: (...a: Parameters<typeof bot.answer>) => (asked++, bot.answer(...a)) };
  app = await startApp({ config, bot: counted, logger: silentLogger, sourceName: "demo data" }, [createSlackMount()], 0);
});
afterAll(async () => {
  await app.close();
  await slack.close();
});

async function post(contentType: string, body: string) {
  const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, ...signedHeaders(SECRET, body) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const form = (payload: unknown) => `payload=${encodeURIComponent(typeof payload === "string" ? payload : JSON.stringify(payload))}`;

describe("signed Slack bodies that are not a payload costbot handles", () => {
  it.each<[string, string, string]>([
    ["an empty JSON object", JSON_TYPE, "{}"],
    ["an event envelope without an event", JSON_TYPE, '{"type":"event_callback"}'],
    ["an event that is null", JSON_TYPE, '{"type":"event_callback","event":null}'],
    ["an event that is a string", JSON_TYPE, '{"type":"event_callback","event":"x"}'],
    ["an event that is an array", JSON_TYPE, '{"type":"event_callback","event":[]}'],
    ["block_actions without actions", JSON_TYPE, '{"type":"block_actions"}'],
    ["block_actions whose action has no action_id", FORM, form({ type: "block_actions", user: { id: "U1" }, actions: [{}] })],
    ["block_actions without a user", FORM, form({ type: "block_actions", actions: [{ action_id: "costbot_x", type: "button" }] })],
    ["a view submission (costbot has no modals)", JSON_TYPE, '{"type":"view_submission"}'],
    ["a shortcut (costbot declares none)", JSON_TYPE, '{"type":"shortcut"}'],
    ["a payload that is a number", FORM, "payload=1"],
    ["a payload that is an empty object", FORM, form({})],
    ["a payload that is an array", FORM, form([])],
    ["a payload that is not JSON", FORM, "payload=%7Bnot"],
    ["a form with no command", FORM, "a=b"],
    ["an empty form", FORM, ""],
    ["a slash command named twice", FORM, "command=/cost&command=/cost&user_id=U1"],
    ["a slash command with its text twice", FORM, `${slashCommandBody({ text: "today", responseUrl: "http://127.0.0.1:1/hooks/x" })}&text=again`],
    ["a prototype key", JSON_TYPE, '{"__proto__":{"type":"event_callback"}}'],
    ["a body that is not JSON or a form", "text/plain", "hello"],
  ])("answers %s with an empty 400", async (_name, type, body) => {
    const res = await post(type, body);
    expect(res).toEqual({ status: 400, text: "" });
  });

  it("has asked the bot nothing", () => {
    expect(asked).toBe(0);
  });

  it("still answers a well-formed slash command with 200", async () => {
    const res = await post(FORM, slashCommandBody({ text: "help", responseUrl: slack.responseUrl("ok") }));
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.hooks.find((h) => h.id === "ok"));
  });
});
