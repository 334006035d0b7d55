// Who asks from the playground and where its commands are kept; whether that user is an admin.
// Plain constants: imported by the mount, the API and the server's admin wiring.
import type { Config } from "../../config.js";
import type { TargetInput } from "../../store/types.js";

/** `ctx.userId` of every playground question. */
export const PLAYGROUND_USER_ID = "playground";
/** `ctx.target` of every playground question: `digest daily 09:00` and budgets attach here. */
export const PLAYGROUND_TARGET: TargetInput = { platform: "web", address: "playground" };

/**
 * Extra admin ids for the bot's command handlers: the playground user is an admin on a developer's
 * machine, never in production (where COSTBOT_PLAYGROUND=on only shows what the bot would say).
 */
export function playgroundAdminIds(config: Pick<Config, "production">): string[] {
  // Bound to the web platform: a Slack or Teams user calling themselves "playground" is nobody.
  return config.production ? [] : [`web:${PLAYGROUND_USER_ID}`];
}
