// Events API: `@costbot <words>` in a channel and any message in a DM, each answered in a thread.
// Slack plumbing only: no cost logic, no rendering; bot messages (ours included) are ignored.
import type { App, webApi } from "@slack/bolt";
import { answerAsMessage, kitBlocks, slackTarget, WORKING_TEXT, withWorkingNotice, type HandlerDeps } from "./answer.js";
import { fromSlackText } from "./text.js";

interface Asked {
  channel: string;
  /** The thread to answer in: the message's own thread, or a new one under it. */
  threadTs: string;
  user?: string;
  teamId?: string;
  text: string;
}

/** Events this module and home.ts subscribe to; manifest/slack/manifest.yaml lists the same. */
export const BOT_EVENTS = ["app_mention", "message.im", "app_home_opened"] as const;

export function registerEvents(app: App, deps: HandlerDeps): void {
  app.event("app_mention", async ({ event, client, context }) => {
    if (event.bot_id) return;
    await replyInThread(deps, client, {
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      user: event.user,
      teamId: context.teamId,
      text: fromSlackText(event.text ?? "", context.botUserId),
    });
  });

  app.message(async ({ message, client, context }) => {
    // Only plain human messages in a DM with the bot; edits, joins and bot posts have a subtype.
    if (message.channel_type !== "im" || message.subtype !== undefined || message.bot_id) return;
    await replyInThread(deps, client, {
      channel: message.channel,
      threadTs: message.thread_ts ?? message.ts,
      user: message.user,
      teamId: context.teamId,
      text: fromSlackText(message.text ?? "", context.botUserId),
    });
  });
}

async function replyInThread(deps: HandlerDeps, client: webApi.WebClient, asked: Asked): Promise<void> {
  const { tz, locale } = await deps.tzOf(client, asked.user);
  const target = slackTarget(asked.channel, asked.teamId);
  const work = answerAsMessage(deps, asked.text, { userId: asked.user, tz, locale, target });
  try {
    const { value, noticed } = await withWorkingNotice(
      work,
      deps.slowMs,
      async () => {
        const r = await client.chat.postMessage({ channel: asked.channel, thread_ts: asked.threadTs, text: WORKING_TEXT });
        return r.ts;
      },
      (err) => deps.logger.warn({ err: String(err) }, "could not post the working-on-it note"),
    );
    const blocks = kitBlocks(value);
    if (noticed) await client.chat.update({ channel: asked.channel, ts: noticed, text: value.text, blocks });
    else await client.chat.postMessage({ channel: asked.channel, thread_ts: asked.threadTs, text: value.text, blocks });
  } catch (err) {
    deps.logger.error({ err: String(err), channel: asked.channel }, "could not post the answer to Slack");
  }
}
