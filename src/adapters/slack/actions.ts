// Card buttons (action_id `costbot_*`, value = the command to ask): ack, answer, update the card in place.
// Slack plumbing only: pressing a button is the same as typing its command.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { answerAsMessage, kitBlocks, slackTarget, WORKING_TEXT, withWorkingNotice, type HandlerDeps } from "./answer.js";
import { publishHome } from "./home.js";

/** Buttons the Slack renderer draws carry action ids with this prefix. */
export const ACTION_PREFIX = "costbot_";

export function registerActions(app: App, deps: HandlerDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const command = action.value ?? "";
    const userId = body.user.id;
    if (body.view?.type === "home") {
      await publishHome(deps, client, userId, command);
      return;
    }
    const { tz, locale } = await deps.tzOf(client, userId);
    const target = slackTarget(body.channel?.id, body.team?.id);
    const work = answerAsMessage(deps, command, { userId, tz, locale, target });
    try {
      const { value } = await withWorkingNotice(
        work,
        deps.slowMs,
        () => respond({ replace_original: true, text: WORKING_TEXT }),
        (err) => deps.logger.warn({ err: String(err) }, "could not post the working-on-it note"),
      );
      await respond({ replace_original: true, text: value.text, blocks: kitBlocks(value) });
    } catch (err) {
      deps.logger.error({ err: String(err), userId }, "could not update the card after a button press");
    }
  });
}
