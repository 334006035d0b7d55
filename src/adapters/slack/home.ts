// The App Home tab: month-to-date spend by model (with the Microsoft/Marketplace split), via views.publish.
// Slack plumbing only: the numbers come from the bot, the blocks from the Slack renderer.
import type { App, types, webApi } from "@slack/bolt";
import { answerAsMessage, kitBlocks, type HandlerDeps } from "./answer.js";

/** What the Home tab asks when it opens. */
const HOME_QUESTION = "this month by model";
/** Slack's limit for blocks in a Home tab view. */
const HOME_MAX_BLOCKS = 100;

export function registerHome(app: App, deps: HandlerDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, client, event.user, HOME_QUESTION);
  });
}

/** Answers `question` for `userId` and publishes it as their Home tab; logs (once) if Slack refuses. */
export async function publishHome(deps: HandlerDeps, client: webApi.WebClient, userId: string, question: string): Promise<void> {
  const { tz, locale } = await deps.tzOf(client, userId);
  const message = await answerAsMessage(deps, question, { userId, tz, locale });
  const intro: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "AI model spend" } },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: "Ask me anything with `/cost`, e.g. `/cost last week by channel`." }],
    },
  ];
  const blocks = [...intro, ...kitBlocks(message)].slice(0, HOME_MAX_BLOCKS);
  try {
    await client.views.publish({ user_id: userId, view: { type: "home", blocks } });
  } catch (err) {
    deps.logger.error({ err: String(err), userId }, "could not publish the App Home view");
  }
}
