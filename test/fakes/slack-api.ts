// A fake Slack: the Web API (auth.test, chat.*, views.publish, users.info) and response_url hooks,
// as a real node:http server on port 0 that records what it receives and rejects what Slack rejects.
// Tests only; shapes follow Slack's Web API docs (form-encoded args, JSON-encoded block arrays).
import { createServer, type IncomingMessage, type Server } from "node:http";
import { parse as parseQuery } from "node:querystring";

export interface ApiCall {
  method: string;
  args: Record<string, any>;
  token?: string;
  at: number;
}
export interface HookPost {
  /** The id in /hooks/<id>: which command or message the response belongs to. */
  id: string;
  body: Record<string, any>;
  at: number;
}

export interface FakeSlack {
  /** Base for `slackApiUrl` (ends with /api/). */
  apiUrl: string;
  /** A response_url that records posts under `id`. */
  responseUrl(id: string): string;
  calls: ApiCall[];
  hooks: HookPost[];
  callsTo(method: string): ApiCall[];
  /** Resolves once `check` passes (polled). No deadline unless `timeoutMs` is given (benchmarks): in tests vitest's timeout ends a hang. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  /** Holds a Web API call's answer until the returned promise settles (called as each call arrives). */
  gate?: (call: ApiCall) => Promise<void> | undefined;
  /** Called as each response_url post arrives (benchmarks time replies with it). */
  onHook?: (hook: HookPost) => void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  botToken?: string;
  botUserId?: string;
  /** users.info answers with this zone. */
  userTz?: string;
  /** users.info answers with this locale, only when asked with include_locale (as Slack does); null: with none. */
  userLocale?: string | null;
  /** Answer chat.postMessage with HTTP 429 and this Retry-After (seconds). */
  rateLimitAfter?: number;
}

export const FAKE_BOT_USER_ID = "UCOSTBOT1";

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = opts.botToken ?? "xoxb-test-token";
  const botUserId = opts.botUserId ?? FAKE_BOT_USER_ID;
  const calls: ApiCall[] = [];
  const hooks: HookPost[] = [];
  let ts = 1_700_000_000;
  const nextTs = () => `${++ts}.000100`;

  const api = (method: string, args: Record<string, any>): Record<string, any> => {
    const problems = [...checkBlocks(args.blocks, 50), ...(args.view ? checkBlocks(args.view.blocks, 100) : [])];
    if (problems.length) return { ok: false, error: "invalid_blocks", errors: problems };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.test/",
          team: "Fake",
          user: "costbot",
          team_id: "T0FAKE",
          user_id: botUserId,
          bot_id: "BCOSTBOT1",
        };
      case "chat.postMessage":
        if (!args.channel || String(args.channel).startsWith("CGONE")) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: args.channel, ts: nextTs(), message: { text: args.text, blocks: args.blocks } };
      case "chat.update":
        if (!args.ts) return { ok: false, error: "message_not_found" };
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "views.publish":
        if (!args.user_id) return { ok: false, error: "invalid_arguments" };
        return { ok: true, view: { id: "VFAKE", type: args.view?.type, blocks: args.view?.blocks } };
      case "users.info":
        return {
          ok: true,
          user: {
            id: args.user,
            tz: opts.userTz ?? "America/New_York",
            is_bot: false,
            ...(String(args.include_locale) === "true" && opts.userLocale !== null ? { locale: opts.userLocale ?? "en-US" } : {}),
          },
        };
      default:
        return { ok: false, error: "unknown_method" };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readAll(req);
    const url = req.url ?? "/";
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.startsWith("/hooks/")) {
      const body = JSON.parse(raw || "{}");
      const hook = { id: decodeURIComponent(url.slice("/hooks/".length)), body, at: Date.now() };
      hooks.push(hook);
      fake.onHook?.(hook);
      const problems = checkBlocks(body.blocks, 50);
      // response_url answers with plain text, like Slack's hooks do.
      res.writeHead(problems.length ? 400 : 200, { "content-type": "text/plain" });
      res.end(problems.length ? "invalid_blocks" : "ok");
      return;
    }
    const method = url.replace(/^\/api\//, "").split("?")[0];
    const args = parseArgs(raw, req.headers["content-type"]);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? args.token;
    const call = { method, args, token, at: Date.now() };
    calls.push(call);
    await fake.gate?.(call);
    if (token !== botToken) return reply(200, { ok: false, error: "invalid_auth" });
    if (opts.rateLimitAfter !== undefined && method === "chat.postMessage") {
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(opts.rateLimitAfter) });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    reply(200, api(method, args));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/hooks/${encodeURIComponent(id)}`,
    calls,
    hooks,
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(check, timeoutMs) {
      const until = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
      for (;;) {
        const v = check();
        if (v) return v as NonNullable<typeof v>;
        if (Date.now() > until) throw new Error("fake Slack: timed out waiting");
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The Web API takes form fields; structured ones (blocks, view) arrive JSON-encoded. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if ((contentType ?? "").startsWith("application/json")) return JSON.parse(raw || "{}");
  const form = parseQuery(raw) as Record<string, any>;
  for (const k of ["blocks", "view", "attachments", "metadata"]) {
    if (typeof form[k] === "string") form[k] = JSON.parse(form[k]);
  }
  return form;
}

/**
 * What Slack would refuse in a block list (docs.slack.dev Block Kit reference): too many blocks,
 * text objects over their limits, too many fields, buttons, or context elements.
 */
export function checkBlocks(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ["blocks must be an array"];
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks (max ${maxBlocks})`);
  const textLen = (t: any, max: number, where: string) => {
    if (t && typeof t.text === "string" && (t.text.length > max || t.text.length === 0)) {
      out.push(`${where}: text of ${t.text.length} chars (1..${max})`);
    }
  };
  blocks.forEach((b: any, i) => {
    const at = `blocks[${i}] (${b?.type})`;
    switch (b?.type) {
      case "header":
        textLen(b.text, 150, at);
        if (b.text?.type !== "plain_text") out.push(`${at}: header text must be plain_text`);
        break;
      case "section":
        textLen(b.text, 3000, at);
        if (!b.text && !b.fields) out.push(`${at}: needs text or fields`);
        if (b.fields?.length > 10) out.push(`${at}: ${b.fields.length} fields (max 10)`);
        b.fields?.forEach((f: any, j: number) => textLen(f, 2000, `${at}.fields[${j}]`));
        break;
      case "context":
        if (!b.elements?.length || b.elements.length > 10) out.push(`${at}: ${b.elements?.length ?? 0} elements (1..10)`);
        b.elements?.forEach((e: any, j: number) => textLen(e, 3000, `${at}.elements[${j}]`));
        break;
      case "actions":
        if (!b.elements?.length || b.elements.length > 25) out.push(`${at}: ${b.elements?.length ?? 0} elements (1..25)`);
        b.elements?.forEach((e: any, j: number) => {
          textLen(e.text, 75, `${at}.elements[${j}]`);
          if (typeof e.value === "string" && e.value.length > 2000) out.push(`${at}.elements[${j}]: value over 2000`);
          if (typeof e.action_id === "string" && e.action_id.length > 255) out.push(`${at}.elements[${j}]: action_id over 255`);
        });
        break;
      case "divider":
      case "image":
      case "rich_text":
        break;
      default:
        out.push(`${at}: unknown block type`);
    }
  });
  return out;
}

// ---- what Slack sends to the app: payload builders and a signed POST ----
// Field names follow test/fixtures/reference/slack/slash-command.body.x-www-form-urlencoded.txt and
// Slack's Events API / block_actions payload docs.

let seq = 0;
const nextId = () => `${Date.now()}${String(++seq).padStart(4, "0")}`;

export interface SlashCommandOptions {
  text: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
  triggerId?: string;
}

/** A `/cost` slash command, form-encoded like the reference body. */
export function slashCommandBody(o: SlashCommandOptions): string {
  return new URLSearchParams({
    token: "xyzz0WbapA4vBCDEFasx0q6G",
    team_id: "T0FAKE",
    team_domain: "fake",
    channel_id: o.channelId ?? "C0COSTS",
    channel_name: "costs",
    user_id: o.userId ?? "U0ALICE",
    user_name: "alice",
    command: "/cost",
    text: o.text,
    api_app_id: "A0COSTBOT",
    is_enterprise_install: "false",
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? `${nextId()}.47445629121.803a0bc887a14d10d2c447fce8b6703c`,
  }).toString();
}

/** An Events API envelope (JSON) around `event`. */
export function eventBody(event: Record<string, unknown>, eventId = `Ev${nextId()}`): string {
  return JSON.stringify({
    token: "xyzz0WbapA4vBCDEFasx0q6G",
    team_id: "T0FAKE",
    api_app_id: "A0COSTBOT",
    event: { event_ts: event.ts ?? `${Date.now() / 1000}`, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0FAKE", user_id: FAKE_BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  });
}

export interface ButtonPressOptions {
  actionId: string;
  value: string;
  responseUrl?: string;
  userId?: string;
  /** Pressed on a message (default) or in the App Home view. */
  container?: "message" | "home";
}

/** A block_actions interaction, form-encoded as `payload=<json>`. */
export function buttonPressBody(o: ButtonPressOptions): string {
  const onHome = o.container === "home";
  const payload = {
    type: "block_actions",
    user: { id: o.userId ?? "U0ALICE", username: "alice", team_id: "T0FAKE" },
    api_app_id: "A0COSTBOT",
    token: "xyzz0WbapA4vBCDEFasx0q6G",
    container: onHome
      ? { type: "view", view_id: "VFAKE" }
      : { type: "message", message_ts: "1700000001.000100", channel_id: "C0COSTS", is_ephemeral: false },
    trigger_id: `${nextId()}.47445629121.aa`,
    team: { id: "T0FAKE", domain: "fake" },
    ...(onHome
      ? { view: { id: "VFAKE", type: "home", blocks: [] } }
      : { channel: { id: "C0COSTS", name: "costs" }, message: { ts: "1700000001.000100", text: "card" }, response_url: o.responseUrl }),
    actions: [
      {
        type: "button",
        action_id: o.actionId,
        block_id: "b1",
        value: o.value,
        text: { type: "plain_text", text: "x" },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";
