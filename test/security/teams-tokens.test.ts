// Teams with an app id: Bot Framework tokens are checked against signing keys published by the fake
// connector (OpenID metadata on loopback), and anything not signed for this bot is refused with 401.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createTeamsMount } from "../../src/adapters/teams/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { fakeCloudSettings, personalMessage, startFakeBotConnector, type FakeBotConnector } from "../fakes/bot-connector.js";

const APP_ID = "00000000-0000-4000-8000-00000000c057";
const KID = "costbot-test-key";
const published = generateKeyPairSync("rsa", { modulusLength: 2048 });
const forger = generateKeyPairSync("rsa", { modulusLength: 2048 });

let connector: FakeBotConnector;
let app: RunningApp;
const logLines: string[] = [];
let asked = 0;
// Spied before the adapter exists: botbuilder's token check must not reach it, and nothing may replace it.
const consoleError = vi.spyOn(console, "error");

beforeAll(async () => {
  connector = await startFakeBotConnector();
  connector.setSigningKeys([{ ...published.publicKey.export({ format: "jwk" }), kid: KID }]);
  const config = {
    ...loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-used-offline", MicrosoftAppType: "MultiTenant" }),
    host: "127.0.0.1",
  };
  const logger = pino({ level: "info" }, new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) }));
  const source = { name: "unused", query: async () => ({ rows: [], dataAsOf: null, warnings: [] }) };
  const bot = createBot({ costSource: source });
  const counted = { ...bot, answer: (t: string) => (asked++, bot.answer(t)) };
  const mount = createTeamsMount({ auth: fakeCloudSettings(connector) });
  app = await startApp({ config, bot: counted, logger, sourceName: "unused" }, [mount], 0);
});
afterAll(async () => {
  await app.close();
  await connector.close();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const payload = (claims: Record<string, unknown>) => {
  const now = Math.floor(Date.now() / 1000);
  return b64({ iss: "https://api.botframework.com", nbf: now - 60, exp: now + 3600, ...claims });
};

function jwt(key: KeyObject, claims: Record<string, unknown>): string {
  const head = `${b64({ alg: "RS256", typ: "JWT", kid: KID })}.${payload(claims)}`;
  return `${head}.${sign("sha256", Buffer.from(head), key).toString("base64url")}`;
}

/** Signed with a shared secret (HS256) under the published key's id: not an algorithm the channel uses. */
function hmacJwt(claims: Record<string, unknown>): string {
  const head = `${b64({ alg: "HS256", typ: "JWT", kid: KID })}.${payload(claims)}`;
  return `${head}.${createHmac("sha256", "guessed-secret").update(head).digest("base64url")}`;
}

async function postWith(authorization?: string, channelId = "msteams") {
  const activity = { ...personalMessage(connector.url, "this week"), channelId };
  return fetch(`http://127.0.0.1:${app.port}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
}

describe("Teams with an app id", () => {
  it("says it requires Bot Framework tokens", () => {
    expect(app.mounted.join("\n")).toMatch(new RegExp(`app ${APP_ID}.*tokens required`));
  });

  it.each([
    ["no token", undefined],
    ["a token signed by another key", `Bearer ${jwt(forger.privateKey, { aud: APP_ID })}`],
    ["a well-signed token for another bot", `Bearer ${jwt(published.privateKey, { aud: "11111111-1111-4111-8111-111111111111" })}`],
    ["a token from an unknown issuer", `Bearer ${jwt(published.privateKey, { aud: APP_ID, iss: "https://evil.example" })}`],
    ["an expired token", `Bearer ${jwt(published.privateKey, { aud: APP_ID, nbf: 1_600_000_000, exp: 1_600_000_600 })}`],
    ["a token not valid yet", `Bearer ${jwt(published.privateKey, { aud: APP_ID, nbf: 4_000_000_000, exp: 4_000_003_600 })}`],
    ["an HS256 token under the published key id", `Bearer ${hmacJwt({ aud: APP_ID })}`],
    ["a token for a channel its key does not endorse", `Bearer ${jwt(published.privateKey, { aud: APP_ID })}`, "webchat"],
    ["garbage", "Bearer not-a-jwt"],
  ])("refuses %s with 401 and one short log line", async (_name, authorization, channelId?: string) => {
    logLines.length = 0;
    consoleError.mockClear();
    const res = await postWith(authorization, channelId);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized" });
    expect(logLines).toHaveLength(1);
    const line = JSON.parse(logLines[0]);
    expect(line.msg).toMatch(/^teams: refused message activity from .*: (missing|invalid) token/);
    expect(line.msg).not.toMatch(/\n|\s+at /);
    expect(line.err).toBeUndefined();
    expect(consoleError).not.toHaveBeenCalled();
    expect(asked).toBe(0);
    expect(connector.calls).toHaveLength(0);
  });

  it("leaves console.error alone", () => {
    expect(console.error).toBe(consoleError);
  });

  it("lets a token signed with the channel's published key through to the bot, again when reused", async () => {
    const token = `Bearer ${jwt(published.privateKey, { aud: APP_ID, serviceurl: connector.url })}`;
    expect((await postWith(token)).status).not.toBe(401);
    expect((await postWith(token)).status).not.toBe(401);
    expect(asked).toBe(2);
    // The same token for a channel its key does not endorse is still refused, quietly.
    consoleError.mockClear();
    expect((await postWith(token, "webchat")).status).toBe(401);
    expect(consoleError).not.toHaveBeenCalled();
  });
});
