// A proxy in front of the fake Slack (node:http, port 0) adding what proactive sends meet in real
// Slack: chat.postMessage rate limits (HTTP 429 + Retry-After), and conversations.history of what
// was posted, so a restarted scheduler can look back. Records each accepted post. Tests only.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { FakeSlack } from "./slack-api.js";

export interface PostedMessage {
  channel: string;
  text: string;
  ts: string;
  bot_id: string;
  at: number;
}

export interface SlackProxy {
  apiUrl: string;
  /** Posts the fake accepted, in order (what each channel now shows). */
  posted: PostedMessage[];
  /** chat.postMessage calls answered 429. */
  throttled: number;
  /** Answer chat.postMessage 429 when this returns a Retry-After in seconds (n = 1-based post count). */
  rateLimit?: (n: number, channel: string) => number | undefined;
  close(): Promise<void>;
}

/** Slack-like pacing: at most `perSecond` posts in any rolling second, else 429 Retry-After 1. */
export function perSecondLimit(perSecond: number): (n: number) => number | undefined {
  const times: number[] = [];
  return () => {
    const now = Date.now();
    while (times.length && now - times[0] >= 1000) times.shift();
    if (times.length >= perSecond) return 1;
    times.push(now);
    return undefined;
  };
}

export async function startSlackProxy(fake: FakeSlack): Promise<SlackProxy> {
  let posts = 0;
  const server: Server = createServer(async (req, res) => {
    const raw = await readAll(req);
    const method = (req.url ?? "/").replace(/^\/api\//, "").split("?")[0];
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    };
    const args = parseArgs(raw, req.headers["content-type"]);
    if (method === "conversations.history") {
      const oldest = Number(args.oldest ?? 0);
      const messages = proxy.posted
        .filter((m) => m.channel === args.channel && Number(m.ts) >= oldest)
        .reverse()
        .map(({ text, ts, bot_id }) => ({ type: "message", text, ts, bot_id }));
      return json(200, { ok: true, messages, has_more: false });
    }
    if (method === "chat.postMessage") {
      const after = proxy.rateLimit?.(++posts, String(args.channel));
      if (after !== undefined) {
        proxy.throttled++;
        return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(after) });
      }
    }
    const upstream = await fetch(fake.apiUrl + method, {
      method: "POST",
      headers: {
        "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: raw,
    });
    const body = (await upstream.json()) as Record<string, any>;
    if (method === "chat.postMessage" && body.ok) {
      // Slack's ts doubles as the post time; the fake counts from a fixed base, so use the clock.
      const ts = (Date.now() / 1000).toFixed(6);
      proxy.posted.push({ channel: String(args.channel), text: String(args.text ?? ""), ts, bot_id: "BCOSTBOT1", at: Date.now() });
    }
    json(upstream.status, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const proxy: SlackProxy = {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    posted: [],
    throttled: 0,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
  return proxy;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if ((contentType ?? "").startsWith("application/json")) return JSON.parse(raw || "{}");
  return Object.fromEntries(new URLSearchParams(raw));
}
