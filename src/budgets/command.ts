// `budgets`, `budget set ...`, `budget remove <name>`: a channel's budgets, with spend against each
// and Azure's own budgets beside them. Changing is for admins; a new budget is checked at once.
// Must not import platform SDKs: alerts leave through the notifiers handed in.
import { budgetScope, money, statusLine } from "./card.js";
import { checkBudget, targetZone, type BudgetCheckDeps, type CostMemo } from "./check.js";
import { evaluateBudget, HISTORY_DAYS } from "./evaluate.js";
import { type BudgetCommand, parseBudgetCommand } from "./parse-command.js";
import { periodNoun, periodWindow } from "./period.js";
import { azureBudgetLines } from "./azure-budgets.js";
import type { Budget, Target } from "../store/types.js";
import { type Bot, type ChatCommand, type CommandContext, defineCommand } from "../bot/bot.js";
import type { InvalidIntent } from "../bot/intent-types.js";
import { shiftDays } from "../base/dates.js";
import { formatDate } from "../bot/render/format.js";
import type { NoticeReport, Report } from "../bot/report.js";
import { isAdmin, refuseNonAdmin } from "../bot/commands/admin.js";
import { subscribingTarget } from "../bot/commands/channel.js";

export interface BudgetCommandDeps extends Omit<BudgetCheckDeps, "costSource"> {
  /** COSTBOT_ADMINS: platform user ids allowed to change budgets. */
  admins: string[];
}

const NO_CHANNEL: Report = {
  kind: "error",
  message: "Budgets belong to a channel, and this message did not come from one.",
  hint: "Ask in the Slack channel or Teams conversation that should get the alerts.",
};

/** The budget words, or what is wrong with them. */
function parse(words: string[]): BudgetCommand | InvalidIntent {
  return parseBudgetCommand(words) ?? { kind: "invalid", message: `"${words[0]}" is not a budget command.` };
}

export function createBudgetCommand(deps: BudgetCommandDeps): ChatCommand {
  const run = async (cmd: BudgetCommand, ctx: CommandContext, bot: Bot): Promise<Report> => {
    if (!ctx.target) return NO_CHANNEL;
    const checkDeps: BudgetCheckDeps = { ...deps, costSource: bot.costSource };
    if (cmd.kind === "list") return await listBudgets(ctx, checkDeps);
    if (!isAdmin(ctx, deps.admins)) return refuseNonAdmin(deps.admins, "change budgets");
    // Whoever changes the channel's budgets sets the date style of its alerts (Target.locale).
    const target = await deps.store.upsertTarget(subscribingTarget({ ...ctx, target: ctx.target }));
    if (cmd.kind === "remove") return await removeBudget(target, cmd.name, deps);
    const existed = (await deps.store.listBudgets({ targetId: target.id })).some((b) => b.name.toLowerCase() === cmd.name.toLowerCase());
    const budget = await deps.store.createBudget(
      {
        name: cmd.name,
        targetId: target.id,
        amount: cmd.amount,
        period: cmd.period,
        model: cmd.model,
        channel: cmd.channel,
        thresholds: cmd.thresholds,
        createdBy: ctx.userId ?? "unknown",
      },
      { replace: true },
    );
    return await confirm(budget, target, existed, cmd.periodDefaulted, ctx, checkDeps);
  };
  return defineCommand({ heads: ["budget", "budgets"], parse, run });
}

/** The confirmation, after checking the budget at once (an already crossed threshold alerts now). */
async function confirm(
  budget: Budget,
  target: Target,
  existed: boolean,
  periodDefaulted: boolean,
  ctx: CommandContext,
  deps: BudgetCheckDeps,
): Promise<NoticeReport> {
  const lines = [
    `Counts ${budgetScope(budget)}; alerts at ${budget.thresholds.map((t) => `${t}%`).join(", ")} of the amount, once per ${periodNoun(budget.period)} each, on actual spend and on forecast.`,
  ];
  if (periodDefaulted) lines.push("No period given, so it is monthly (say daily or weekly to change that).");
  let tone: NoticeReport["tone"] = "success";
  try {
    const { status, sent } = await checkBudget(budget, target, ctx.now, deps);
    lines.push(`Now: ${statusLine(budget, status, ctx.locale)}.`);
    if (status.actualCrossed.length) {
      tone = "warning";
      const top = status.actualCrossed[status.actualCrossed.length - 1];
      lines.push(
        `Already ${top >= 100 ? "over budget" : `past ${top}%`}: ${sent.some((s) => s.result === "sent") ? "the alert is posted in this channel" : "this channel is alerted when delivery succeeds"}.`,
      );
    }
    const next = status.forecastCrossed[status.forecastCrossed.length - 1];
    if (next) {
      tone = "warning";
      lines.push(
        `Forecast to ${next.threshold >= 100 ? "exceed the budget" : `pass ${next.threshold}%`} on ${formatDate(next.date, false, ctx.locale)} at the current pace.`,
      );
    }
    if (budget.model && status.drivers.models.length === 0 && !status.spent) {
      lines.push(`No ${budget.model} spend seen this period: check the model name (as in a cost question, e.g. gpt-4o, mistral-large-2411).`);
    }
  } catch (err) {
    lines.push(`Could not check it against spend yet (${err instanceof Error ? err.message : String(err)}); the next scheduled check will.`);
  }
  return {
    kind: "notice",
    tone,
    title: `Budget "${budget.name}" ${existed ? "updated" : "set"}: ${money(budget.amount)} ${budget.period}`,
    lines,
    actions: [{ id: "budgets-list", label: "All budgets", command: "budgets" }],
  };
}

async function removeBudget(target: Target, name: string, deps: BudgetCommandDeps): Promise<Report> {
  if (await deps.store.removeBudget(target.id, name)) {
    return { kind: "notice", tone: "success", title: `Budget "${name}" removed`, lines: ["Its alerts stop; other budgets here are unchanged."] };
  }
  const names = (await deps.store.listBudgets({ targetId: target.id })).map((b) => b.name);
  return {
    kind: "error",
    message: `There is no budget named "${name}" in this channel.`,
    hint: names.length ? `Budgets here: ${names.join(", ")}.` : "This channel has no budgets yet: budget set 5000 monthly",
  };
}

/** Everyone may read: each budget with spend against it, then Azure's own budgets. */
async function listBudgets(ctx: CommandContext, deps: BudgetCheckDeps): Promise<NoticeReport> {
  const target = await deps.store.findTarget(ctx.target!.platform, ctx.target!.address);
  const budgets = target ? await deps.store.listBudgets({ targetId: target.id }) : [];
  const fields: NonNullable<NoticeReport["fields"]> = [];
  const lines: string[] = [];
  const memo: CostMemo = new Map();
  // The same zone the scheduled check counts periods in, so both show the same period.
  const tz = target ? await targetZone(deps.store, target, deps.tz ?? ctx.tz) : ctx.tz;
  for (const b of budgets) {
    const window = periodWindow(b.period, ctx.now, tz);
    const from = shiftDays(window.from, -HISTORY_DAYS);
    const key = `${from}|${window.today}`;
    if (!memo.has(key)) memo.set(key, deps.costSource.query({ from, to: window.today, costType: deps.costType ?? "actual" }));
    try {
      const status = evaluateBudget(b, await memo.get(key)!, window);
      fields.push({ label: `${b.name} (${budgetScope(b)})`, value: statusLine(b, status, ctx.locale) });
    } catch (err) {
      fields.push({
        label: b.name,
        value: `${money(b.amount)} ${b.period}; spend unavailable (${err instanceof Error ? err.message : String(err)})`,
      });
    }
  }
  if (budgets.length === 0) lines.push("No budgets in this channel yet. An admin can add one: budget set 5000 monthly");
  lines.push(...(await azureBudgetLines(deps.costSource)));
  return { kind: "notice", tone: "info", title: budgets.length ? `Budgets in this channel (${budgets.length})` : "Budgets", lines, fields };
}
