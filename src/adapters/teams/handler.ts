// The Teams ActivityHandler: messages and card buttons go to the shared bot, installs get a welcome,
// and every conversation is remembered for proactive sends. No cost logic and no card layout here.
import { ActivityHandler, TurnContext, type Activity, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from "botbuilder";
import type { AskContext, Bot } from "../../bot/bot.js";
import { isKnownZone } from "../../base/zones.js";
import type { Logger } from "../../log.js";
import type { ConversationStore } from "./conversation-store.js";
import { baseConversationId } from "./reference.js";
import { ADAPTIVE_CARD, reportMessage } from "./reply.js";
import { welcomeMessage } from "./welcome.js";
import { toStoredConversation } from "./reference.js";

export interface TeamsHandlerDeps {
  bot: Bot;
  conversations: ConversationStore;
  logger: Logger;
}

export class TeamsHandler extends ActivityHandler {
  constructor(private readonly deps: TeamsHandlerDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.remember(context);
      await this.answerMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        await this.remember(context);
        const help = await this.deps.bot.answer("help", askContext(context.activity)).catch(() => null);
        await context.sendActivity(welcomeMessage(help));
      }
      await next();
    });
    // Personal installs also arrive as installationUpdate; conversationUpdate already welcomes.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  /** A typed question, or an Action.Submit press (`value.costbot`, no text) that updates its card. */
  private async answerMessage(context: TurnContext): Promise<void> {
    const pressed = buttonCommand(context.activity.value);
    const text = pressed ?? (TurnContext.removeRecipientMention(context.activity) ?? "").trim();
    const report = await this.deps.bot.answer(text, askContext(context.activity));
    const message = reportMessage(report);
    const cardId = context.activity.replyToId;
    if (pressed !== undefined && cardId) {
      await context.updateActivity({ ...message, id: cardId });
    } else {
      await context.sendActivity(message);
    }
  }

  /** Action.Execute (Universal Actions): the refreshed card goes back in the invoke response. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.remember(context);
    const command = buttonCommand(invokeValue.action?.data) ?? invokeValue.action?.verb ?? "";
    const report = await this.deps.bot.answer(command, askContext(context.activity));
    const card = reportMessage(report).attachments![0].content as Record<string, unknown>;
    return { statusCode: 200, type: ADAPTIVE_CARD, value: card };
  }

  private async remember(context: TurnContext): Promise<void> {
    try {
      await this.deps.conversations.saveConversation(toStoredConversation(context.activity));
    } catch (err) {
      // Losing a reference only costs a later proactive send; the user still gets the answer.
      this.deps.logger.warn(`teams: could not store conversation reference: ${(err as Error).message}`);
    }
  }
}

function buttonCommand(value: unknown): string | undefined {
  const command = (value as { costbot?: unknown } | null | undefined)?.costbot;
  return typeof command === "string" ? command : undefined;
}

function askContext(activity: Activity): AskContext {
  const tz = isKnownZone(activity.localTimezone) ? activity.localTimezone : undefined;
  return {
    platform: "teams",
    userId: activity.from?.aadObjectId ?? activity.from?.id,
    tz,
    // Teams sends the client's locale ("en-US"); cards write dates its way.
    locale: typeof activity.locale === "string" ? activity.locale : undefined,
    // Commands like `digest daily 09:00` act on this conversation; its reference is stored apart.
    target: activity.conversation?.id ? { platform: "teams", address: baseConversationId(activity.conversation.id) } : undefined,
  };
}
