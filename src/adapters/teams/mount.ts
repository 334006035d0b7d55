// Mounts Teams on the shared server: POST /api/messages through botbuilder's CloudAdapter.
// Everything botbuilder stays in src/adapters/teams; the rest of the app only sees `Mount`.
import type { TurnContext } from "botbuilder";
import { isCostbotError } from "../../base/errors.js";
import type { Mount } from "../../server/app.js";
import { createTeamsAdapter, type AuthOverrides } from "./adapter.js";
import { createMemoryConversationStore, type ConversationStore } from "./conversation-store.js";
import { TeamsHandler } from "./handler.js";
import { createTeamsRoute } from "./http.js";

const TEAMS_PATH = "/api/messages";

export interface TeamsMountOptions {
  /** Where conversation references go; default: the server's store, else process memory. */
  conversations?: ConversationStore;
  /** Extra Bot Framework auth settings (tests point the OpenID metadata at a local fake). */
  auth?: AuthOverrides;
}

export function createTeamsMount(options: TeamsMountOptions = {}): Mount {
  return (router, { config, bot, logger, store }) => {
    const local = !config.teams.appId;
    if (local && config.production) {
      // Unauthenticated Teams is for development; in production it would answer anyone.
      return {
        describe:
          `Teams: not mounted (POST ${TEAMS_PATH} answers 404): MicrosoftAppId is not set and NODE_ENV is production. ` +
          `Set MicrosoftAppId/MicrosoftAppPassword to serve Teams.`,
      };
    }
    const adapter = createTeamsAdapter(config.teams, options.auth);
    const conversations: ConversationStore = options.conversations ?? store ?? createMemoryConversationStore();
    const handler = new TeamsHandler({ bot, conversations, logger });
    adapter.onTurnError = async (context: TurnContext, err: unknown) => {
      logger.error(`teams: turn failed (${context.activity.type}): ${String((err as Error)?.message ?? err).split("\n")[0]}`);
      // Never leave the user in silence; a failing send here must not mask the first error.
      await context
        .sendActivity({ type: "message", text: userMessage(err) })
        .catch((sendErr: Error) => logger.error(`teams: could not report the failure: ${sendErr.message}`));
    };
    router.route(
      "POST",
      TEAMS_PATH,
      createTeamsRoute(adapter, (context) => handler.run(context), logger, { local }),
    );
    const kept = options.conversations || store ? "" : "; conversation references in memory only";
    const describe = config.teams.appId
      ? `Teams: POST ${TEAMS_PATH} (app ${config.teams.appId}, ${config.teams.appType}; Bot Framework tokens required${kept})`
      : `Teams: POST ${TEAMS_PATH} — WARNING: LOCAL MODE, NO AUTHENTICATION (MicrosoftAppId is not set): ` +
        `loopback development only (callers on this machine, application/json, loopback serviceUrls). ` +
        `Set MicrosoftAppId/MicrosoftAppPassword to serve Teams${kept}.`;
    return { describe };
  };
}

/** References go to the server's store when it has one (see AppDeps.store), else to memory. */
export const mountTeams: Mount = createTeamsMount();

function userMessage(err: unknown): string {
  if (isCostbotError(err) && err.message) {
    return `Sorry, I couldn't answer that: ${err.message}${err.hint ? ` ${err.hint}` : ""}`;
  }
  return "Sorry, something went wrong answering that. It has been logged; please try again in a minute.";
}
