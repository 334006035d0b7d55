// `budgets` where there is no channel (the CLI): the cost source's own budgets (Azure's), read-only.
// In Slack and Teams the channel's budget command answers first and lists these beside its own.
import { azureBudgetLines } from "./azure-budgets.js";
import type { CommandHandler } from "../bot/bot.js";

export const sourceBudgetsCommand: CommandHandler = async (words, _ctx, bot) => {
  if (words.length !== 1 || (words[0] !== "budgets" && words[0] !== "budget")) return null;
  const lines = await azureBudgetLines(bot.costSource);
  return {
    kind: "notice",
    tone: "info",
    title: `Budgets on ${bot.costSource.name}`,
    lines: lines.length
      ? lines
      : [
          `${bot.costSource.name} has no budgets of its own: Azure budgets are read with --source azure.`,
          "costbot's own budgets belong to a channel: set them in Slack or Teams (budget set 5000 monthly).",
        ],
  };
};
