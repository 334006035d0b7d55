// Every report for every platform, the one render import for adapters and the CLI: the bot's own
// reports drawn by bot/render, a feature's report from the worded card its feature writes (the
// digest: src/digests/card.ts). JSON is always the report's data (DESIGN.md §3), never the words.
// Must not import any platform SDK: `costbot ask --format slack|teams` runs without them.
import { renderSlack as botSlack, type SlackMessage } from "../bot/render/slack.js";
import { renderTeams as botTeams, type AdaptiveCard } from "../bot/render/teams.js";
import { renderText as botText } from "../bot/render/text.js";
import { wordedSlack } from "../bot/render/worded-slack.js";
import { wordedTeams } from "../bot/render/worded-teams.js";
import { wordedText } from "../bot/render/worded-text.js";
import type { Report } from "../bot/report.js";
import { digestCard } from "../digests/card.js";

export { renderJson } from "../bot/render/json.js";
export { TEAMS_MAX_BYTES } from "../bot/render/teams.js";

export function renderSlack(report: Report): SlackMessage {
  return report.kind === "digest" ? wordedSlack(digestCard(report)) : botSlack(report);
}

export function renderTeams(report: Report): AdaptiveCard {
  return report.kind === "digest" ? wordedTeams(digestCard(report)) : botTeams(report);
}

export function renderText(report: Report): string {
  return report.kind === "digest" ? wordedText(digestCard(report)) : botText(report);
}
