// `budgets` where there is no channel (the CLI): the cost source's own budgets (Azure's), read-only.
// In Slack and Teams the channel's budget command answers instead and lists these beside its own.
// Setting a budget here answers that it is a chat command.
import { type Bot, type ChatCommand, defineCommand } from "../bot/bot.js";
import { chatOnlyReport } from "../bot/commands/chat-only.js";
import type { Report } from "../bot/report.js";
import { azureBudgetLines } from "./azure-budgets.js";

/** `budgets` alone lists; anything more (budget set ...) is a channel's to change. */
type SourceBudgetsWords = { kind: "list" } | { kind: "chat-only"; head: string };

export const sourceBudgetsCommand: ChatCommand = defineCommand({
  heads: ["budgets", "budget"],
  parse: (words): SourceBudgetsWords => (words.length === 1 ? { kind: "list" } : { kind: "chat-only", head: words[0] }),
  run: sourceBudgets,
});

async function sourceBudgets(asked: SourceBudgetsWords, _ctx: unknown, bot: Bot): Promise<Report> {
  if (asked.kind === "chat-only") return chatOnlyReport(asked.head);
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
}
