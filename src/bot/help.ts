// The help card: what costbot understands, as literal commands a person can copy.
// Every example under QUESTION_TITLES parses to a spend intent (test/bot/intent.test.ts checks it);
// the command examples are answered by the commands (test/server/services.test.ts checks them).
import type { HelpReport } from "./report.js";

/** Sections whose examples are cost questions; the rest are chat commands. */
export const QUESTION_TITLES = ["When", "Grouped by", "Only some of it", "Compare and rank"];

export function helpReport(): HelpReport {
  return {
    kind: "help",
    intro:
      "Ask what your company spends on AI models in Azure, Microsoft-billed and Marketplace. " + "With no date words you get this month, by model.",
    sections: [
      {
        title: "When",
        examples: [
          "today",
          "yesterday",
          "this week",
          "last week",
          "this month",
          "last month",
          "ytd",
          "last 7 days",
          "last 3 months",
          "november",
          "2025-11",
          "q3 2025",
          "2025-11-01 to 2025-11-15",
          "since 2025-11-01",
        ],
      },
      {
        title: "Grouped by",
        examples: ["by model", "by channel", "by meter", "by resource", "by resource group", "daily", "by deployment", "by deployment type"],
      },
      {
        title: "Only some of it",
        examples: [
          "gpt-4o yesterday",
          "deepseek-r1 this week",
          "marketplace last month",
          "microsoft by day",
          "mistral last month",
          "gpt-5 this month",
          "ptu",
        ],
      },
      {
        title: "Compare and rank",
        examples: [
          "this week vs last week",
          "last week vs the week before",
          "this week vs last month",
          "last month compare",
          "top 5 this month",
          "amortized last month",
        ],
      },
      {
        title: "Forecast and budgets",
        examples: [
          "forecast",
          "forecast gpt-4o",
          "budgets",
          "budget set 5000 monthly",
          "budget set 800 weekly for gpt-4o",
          "budget set 1200 monthly marketplace alerts 50,80,100",
          "budget remove monthly",
        ],
      },
      {
        title: "Usage metrics (Azure Monitor)",
        examples: ["errors this week", "errors yesterday gpt-4o", "accuracy"],
      },
      {
        title: "Digests and alerts (in the channel that should get them)",
        examples: ["digest daily 09:00 Europe/Berlin", "digest weekly mon 08:30", "digest", "digest off", "alerts here", "alerts off"],
      },
    ],
  };
}
