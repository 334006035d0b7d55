// The `/cost` slash command: ack at once, answer privately (or in the channel with "public").
// Slack plumbing only: words go to the bot through answer.ts; no cost logic, no rendering here.
import type { App } from "@slack/bolt";
import { answerAsMessage, kitBlocks, slackTarget, WORKING_TEXT, withWorkingNotice, type HandlerDeps } from "./answer.js";
import { fromSlackText, splitVisibility } from "./text.js";

/** The command name; manifest/slack/manifest.yaml must declare the same one. */
export const COMMAND = "/cost";

export function registerCommands(app: App, deps: HandlerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    // Slack gives up after 3 s: acknowledge before any work, answer through response_url.
    await ack();
    const { words, visibility } = splitVisibility(fromSlackText(command.text ?? ""));
    const { tz, locale } = await deps.tzOf(client, command.user_id);
    const target = slackTarget(command.channel_id, command.team_id);
    const work = answerAsMessage(deps, words, { userId: command.user_id, tz, locale, target });
    try {
      const { value, noticed } = await withWorkingNotice(
        work,
        deps.slowMs,
        () => respond({ response_type: visibility, text: WORKING_TEXT }).then(() => true),
        (err) => deps.logger.warn({ err: String(err) }, "could not post the working-on-it note"),
      );
      await respond({
        response_type: visibility,
        replace_original: noticed === true,
        text: value.text,
        blocks: kitBlocks(value),
      });
    } catch (err) {
      deps.logger.error({ err: String(err), userId: command.user_id }, "could not post the /cost answer to response_url");
    }
  });
}
