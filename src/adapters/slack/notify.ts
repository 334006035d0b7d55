// Proactive Slack sends (digests, budget and spike alerts): one report to one channel via chat.postMessage.
// Used by the scheduler; no cost logic, and no handling of incoming traffic.
import { webApi } from "@slack/bolt";
import type { Report } from "../../bot/report.js";
import { renderSlack } from "../../bot/render/slack.js";
import type { Logger } from "../../log.js";
import { kitBlocks } from "./answer.js";
import { boltLogger } from "./bolt-logger.js";

export interface SlackTarget {
  /** Channel id (C…), or a user id (U…) for a DM. */
  channel: string;
  threadTs?: string;
}

export interface SlackNotifier {
  platform: "slack";
  /** Posts the report; resolves with the message ts. Throws (CostbotError-free) when Slack refuses. */
  send(target: SlackTarget, report: Report): Promise<{ ts?: string }>;
}

export function createSlackNotifier(opts: { botToken: string; apiUrl?: string; logger: Logger }): SlackNotifier {
  const client = new webApi.WebClient(opts.botToken, {
    logger: boltLogger(opts.logger),
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: 2 },
  });
  return {
    platform: "slack",
    async send(target, report) {
      const message = renderSlack(report);
      const r = await client.chat.postMessage({
        channel: target.channel,
        thread_ts: target.threadTs,
        text: message.text,
        blocks: kitBlocks(message),
      });
      return { ts: r.ts };
    },
  };
}
