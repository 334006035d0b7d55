// Proactive Slack sends (digests, budget and spike alerts): one report to one target via chat.postMessage.
// Implements the scheduler's Notifier seam; no cost logic, and no handling of incoming traffic.
import { webApi } from "@slack/bolt";
import { renderSlack, type AnyReport } from "../../server/render.js";
import type { Logger } from "../../log.js";
import { NotifyError, type Notifier } from "../../schedule/notifier.js";
import type { Target } from "../../store/types.js";
import { kitBlocks } from "./answer.js";
import { boltLogger } from "./bolt-logger.js";

/** Slack errors no retry will fix: the target should stop receiving (Web API `error` codes). */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "not_authed",
  "missing_scope",
  "restricted_action",
  "user_not_found",
  "team_access_not_granted",
]);

export function createSlackNotifier(opts: { botToken: string; apiUrl?: string; logger: Logger }): Notifier<AnyReport> {
  const client = new webApi.WebClient(opts.botToken, {
    logger: boltLogger(opts.logger),
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    // The scheduler owns retries (and spacing); one quick retry here covers a dropped connection.
    retryConfig: { retries: 1 },
    rejectRateLimitedCalls: true,
  });
  return {
    async send(target: Target, report: AnyReport) {
      const message = renderSlack(report);
      try {
        await client.chat.postMessage({ channel: target.address, text: message.text, blocks: kitBlocks(message) });
      } catch (err) {
        throw toNotifyError(err, target.address);
      }
    },
  };
}

/** Classifies a WebClient failure: Slack's own refusals by code, rate limits and transport as transient. */
function toNotifyError(err: unknown, channel: string): NotifyError {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  const slackError = e.data?.error;
  if (e.code === webApi.ErrorCode.PlatformError && slackError && PERMANENT.has(slackError)) {
    return new NotifyError(`Slack refused the post to ${channel}: ${slackError}`, "permanent", slackError, { cause: err });
  }
  const what =
    e.code === webApi.ErrorCode.RateLimitedError ? `rate limited (retry after ${e.retryAfter ?? "?"} s)` : (slackError ?? e.message ?? String(err));
  return new NotifyError(`Slack post to ${channel} failed: ${what}`, "transient", undefined, { cause: err });
}
