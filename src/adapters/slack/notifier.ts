// The scheduler's Slack notifier: createSlackNotifier's sends, plus the wait Slack asks for on a
// 429 (Retry-After) and a look back in the channel for a post a crashed instance already made.
import { webApi } from "@slack/bolt";
import { escapeMrkdwn } from "../../bot/render/slack-escape.js";
import { digestCard } from "../../digests/card.js";
import { renderSlack, type AnyReport } from "../../server/render.js";
import type { Logger } from "../../log.js";
import { NotifyError, type Notifier } from "../../schedule/notifier.js";
import { boltLogger } from "./bolt-logger.js";
import { createSlackNotifier } from "./notify.js";

export interface SlackNotifierOptions {
  botToken: string;
  apiUrl?: string;
  logger: Logger;
}

/** What identifies a report among the channel's messages: a digest by its title (its day), others by text. */
function slackMarker(report: AnyReport): string {
  return report.kind === "digest" ? escapeMrkdwn(digestCard(report).title) : renderSlack(report).text;
}

export function createSlackSchedulerNotifier(opts: SlackNotifierOptions): Notifier<AnyReport> {
  const inner = createSlackNotifier(opts);
  const client = new webApi.WebClient(opts.botToken, {
    logger: boltLogger(opts.logger),
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    retryConfig: { retries: 1 },
    rejectRateLimitedCalls: true,
  });
  let botId: Promise<string | undefined> | undefined;
  return {
    async send(target, report) {
      try {
        await inner.send(target, report);
      } catch (err) {
        throw withRetryAfter(err);
      }
    },
    async alreadySent(target, report, since) {
      try {
        botId ??= client.auth.test().then((r) => r.bot_id);
        const me = await botId;
        const marker = slackMarker(report);
        // Needs channels:history (groups:history for private channels); without it we cannot tell.
        const page = await client.conversations.history({ channel: target.address, oldest: String(since.getTime() / 1000), limit: 200 });
        return (page.messages ?? []).some((m) => (!me || m.bot_id === me) && (m.text ?? "").startsWith(marker));
      } catch (err) {
        opts.logger.info({ channel: target.address, err: (err as Error).message }, "slack: cannot look back in the channel; sending again");
        return undefined;
      }
    },
  };
}

/** Carries Slack's Retry-After (seconds, on the WebClient's rate-limit error) into the NotifyError. */
function withRetryAfter(err: unknown): unknown {
  if (!(err instanceof NotifyError) || err.kind !== "transient") return err;
  const after = (err.cause as { retryAfter?: number } | undefined)?.retryAfter;
  if (typeof after !== "number" || !Number.isFinite(after)) return err;
  return new NotifyError(err.message, "transient", undefined, { cause: err.cause, retryAfterMs: after * 1000 });
}
