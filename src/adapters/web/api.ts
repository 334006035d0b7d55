// The playground's JSON API: POST /playground/api/ask answers like a chat message and returns every
// rendering; GET /playground/api/state describes the source and the store. No platform SDKs.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppDeps } from "../../server/app.js";
import { readBody, sendJson } from "../../base/router.js";
import { PLAYGROUND_TARGET, PLAYGROUND_USER_ID } from "./identity.js";
import { describeState } from "./state.js";
import { type ApiOptions, renderAll } from "./render-all.js";
import { isKnownZone } from "../../base/zones.js";
import { dateLocale } from "../../bot/date-style.js";

export const PLAYGROUND_API = "/playground/api";
const MAX_TEXT = 2000;

export function createPlaygroundApi(deps: AppDeps, opts: ApiOptions) {
  return {
    async ask(req: IncomingMessage, res: ServerResponse) {
      if (!sameOrigin(req)) return sendJson(res, 403, { error: "Cross-origin requests are refused." });
      if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
        return sendJson(res, 415, { error: 'Send JSON: {"text": "this week"}.' });
      }
      let body: { text?: unknown; tz?: unknown; locale?: unknown };
      try {
        body = JSON.parse(await readBody(req, 10_000));
      } catch (err) {
        if ((err as { status?: number }).status === 413) return sendJson(res, 413, { error: "The question is too long (10 kB at most)." });
        return sendJson(res, 400, { error: "The body is not JSON." });
      }
      const text = typeof body?.text === "string" ? body.text.trim() : "";
      if (!text || text.length > MAX_TEXT) {
        return sendJson(res, 400, { error: `"text" must be a question of 1 to ${MAX_TEXT} characters.` });
      }
      const tz = isKnownZone(body.tz) ? body.tz : undefined;
      // The browser's language writes the dates, as Slack's and Teams' locale do; an unknown tag means the default style.
      const locale = typeof body.locale === "string" ? dateLocale(body.locale) : undefined;
      // What the asker can act on comes back as an error report; only a bug throws (the router's 500).
      const report = await deps.bot.answer(text, { platform: "web", userId: PLAYGROUND_USER_ID, target: PLAYGROUND_TARGET, tz, locale });
      sendJson(res, 200, renderAll(report));
    },
    async state(_req: IncomingMessage, res: ServerResponse) {
      sendJson(res, 200, await describeState(deps, opts));
    },
  };
}

/** Browsers send Origin on cross-site POSTs; only the page's own origin may ask. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === new URL(`http://${req.headers.host ?? ""}`).host;
  } catch {
    return false;
  }
}
