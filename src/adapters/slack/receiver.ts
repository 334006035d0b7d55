// A bolt Receiver fed by our own node:http router (one server, one port): verify, parse, ack, dispatch.
// Transport only: must not import the bot, renderers or cost code; handlers live in commands/events/actions.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from "@slack/bolt";
import { readBody, type RouteHandler } from "../../base/router.js";
import { slackPayloadProblem } from "./payload-shape.js";
import { verifySignature } from "./verify.js";

export interface RouterReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  /** Clock for the signature window; tests pin it. */
  nowMs?: () => number;
}

/** The receiver plus the route handler to mount at POST /slack/events. */
export interface RouterReceiver extends Receiver {
  handler: RouteHandler;
}

export function createRouterReceiver(opts: RouterReceiverOptions): RouterReceiver {
  let app: App | undefined;
  const nowMs = opts.nowMs ?? Date.now;
  const empty = (res: ServerResponse, status: number) => {
    res.writeHead(status);
    res.end();
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    let raw: string;
    try {
      raw = await readBody(req, 4 * 1024 * 1024);
    } catch {
      return empty(res, 413);
    }
    // Slack's certificate probe is unsigned and carries nothing to dispatch.
    if (/(^|&)ssl_check=1(&|$)/.test(raw) && String(req.headers["content-type"] ?? "").startsWith("application/x-www-form")) {
      return empty(res, 200);
    }
    const verdict = verifySignature(opts.signingSecret, req.headers, raw, nowMs());
    if (!verdict.ok) {
      opts.logger.warn(`Refused a request to /slack/events: ${verdict.reason}`);
      return empty(res, 401);
    }
    const body = parseSlackBody(raw, req.headers["content-type"]);
    const problem = body ? slackPayloadProblem(body) : "neither a JSON object nor a form";
    if (!body || problem) {
      opts.logger.warn(`Refused a signed request to /slack/events: ${problem}`);
      return empty(res, 400);
    }
    if (body.type === "url_verification") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    if (!app) return empty(res, 503);
    const ack = new HTTPResponseAck({
      logger: opts.logger,
      processBeforeResponse: false,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    const retry = req.headers["x-slack-retry-num"];
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: typeof retry === "string" ? Number.parseInt(retry, 10) : undefined,
      retryReason: typeof req.headers["x-slack-retry-reason"] === "string" ? req.headers["x-slack-retry-reason"] : undefined,
    };
    try {
      await app.processEvent(event);
    } catch (err) {
      // Listeners catch their own errors; this is bolt itself failing (e.g. authorize).
      opts.logger.error(`Slack event processing failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) empty(res, 500);
    }
  };

  return {
    handler,
    init(a: App) {
      app = a;
    },
    // The router owns the socket; start/stop are no-ops so bolt's lifecycle stays satisfied.
    async start() {},
    async stop() {},
  };
}

/** Slash commands and interactivity arrive form-encoded (`payload=` JSON for the latter); events as JSON. */
function parseSlackBody(raw: string, contentType: string | string[] | undefined): Record<string, any> | null {
  try {
    if (String(contentType ?? "").startsWith("application/x-www-form-urlencoded")) {
      const form = parseQuery(raw);
      if (typeof form.payload === "string") return objectOrNull(JSON.parse(form.payload));
      return { ...form } as Record<string, any>;
    }
    return objectOrNull(JSON.parse(raw));
  } catch {
    return null;
  }
}

function objectOrNull(parsed: unknown): Record<string, any> | null {
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, any>) : null;
}
