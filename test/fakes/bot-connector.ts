// A fake Bot Connector: a node:http server on port 0 that records what the bot sends to
// /v3/conversations/{id}/activities[/{activityId}] (POST replies, PUT updates) and can publish
// OpenID metadata + signing keys so inbound-token checks run offline. Also builds inbound
// activities from test/fixtures/reference/teams/ so tests post what Teams really sends.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import type { JsonWebKey } from "node:crypto";

export interface ConnectorCall {
  method: string;
  /** Decoded conversation id. */
  conversationId: string;
  /** The id in the path: the message replied to (POST) or updated (PUT); absent for a new post. */
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** performance.now() when the request was complete. */
  at: number;
}

export interface FakeBotConnector {
  /** Base URL to use as an activity's serviceUrl (ends with "/"). */
  url: string;
  calls: ConnectorCall[];
  /** Resolves once `count` calls have been recorded (all of them); vitest's test timeout ends a hang. */
  waitForCalls(count: number): Promise<ConnectorCall[]>;
  /** Called for every recorded call (benchmarks time replies with it). */
  onCall?: (call: ConnectorCall) => void;
  /** Publish these keys at /keys, with OpenID metadata at /openid (Bot Framework's metadata shape). */
  setSigningKeys(keys: Array<JsonWebKey & { kid: string }>): void;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  let nextId = 1;
  let keys: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  const fake = {} as FakeBotConnector;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? "/").split("?")[0];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (req.method === "GET" && path === "/openid") {
      return json(200, { issuer: "https://api.botframework.com", jwks_uri: `${fake.url}keys`, id_token_signing_alg_values_supported: ["RS256"] });
    }
    if (req.method === "GET" && path === "/keys") return json(200, { keys });
    const m = ACTIVITY_PATH.exec(path);
    if (!m || (req.method !== "POST" && req.method !== "PUT")) return json(404, { error: { code: "NotFound", message: path } });
    const call: ConnectorCall = {
      method: req.method,
      conversationId: decodeURIComponent(m[1]),
      activityId: m[2] && decodeURIComponent(m[2]),
      body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
      authorization: req.headers.authorization,
      at: performance.now(),
    };
    fake.calls.push(call);
    fake.onCall?.(call);
    for (const w of waiters.splice(0)) w();
    // The connector answers with a ResourceResponse: the id of the posted (or updated) activity.
    json(req.method === "PUT" ? 200 : 201, { id: call.method === "PUT" ? call.activityId : `${1_700_000_000_000 + nextId++}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  Object.assign(fake, {
    url: `http://127.0.0.1:${port}/`,
    calls: [],
    setSigningKeys(k: Array<Record<string, unknown>>) {
      keys = k.map((key) => ({ ...key, use: "sig", endorsements: ["msteams"] }));
    },
    waitForCalls(count: number) {
      return new Promise<ConnectorCall[]>((resolve) => {
        const check = () => {
          if (fake.calls.length >= count) resolve(fake.calls);
          else waiters.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return fake;
}

/**
 * Bot Framework auth settings for the public cloud with every endpoint moved to `fake`: inbound tokens
 * are checked against the keys it publishes, and outbound token requests fail fast instead of going out.
 */
export function fakeCloudSettings(fake: FakeBotConnector): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: `${fake.url}login`,
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    OAuthUrl: `${fake.url}oauth`,
    ToBotFromChannelOpenIdMetadataUrl: `${fake.url}openid`,
    ToBotFromEmulatorOpenIdMetadataUrl: `${fake.url}emulator-openid`,
    CallerId: "urn:botframework:azure",
  };
}

// ---- inbound activities, shaped after test/fixtures/reference/teams/ ----

const REFERENCE = new URL("../../test/fixtures/reference/teams/", import.meta.url);
const channelCreated = JSON.parse(readFileSync(new URL("activity.conversationUpdate.channelCreated.msteams-docs.json", REFERENCE), "utf8"));
const withMention = JSON.parse(readFileSync(new URL("activity.message.outgoing-with-mention.msteams-docs.json", REFERENCE), "utf8"));

/** The bot as Teams addresses it (recipient of inbound activities). */
export const BOT = channelCreated.recipient as { id: string; name: string };
export const TENANT_ID = channelCreated.channelData.tenant.id as string;
const USER = {
  id: withMention.entities[0].mentioned.id,
  name: withMention.entities[0].mentioned.name,
  aadObjectId: "6aebbad0-e5a5-424a-834a-20fb051f3c1a",
};
const TEAM_CONVERSATION = channelCreated.conversation.id as string;

let seq = 0;
const base = (serviceUrl: string) => ({
  id: `1f:${Date.now()}${seq++}`,
  timestamp: new Date().toISOString(),
  channelId: "msteams",
  serviceUrl,
  from: USER,
  recipient: BOT,
  locale: "en-US",
});

/** A channel post mentioning the bot: `<at>costbot</at> this week`, with the mention entity. */
export function channelMessage(serviceUrl: string, words: string, botName = BOT.name): Record<string, unknown> {
  const mention = `<at>${botName}</at>`;
  return {
    ...base(serviceUrl),
    type: "message",
    text: `${mention} ${words}`,
    textFormat: "plain",
    conversation: { isGroup: true, conversationType: "channel", tenantId: TENANT_ID, id: `${TEAM_CONVERSATION};messageid=1481567603816` },
    channelData: channelCreated.channelData && { ...channelCreated.channelData, eventType: undefined },
    entities: [{ type: "mention", mentioned: BOT, text: mention }],
  };
}

/** A message in a 1:1 chat with the bot: no mention. */
export function personalMessage(serviceUrl: string, words: string, conversationId = "a:1personal-chat-id"): Record<string, unknown> {
  return {
    ...base(serviceUrl),
    type: "message",
    text: words,
    textFormat: "plain",
    conversation: { conversationType: "personal", tenantId: TENANT_ID, id: conversationId },
    channelData: { tenant: { id: TENANT_ID } },
  };
}

/** Action.Submit pressed on the card with activity id `cardId`: a message with `value` and no text. */
export function cardSubmit(serviceUrl: string, cardId: string, command: string, conversationId = "a:1personal-chat-id"): Record<string, unknown> {
  const { text: _t, ...msg } = personalMessage(serviceUrl, "", conversationId);
  return { ...msg, replyToId: cardId, value: { costbot: command } };
}

/** Action.Execute pressed: an adaptiveCard/action invoke. */
export function cardExecute(serviceUrl: string, cardId: string, command: string): Record<string, unknown> {
  const { text: _t, ...msg } = personalMessage(serviceUrl, "");
  return {
    ...msg,
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: cardId,
    value: { action: { type: "Action.Execute", id: "regroup", verb: "costbot", data: { costbot: command } }, trigger: "manual" },
  };
}

/** The bot added to a team (conversationUpdate with the bot among membersAdded). */
export function botAdded(serviceUrl: string): Record<string, unknown> {
  return {
    ...channelCreated,
    id: `f:${Date.now()}${seq++}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    membersAdded: [{ id: BOT.id }],
    channelData: { ...channelCreated.channelData, eventType: "teamMemberAdded", channel: undefined },
  };
}
