// Every report for every platform, the one render import for adapters and the CLI: the bot's own
// reports drawn by bot/render, a feature's report from the worded card its feature writes (the
// digest: src/digests/card.ts). JSON is always the report's data (DESIGN.md §3), never the words.
// Must not import any platform SDK: `costbot ask --format slack|teams` runs without them.
import { renderJson as botJson, type ReportJson } from "../bot/render/json.js";
import { renderSlack as botSlack, type SlackMessage } from "../bot/render/slack.js";
import { renderTeams as botTeams, type AdaptiveCard } from "../bot/render/teams.js";
import { renderText as botText } from "../bot/render/text.js";
import { wordedSlack } from "../bot/render/worded-slack.js";
import { wordedTeams } from "../bot/render/worded-teams.js";
import { wordedText } from "../bot/render/worded-text.js";
import type { Report } from "../bot/report.js";
import { digestCard } from "../digests/card.js";
import type { DigestReport } from "../digests/report.js";

export { TEAMS_MAX_BYTES } from "../bot/render/teams.js";

/** Any report a platform shows: the bot's answers and notices, and a feature's own report (the digest). */
export type AnyReport = Report | DigestReport;

/** A fresh object each call: callers may serialise or change it without touching the report. */
export function renderJson(report: AnyReport): ReportJson | DigestReport {
  return report.kind === "digest" ? structuredClone(report) : botJson(report);
}

export function renderSlack(report: AnyReport): SlackMessage {
  return report.kind === "digest" ? wordedSlack(digestCard(report)) : botSlack(report);
}

export function renderTeams(report: AnyReport): AdaptiveCard {
  return report.kind === "digest" ? wordedTeams(digestCard(report)) : botTeams(report);
}

export function renderText(report: AnyReport): string {
  return report.kind === "digest" ? wordedText(digestCard(report)) : botText(report);
}
