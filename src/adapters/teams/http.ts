// Bridges node's req/res to the CloudAdapter: parse the JSON body, run the turn, answer the channel.
// Refused tokens become one concise log line and a 401, never a stack trace per bad request.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Activity } from "botbuilder";
import type { Logger } from "../../log.js";
import { readBody, sendJson, type RouteHandler } from "../../base/router.js";
import { isAuthFailure, type TeamsCloudAdapter, type TurnLogic } from "./adapter.js";
import { refuseLocalRequest, refuseServiceUrl, type Refusal } from "./local-mode.js";

export interface TeamsRouteOptions {
  /** No MicrosoftAppId: unauthenticated, so loopback callers, JSON and loopback serviceUrls only. */
  local: boolean;
}

export function createTeamsRoute(adapter: TeamsCloudAdapter, logic: TurnLogic, logger: Logger, opts: TeamsRouteOptions): RouteHandler {
  const refuse = (res: ServerResponse, req: IncomingMessage, r: Refusal) => {
    logger.warn(`teams: local mode refused a request from ${req.socket.remoteAddress ?? "?"}: ${r.error}`);
    sendJson(res, r.status, { error: r.error });
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const early = opts.local ? refuseLocalRequest(req) : null;
    if (early) return refuse(res, req, early);
    let activity: Activity;
    try {
      activity = parseActivity(await readBody(req));
    } catch (err) {
      const status = (err as { status?: number }).status ?? 400;
      sendJson(res, status, { error: (err as Error).message });
      return;
    }
    const late = opts.local ? refuseServiceUrl(activity.serviceUrl) : null;
    if (late) return refuse(res, req, late);
    const authHeader = String(req.headers.authorization ?? "");
    try {
      const invoke = await adapter.run(authHeader, activity, logic);
      if (invoke) sendJson(res, invoke.status, invoke.body ?? {});
      else res.writeHead(200).end();
    } catch (err) {
      if (isAuthFailure(err)) {
        logger.warn(
          `teams: refused ${activity.type} activity from ${req.socket.remoteAddress ?? "?"}: ${authHeader ? "invalid" : "missing"} token (${oneLine(err)})`,
        );
        sendJson(res, 401, { error: "Unauthorized" });
        return;
      }
      logger.error(`teams: ${activity.type} activity failed: ${oneLine(err)}`);
      sendJson(res, 500, { error: "Internal error; it has been logged." });
    }
  };
}

/** Parses and normalises an inbound activity the way CloudAdapter.process does (dates as Date). */
export function parseActivity(body: string): Activity {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw Object.assign(new Error("Body is not JSON"), { status: 400 });
  }
  const a = parsed as Record<string, unknown> | null;
  if (!a || typeof a !== "object" || Array.isArray(a) || typeof a.type !== "string") {
    throw Object.assign(new Error("Body is not a Bot Framework activity (no type)"), { status: 400 });
  }
  for (const key of ["timestamp", "localTimestamp", "expiration"] as const) {
    const raw = a[key];
    if (typeof raw === "string") {
      a[`raw${key[0].toUpperCase()}${key.slice(1)}`] = raw;
      a[key] = new Date(raw);
    }
  }
  return a as unknown as Activity;
}

function oneLine(err: unknown): string {
  return String((err as Error)?.message ?? err)
    .split("\n")[0]
    .slice(0, 200);
}
