// `digest daily 09:00 Europe/Berlin`, `digest weekly mon 08:30`, `digest off`, `digest`: a channel's
// scheduled digest. Anyone may read; only COSTBOT_ADMINS may change. Store passed in; no platform SDKs.
import { localTimeLabel, nextDue } from "../schedule/due.js";
import type { DigestSubscription, Store, Target } from "../store/types.js";
import { type ChatCommand, type CommandContext, defineCommand } from "../bot/bot.js";
import type { InvalidIntent } from "../bot/intent-types.js";
import type { NoticeReport, Report } from "../bot/report.js";
import { isAdmin, refuseNonAdmin } from "../bot/commands/admin.js";
import { subscribingTarget } from "../bot/commands/channel.js";
import { formatDate } from "../bot/date-style.js";
import { localDate } from "../base/zones.js";
import { DIGEST_EXAMPLES, type DigestWords, readDigestWords } from "./words.js";

export interface DigestCommandDeps {
  store: Pick<Store, "upsertTarget" | "findTarget" | "setDigest" | "getDigest" | "removeDigest">;
  /** COSTBOT_ADMINS: platform user ids allowed to change digests. */
  admins: readonly string[];
}

const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "every day at 09:00 (Europe/Berlin)" / "every Monday at 08:30 (UTC)". */
function describeDigest(d: Pick<DigestSubscription, "cadence" | "weekday" | "time" | "tz">): string {
  const when = d.cadence === "weekly" ? `every ${WEEKDAY_NAMES[d.weekday ?? 1]}` : "every day";
  return `${when} at ${d.time} (${d.tz})`;
}

function noChannel(): Report {
  return {
    kind: "error",
    message: "Digests need a channel: I can't tell which conversation this message came from.",
    hint: "Ask in the Slack channel or Teams conversation that should receive the digest.",
  };
}

function shown(d: DigestSubscription, target: Target, now: Date, title: string, tone: NoticeReport["tone"]): NoticeReport {
  const next = nextDue(d, now);
  const fields = [{ label: "Schedule", value: describeDigest(d) }];
  if (next) fields.push({ label: "Next digest", value: `${localTimeLabel(next, d.tz)} ${d.tz}` });
  // The channel's date style, once someone's locale set it (else the default, not worth a line).
  if (target.locale) fields.push({ label: "Dates", value: `${target.locale} style, e.g. ${formatDate(localDate(now, d.tz), true, target.locale)}` });
  fields.push({ label: "Set by", value: d.createdBy });
  return {
    kind: "notice",
    tone,
    title,
    lines: ["Each digest shows yesterday's AI model spend and its change, month to date, the month-end forecast, budgets and top movers."],
    fields,
  };
}

/** The digest words, or what is wrong with them (with the examples as the hint). */
function parse(words: string[]): DigestWords | InvalidIntent {
  return readDigestWords(words) ?? { kind: "invalid", message: `"${words[0]}" is not a digest command.`, hint: DIGEST_EXAMPLES };
}

export function createDigestCommand(deps: DigestCommandDeps): ChatCommand {
  const run = async (parsed: DigestWords, ctx: CommandContext): Promise<Report> => {
    if (!ctx.target) return noChannel();
    if (parsed.kind === "show") {
      const target = await deps.store.findTarget(ctx.target.platform, ctx.target.address);
      const d = target && (await deps.store.getDigest(target.id));
      if (!d) return { kind: "notice", tone: "info", title: "No digest in this channel yet", lines: [DIGEST_EXAMPLES] };
      return shown(d, target, ctx.now, "Digest for this channel", "info");
    }
    if (!isAdmin(ctx, deps.admins)) return refuseNonAdmin(deps.admins, "change digests");
    if (parsed.kind === "off") {
      const target = await deps.store.findTarget(ctx.target.platform, ctx.target.address);
      const removed = target ? await deps.store.removeDigest(target.id) : false;
      return removed
        ? { kind: "notice", tone: "success", title: "Digest turned off for this channel", lines: ["Turn it on again with `digest daily 09:00`."] }
        : { kind: "notice", tone: "info", title: "This channel had no digest", lines: [DIGEST_EXAMPLES] };
    }
    const target = await deps.store.upsertTarget(subscribingTarget({ ...ctx, target: ctx.target }));
    const d = await deps.store.setDigest({
      targetId: target.id,
      cadence: parsed.cadence,
      ...(parsed.weekday !== undefined ? { weekday: parsed.weekday } : {}),
      time: parsed.time,
      tz: parsed.tz ?? ctx.target.tz ?? ctx.tz ?? "UTC",
      createdBy: ctx.userId ?? "unknown",
    });
    return shown(d, target, ctx.now, `Digest set: ${describeDigest(d)}`, "success");
  };
  return defineCommand({ heads: ["digest", "digests"], parse, run });
}
