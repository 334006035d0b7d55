// Teams with an app id: Bot Framework tokens are checked against signing keys published by the fake
// connector (OpenID metadata on loopback), and anything not signed for this bot is refused with 401.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
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
// Spied before the adapter exists, so it sees what reaches the real console after the adapter's filter.
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

function jwt(key: KeyObject, claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: "RS256", typ: "JWT", kid: KID })}.${b64({ iss: "https://api.botframework.com", nbf: now - 60, exp: now + 3600, ...claims })}`;
  return `${head}.${sign("sha256", Buffer.from(head), key).toString("base64url")}`;
}

async function postWith(authorization?: string) {
  const activity = personalMessage(connector.url, "this week");
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
    ["garbage", "Bearer not-a-jwt"],
  ])("refuses %s with 401 and one short log line", async (_name, authorization) => {
    logLines.length = 0;
    consoleError.mockClear();
    const res = await postWith(authorization);
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

  it("leaves console.error alone outside the adapter's token check", () => {
    consoleError.mockImplementationOnce(() => {});
    console.error("Error finding key for token. (not from the adapter)");
    expect(consoleError).toHaveBeenCalledWith("Error finding key for token. (not from the adapter)");
  });

  it("lets a token signed with the channel's published key through to the bot", async () => {
    const res = await postWith(`Bearer ${jwt(published.privateKey, { aud: APP_ID, serviceurl: connector.url })}`);
    expect(res.status).not.toBe(401);
    expect(asked).toBe(1);
  });
});
