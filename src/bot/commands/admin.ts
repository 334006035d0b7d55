// Who may change digests, budgets and alert routes: the platform user ids in COSTBOT_ADMINS.
// Everyone may read. Pure; must not import platform SDKs or the store.
import type { AskContext } from "../bot.js";
import type { NoticeReport } from "../report.js";

/**
 * True when the asker's platform user id (Slack `U…`, Teams AAD object id) is listed.
 * Compared case-insensitively: AAD object ids are GUIDs that tools print in either case.
 * With no admins configured nobody may change anything (a safe default for a shared channel).
 */
export function isAdmin(ctx: Pick<AskContext, "userId">, admins: readonly string[]): boolean {
  const id = ctx.userId?.trim().toLowerCase();
  if (!id) return false;
  return admins.some((a) => a.trim().toLowerCase() === id);
}

/** The refusal a non-admin sees, naming who can change settings or how to name someone. */
export function refuseNonAdmin(admins: readonly string[], what = "change this"): NoticeReport {
  if (admins.length === 0) {
    return {
      kind: "notice",
      tone: "warning",
      title: "Only admins can " + what,
      lines: [
        "No admins are configured yet, so nobody can change digests, budgets or alert routing.",
        "Set COSTBOT_ADMINS to a comma-separated list of platform user ids (Slack U…, Teams AAD object ids) and restart costbot.",
        "Anyone can still read: try `budgets`, `digest` or a cost question.",
      ],
    };
  }
  return {
    kind: "notice",
    tone: "warning",
    title: "Only admins can " + what,
    lines: [
      `Ask one of the admins listed in COSTBOT_ADMINS: ${admins.join(", ")}.`,
      "Anyone can still read: try `budgets`, `digest` or a cost question.",
    ],
  };
}
