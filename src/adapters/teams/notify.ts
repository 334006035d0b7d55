// Proactive sends (digests, alerts) into a conversation the bot has stored a reference for.
// Uses the stored reference only; it never guesses a serviceUrl or conversation id.
import type { AnyReport } from "../../server/render.js";
import { CostbotError } from "../../base/errors.js";
import { createTeamsAdapter, type AuthOverrides, type TeamsCloudAdapter, type TeamsConfig } from "./adapter.js";
import type { ConversationStore } from "./conversation-store.js";
import { toConversationReference } from "./reference.js";
import { reportMessage } from "./reply.js";

export interface TeamsNotifier {
  /**
   * Posts `report` as a new message in the stored conversation; resolves with the new activity id.
   * `beforePost` runs right before the POST (after the token and the card): false sends nothing.
   */
  send(conversationId: string, report: AnyReport, beforePost?: () => Promise<boolean>): Promise<string | undefined>;
}

export interface TeamsNotifierDeps {
  teams: TeamsConfig;
  conversations: ConversationStore;
  /** Reuse the server's adapter when there is one; otherwise one is built from `teams`. */
  adapter?: TeamsCloudAdapter;
  auth?: AuthOverrides;
}

export function createTeamsNotifier(deps: TeamsNotifierDeps): TeamsNotifier {
  const adapter = deps.adapter ?? createTeamsAdapter(deps.teams, deps.auth);
  return {
    async send(conversationId, report, beforePost) {
      const stored = await deps.conversations.getConversation(conversationId);
      if (!stored) {
        throw new CostbotError(`costbot has no Teams conversation ${conversationId} on record`, "NOT_FOUND", {
          hint: "The bot must be installed in (or spoken to in) that conversation first.",
        });
      }
      let id: string | undefined;
      const message = reportMessage(report);
      await adapter.continueConversationAsync(deps.teams.appId, toConversationReference(stored), async (context) => {
        if (beforePost && !(await beforePost())) return;
        id = (await context.sendActivity(message))?.id;
      });
      return id;
    },
  };
}
