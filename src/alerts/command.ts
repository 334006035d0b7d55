// `alerts here` / `alerts off` / `alerts`: routes Azure budget alerts (the /alerts/azure webhook)
// and spike alerts to this channel. Changing is for admins; everyone can see the routing.
// Must not import platform SDKs or the HTTP server.
import type { Store } from "../store/types.js";
import { type ChatCommand, type CommandContext, defineCommand } from "../bot/bot.js";
import type { Report } from "../bot/report.js";
import { isAdmin, refuseNonAdmin } from "../bot/commands/admin.js";
import { subscribingTarget } from "../bot/commands/channel.js";
import { type AlertsWords, readAlertsWords } from "./words.js";

export interface AlertsCommandDeps {
  store: Store;
  admins: string[];
  /** Whether ALERT_WEBHOOK_TOKEN is set (the webhook refuses everything without it). */
  webhookTokenSet: boolean;
}

const WEBHOOK = "https://<costbot host>/alerts/azure?token=<ALERT_WEBHOOK_TOKEN>";

export function createAlertsCommand(deps: AlertsCommandDeps): ChatCommand {
  const run = async (asked: AlertsWords, ctx: CommandContext): Promise<Report> => {
    if (!ctx.target) {
      return {
        kind: "error",
        message: "Alerts go to a channel, and this message did not come from one.",
        hint: "Ask in the Slack channel or Teams conversation that should get them.",
      };
    }
    if (asked.kind === "status") return await status(ctx.target.platform, ctx.target.address, deps);
    if (!isAdmin(ctx, deps.admins)) return refuseNonAdmin(deps.admins, "change alert routing");
    const target = await deps.store.upsertTarget(subscribingTarget({ ...ctx, target: ctx.target }));
    if (asked.kind === "off") {
      const removed = await deps.store.removeAlertRoute(target.id);
      return {
        kind: "notice",
        tone: "success",
        title: removed ? "Alerts off for this channel" : "This channel was not getting alerts",
        lines: ["Azure budget alerts and spike alerts no longer come here. Budgets set in this channel still alert here."],
      };
    }
    await deps.store.setAlertRoute({ targetId: target.id, scope: "*", createdBy: ctx.userId ?? "unknown" });
    return {
      kind: "notice",
      tone: "success",
      title: "Alerts will come to this channel",
      lines: [
        "Azure budget alerts for every scope this bot watches, and cost spike alerts, are posted here once each.",
        deps.webhookTokenSet
          ? `In Azure, point an action group webhook (common alert schema on) at ${WEBHOOK} and attach it to your budgets.`
          : `Azure budget alerts need ALERT_WEBHOOK_TOKEN set on costbot first; then point an action group webhook at ${WEBHOOK}.`,
      ],
      actions: [{ id: "alerts-status", label: "Alert routing", command: "alerts" }],
    };
  };
  return defineCommand({ heads: ["alerts", "alert"], parse: readAlertsWords, run });
}

async function status(platform: Parameters<Store["findTarget"]>[0], address: string, deps: AlertsCommandDeps): Promise<Report> {
  const target = await deps.store.findTarget(platform, address);
  const routes = await deps.store.listAlertRoutes();
  const here = target ? routes.filter((r) => r.targetId === target.id) : [];
  const elsewhere = new Set(routes.filter((r) => r.targetId !== target?.id).map((r) => r.targetId)).size;
  return {
    kind: "notice",
    tone: "info",
    title: here.length ? "This channel gets Azure budget and spike alerts" : "This channel does not get Azure budget or spike alerts",
    lines: [
      elsewhere
        ? `${elsewhere} other channel${elsewhere === 1 ? "" : "s"} get${elsewhere === 1 ? "s" : ""} them too.`
        : here.length
          ? "No other channel gets them."
          : "No channel gets them yet.",
      deps.webhookTokenSet ? `Webhook for Azure action groups: ${WEBHOOK}` : "The Azure webhook is off until ALERT_WEBHOOK_TOKEN is set.",
      here.length ? "An admin can stop them: alerts off" : "An admin can route them here: alerts here",
    ],
  };
}
