// Where there is no channel (the CLI): chat commands that change a channel's settings (budget set,
// digest, alerts) answer that they are chat commands instead of "I don't know". Platform-free.
import { type ChatCommand, defineCommand } from "../bot.js";
import type { ErrorReport } from "../report.js";

const CHAT_ONLY: Record<string, string> = {
  budget: "budget set 5000 monthly",
  budgets: "budget set 5000 monthly",
  digest: "digest daily 09:00 Europe/Paris",
  digests: "digest daily 09:00 Europe/Paris",
  alerts: "alerts on",
  alert: "alerts on",
  subscribe: "digest daily 09:00 Europe/Paris",
  unsubscribe: "digest off",
};

/** The answer to a channel setting asked where there is no channel. */
export function chatOnlyReport(head: string): ErrorReport {
  return {
    kind: "error",
    message: `"${head}" is a chat command: it belongs to a Slack or Teams channel. Use it there or in the playground (npm start), e.g. ${CHAT_ONLY[head]}.`,
  };
}

/** Whatever follows, the answer is where to ask it: the parse keeps only the word that named it. */
export const chatOnlyCommand: ChatCommand = defineCommand({
  heads: Object.keys(CHAT_ONLY),
  parse: (words) => ({ head: words[0] }),
  run: ({ head }) => chatOnlyReport(head),
});
