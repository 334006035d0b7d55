// Turns a report (the bot's or a feature's) into the Teams message activity: the Adaptive Card plus text for notifications.
// Uses only the shared renderers; the card itself is built by src/server/render.ts.
import type { Activity, Attachment } from "botbuilder";
import { formatMoney } from "../../bot/render/format.js";
import { digestCard } from "../../digests/card.js";
import { renderTeams, renderText, type AnyReport } from "../../server/render.js";
import { errorsNotice } from "../../bot/render/errors-view.js";

export const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

export function cardAttachment(report: AnyReport): Attachment {
  return { contentType: ADAPTIVE_CARD, content: renderTeams(report) };
}

/**
 * The message for one report. `text` is one line because Teams shows it above the card and in
 * toasts (it ignores `summary` for cards); `summary` carries the whole text rendering for
 * channels that cannot render cards.
 */
export function reportMessage(report: AnyReport): Partial<Activity> {
  return {
    type: "message",
    text: headline(report),
    summary: renderText(report),
    attachments: [cardAttachment(report)],
  };
}

function headline(report: AnyReport): string {
  switch (report.kind) {
    case "spend":
      return `${report.range.label}: ${formatMoney(report.total, report.currency)} on AI models`;
    case "help":
      return report.intro.split("\n")[0];
    case "error":
      return `Could not answer: ${report.message.split("\n")[0]}`;
    case "notice":
      return report.title;
    case "digest":
      return digestCard(report).headline;
    case "errors":
      return errorsNotice(report).title;
  }
}
