// The one path from words to a Slack message: ask the bot, turn failures into an error card, render.
// Also the "working on it…" timing every reply shares. No cost logic; no Web API calls here.
import { type AskContext, type Bot, errorReport } from "../../bot/bot.js";
import type { types } from "@slack/bolt";
import type { SlackMessage } from "../../bot/render/slack.js";
import { renderSlack } from "../../server/render.js";
import type { Logger } from "../../log.js";
import type { TzLookup } from "./user-tz.js";

export type { SlackMessage };

/** The renderer's plain block records, typed as the Block Kit blocks bolt's Web API calls take. */
export function kitBlocks(message: SlackMessage): types.KnownBlock[] {
  return message.blocks as unknown as types.KnownBlock[];
}

export const WORKING_TEXT = "Working on it… (fetching cost data)";

export interface AnswerDeps {
  bot: Bot;
  logger: Logger;
  /** Post a "working on it…" note when an answer takes longer than this (ms). */
  slowMs: number;
}

/** Ask the bot and render; never throws: failures become a short error card and one log line. */
// No cache here: the cost source behind the bot has the one cache (cost/sources/cached.ts).
export async function answerAsMessage(deps: AnswerDeps, words: string, ctx: AskContext): Promise<SlackMessage> {
  try {
    const report = await deps.bot.answer(words, { ...ctx, platform: "slack" });
    // Error cards from the bot (unknown words, a source refusing) are normal answers: one info line.
    // Only a bug throws; the card then says so vaguely and the log has the details.
    if (report.kind === "error") deps.logger.info({ userId: ctx.userId, message: report.message }, "answered with an error card");
    return renderSlack(report);
  } catch (err) {
    deps.logger.error({ err: describeError(err), userId: ctx.userId, words: words.slice(0, 200) }, "Slack question failed");
    return renderSlack(errorReport(err));
  }
}

/** Loggable shape of an error: name, code and message, never request bodies or tokens. */
function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, ...(code !== undefined ? { code } : {}), stack: err.stack };
  }
  return { message: String(err) };
}

/**
 * Waits for `work`; if it is still running after `slowMs`, runs `notice` once (e.g. posts
 * "working on it…") and keeps waiting. `noticed` is what `notice` returned, if it ran and succeeded.
 */
export async function withWorkingNotice<T, N>(
  work: Promise<T>,
  slowMs: number,
  notice: () => Promise<N>,
  onNoticeError: (err: unknown) => void = () => {},
): Promise<{ value: T; noticed?: N }> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<"slow">((resolve) => {
    timer = setTimeout(() => resolve("slow"), slowMs);
  });
  const first = await Promise.race([work.then((value) => ({ value })), slow]);
  clearTimeout(timer);
  if (first !== "slow") return first;
  let noticed: N | undefined;
  try {
    noticed = await notice();
  } catch (err) {
    onNoticeError(err);
  }
  return { value: await work, noticed };
}

/** Where a Slack message came from, as the bot's commands (digests, budgets) record it. */
export function slackTarget(channel: string | undefined, teamId: string | undefined): AskContext["target"] {
  return channel ? { platform: "slack", address: channel, reference: teamId ? { teamId } : null } : undefined;
}

/** What every Slack handler gets: the bot path above plus the asker's zone lookup. */
export interface HandlerDeps extends AnswerDeps {
  tzOf: TzLookup;
}
