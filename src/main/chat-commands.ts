// The chat commands a running costbot answers beyond cost questions, in one list: the bot's
// registry (createBot) and the parse tests are built from it.
import type { ChatCommand } from "../bot/bot.js";
import { createAccuracyCommand } from "../bot/commands/accuracy.js";
import { errorsCommand } from "../bot/commands/errors.js";
import { forecastCommand } from "../bot/commands/forecast.js";
import { createAlertsCommand } from "../alerts/command.js";
import { type BudgetCommandDeps, createBudgetCommand } from "../budgets/command.js";
import { createDigestCommand } from "../digests/command.js";

export interface ChatCommandDeps extends BudgetCommandDeps {
  /** Whether ALERT_WEBHOOK_TOKEN is set (`alerts` says how to point Azure at the webhook). */
  webhookTokenSet: boolean;
}

export function chatCommands(deps: ChatCommandDeps): ChatCommand[] {
  return [
    createAccuracyCommand({ checks: deps.store.estimateChecks }),
    forecastCommand,
    errorsCommand,
    createDigestCommand(deps),
    createBudgetCommand(deps),
    createAlertsCommand(deps),
  ];
}
