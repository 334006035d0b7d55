// Who may change digests, budgets and alert routes: the platform user ids in COSTBOT_ADMINS.
// Everyone may read. Pure; must not import platform SDKs or the store.
import type { AskContext } from "../bot.js";
import type { NoticeReport } from "../report.js";

const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Platforms an admin entry may name (`web` is the local playground). */
const ADMIN_PLATFORMS = ["slack", "teams", "web"] as const;
type AdminPlatform = (typeof ADMIN_PLATFORMS)[number];

/**
 * The platform an entry counts on: `slack:U123`, `teams:<AAD object id>`, `web:playground` say so;
 * a bare id counts only where its format belongs (Slack `U…`/`W…`, a GUID for Teams), else nowhere.
 */
function adminEntry(entry: string): { platform: AdminPlatform | null; id: string } {
  const e = entry.trim();
  const m = /^([a-z]+):(.+)$/i.exec(e);
  if (m && (ADMIN_PLATFORMS as readonly string[]).includes(m[1].toLowerCase())) {
    return { platform: m[1].toLowerCase() as AdminPlatform, id: m[2].trim() };
  }
  return { platform: SLACK_ID.test(e) ? "slack" : AAD_OBJECT_ID.test(e) ? "teams" : null, id: e };
}

/**
 * True when the asker's platform user id (Slack `U…`, Teams AAD object id) is listed for the
 * platform they are asking on. Compared case-insensitively: AAD object ids are GUIDs that tools print
 * in either case. With no admins configured nobody may change anything (a safe default for a shared channel).
 */
export function isAdmin(ctx: Pick<AskContext, "userId" | "platform">, admins: readonly string[]): boolean {
  const id = ctx.userId?.trim().toLowerCase();
  if (!id || !ctx.platform) return false;
  return admins.some((a) => {
    const entry = adminEntry(a);
    return entry.platform === ctx.platform && entry.id.toLowerCase() === id;
  });
}

/** One start-up warning for bare ids: which platform each counts on, and which count nowhere. */
export function bareAdminsWarning(admins: readonly string[]): string | null {
  const bare = admins.filter((a) => !/^[a-z]+:/i.test(a.trim()));
  if (bare.length === 0) return null;
  const placed = bare.map((a) => ({ a, entry: adminEntry(a) }));
  const counted = placed.filter((p) => p.entry.platform).map((p) => `${p.a} counts as ${p.entry.platform}:${p.entry.id}`);
  const nowhere = placed.filter((p) => !p.entry.platform).map((p) => `"${p.a}"`);
  return [
    "COSTBOT_ADMINS has ids without a platform; each is matched only on the platform its format belongs to:",
    [
      ...counted,
      ...(nowhere.length
        ? [`${nowhere.join(", ")} matches no platform (Slack ids look like U…/W…, Teams AAD object ids are GUIDs) and is ignored`]
        : []),
    ].join("; ") + ".",
    "Write slack:<id> or teams:<AAD object id> to say it outright.",
  ].join(" ");
}

/** The refusal a non-admin sees, naming who can change settings or how to name someone. */
export function refuseNonAdmin(admins: readonly string[], what = "change this"): NoticeReport {
  // The playground's own user (web:…) is nobody a chat user could ask.
  const named = admins.filter((a) => adminEntry(a).platform !== "web");
  if (named.length === 0) {
    return {
      kind: "notice",
      tone: "warning",
      title: "Only admins can " + what,
      lines: [
        "No admins are configured yet, so nobody can change digests, budgets or alert routing.",
        "Set COSTBOT_ADMINS to a comma-separated list of platform user ids (slack:U…, teams:<AAD object id>) and restart costbot.",
        "Anyone can still read: try `budgets`, `digest` or a cost question.",
      ],
    };
  }
  return {
    kind: "notice",
    tone: "warning",
    title: "Only admins can " + what,
    lines: [
      `Ask one of the admins listed in COSTBOT_ADMINS: ${named.join(", ")}.`,
      "Anyone can still read: try `budgets`, `digest` or a cost question.",
    ],
  };
}
