// Where there is no channel (the CLI): chat commands that change a channel's settings (budget set,
// digest, alerts) answer that they are chat commands instead of "I don't know". Platform-free.
import type { CommandHandler } from "../bot.js";

const CHAT_ONLY: Record<string, string> = {
  budget: "budget set 5000 monthly", budgets: "budget set 5000 monthly",
  digest: "digest daily 09:00 Europe/Paris", digests: "digest daily 09:00 Europe/Paris",
  alerts: "alerts on", alert: "alerts on", subscribe: "digest daily 09:00 Europe/Paris", unsubscribe: "digest off",
};

export const chatOnlyCommand: CommandHandler = (words) => {
  const example = CHAT_ONLY[words[0] ?? ""];
  if (!Object.hasOwn(CHAT_ONLY, words[0] ?? "") || !example) return null;
  return {
    kind: "error",
    message: `"${words[0]}" is a chat command: it belongs to a Slack or Teams channel. Use it there or in the playground (npm start), e.g. ${example}.`,
  };
};
