// What costbot says when it is added to a team, a group chat or a personal chat.
// Words only; the help card comes from the shared bot so Slack and Teams describe the same commands.
import type { Activity } from "botbuilder";
import type { Report } from "../../bot/report.js";
import { cardAttachment } from "./reply.js";

const WELCOME_TEXT =
  "Hi, I'm costbot. I report what your Azure AI models cost — Microsoft-billed and Marketplace — " +
  "with tokens per model, trends and budgets. Mention me with a question, e.g. " +
  '"@costbot this week" or "@costbot last month by model" (no mention needed in a personal chat).';

/** The welcome message: the introduction, with the help card when the bot could produce one. */
export function welcomeMessage(help: Report | null): Partial<Activity> {
  return {
    type: "message",
    text: WELCOME_TEXT,
    attachments: help && help.kind === "help" ? [cardAttachment(help)] : [],
  };
}
