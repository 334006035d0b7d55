// The help card: what costbot understands, as literal commands a person can copy.
// Every example here must parse to a spend intent (test/bot/intent.test.ts checks it). No imports
// beyond the report types.
import type { HelpReport } from "./report.js";

export function helpReport(): HelpReport {
  return {
    kind: "help",
    intro:
      "Ask what your company spends on AI models in Azure, Microsoft-billed and Marketplace. " +
      "With no date words you get this month, by model.",
    sections: [
      {
        title: "When",
        examples: [
          "today", "yesterday", "this week", "last week", "this month", "last month", "ytd",
          "last 7 days", "last 3 months", "november", "2025-11", "q3 2025",
          "2025-11-01 to 2025-11-15", "since 2025-11-01",
        ],
      },
      {
        title: "Grouped by",
        examples: ["by model", "by channel", "by meter", "by resource", "by resource group", "daily"],
      },
      {
        title: "Only some of it",
        examples: ["gpt-4o yesterday", "deepseek-r1 this week", "marketplace last month", "microsoft by day"],
      },
      {
        title: "Compare and rank",
        examples: ["this week vs last week", "last month compare", "top 5 this month", "amortized last month"],
      },
    ],
  };
}
