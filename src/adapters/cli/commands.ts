// The chat commands `costbot ask` answers: those that need no channel, plus `budgets` read from
// the cost source; channel settings (budget set, digest, alerts) answer that they are chat commands.
import type { ChatCommand } from "../../bot/bot.js";
import { accuracyCommand } from "../../bot/commands/accuracy.js";
import { chatOnlyCommand } from "../../bot/commands/chat-only.js";
import { errorsCommand } from "../../bot/commands/errors.js";
import { forecastCommand } from "../../bot/commands/forecast.js";
import { sourceBudgetsCommand } from "../../budgets/source-command.js";

export const cliCommands: readonly ChatCommand[] = [accuracyCommand, forecastCommand, errorsCommand, chatOnlyCommand, sourceBudgetsCommand];
