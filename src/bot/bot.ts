// createBot wires the parser and the handler to a cost source: every adapter calls `answer`, the
// one edge where a CostbotError becomes an error report. Chat commands (forecast, digests, budgets,
// alerts ...) are registered by whoever builds the bot, so bot/ imports no feature.
// Must not import any platform SDK (bolt, botbuilder, Azure); dependencies are passed in.
import { isCostbotError } from "../base/errors.js";
import type { MetricsSource } from "../cost/metrics/types.js";
import type { CostSource, CostType } from "../cost/types.js";
import type { Platform, TargetInput } from "../store/types.js";
import { withDeployments } from "./by-deployment.js";
import { withEstimate } from "./estimate.js";
import { handle } from "./handle.js";
import { parseIntent } from "./intent.js";
import type { CommandWords, Intent } from "./intent-types.js";
import type { ErrorReport, Report } from "./report.js";

/** Who is asking, from where; adapters fill what their platform knows. */
export interface AskContext {
  platform?: Platform | "cli" | "schedule";
  /** Platform user id (Slack `U…`, Teams AAD object id); admins are named by these. */
  userId?: string;
  /** The conversation the message came from, so commands like `digest daily 09:00` know where. */
  target?: TargetInput;
  /** The asker's IANA zone if the platform reports one. */
  tz?: string;
  /** The asker's locale (BCP 47) if the platform reports one: dates are written its way. */
  locale?: string;
  now?: Date;
}

/** A context with the clock and zone settled. */
export type CommandContext = AskContext & { now: Date; tz: string };

/**
 * A chat command beyond cost questions (digest, budget, alerts, forecast ...): every message whose
 * first word is one of its `heads` is its own. parseIntent reads the words with its `parse` (pure)
 * into a `command` intent carrying a `T`, or an `invalid` one; the bot's dispatch hands that `T` to `run`.
 */
export interface ChatCommand<T = unknown> extends CommandWords<T> {
  heads: readonly string[];
  /** Answers what `parse` read. A CostbotError it throws becomes the error report at `answer`. */
  run(parsed: T, ctx: CommandContext, bot: Bot): Promise<Report> | Report;
}

/** A command whose `run` takes exactly what its `parse` returns; the bot holds it with `T` erased. */
export function defineCommand<T>(command: ChatCommand<T>): ChatCommand {
  return command;
}

/** Commands by the words that name them; a later command takes over the heads it shares with an earlier one. */
export function commandRegistry(commands: readonly ChatCommand[]): ReadonlyMap<string, ChatCommand> {
  const byHead = new Map<string, ChatCommand>();
  for (const command of commands) for (const head of command.heads) byHead.set(head, command);
  return byHead;
}

export interface BotDeps {
  costSource: CostSource;
  /** Usage metrics (tokens, requests by status) for estimates, deployments and errors, if any. */
  metrics?: MetricsSource;
  /** The clock; tests pin it. */
  clock?: () => Date;
  /** Default zone for date words when the platform does not say (IANA name). */
  tz?: string;
  costType?: CostType;
  /** Chat commands; a later one takes over the heads it shares with an earlier one. */
  commands?: readonly ChatCommand[];
}

export interface Bot {
  /**
   * Parse and answer one message. Never throws for what the asker or the operator can act on (bad
   * words, a source refusing, a store rule): those come back as an error report. Only a bug throws.
   */
  answer(text: string, ctx?: AskContext): Promise<Report>;
  /** Answer an intent already parsed (the same dispatch and error edge as `answer`). */
  handle(intent: Intent, ctx?: AskContext): Promise<Report>;
  readonly costSource: CostSource;
  readonly metrics?: MetricsSource;
}

const NO_DEPLOYMENTS: Report = {
  kind: "error",
  message: "By deployment needs usage metrics (Azure Monitor), and this cost source has none.",
  hint: "Use --source azure (or demo), or ask by model or by resource.",
};

/** The one place a CostbotError becomes what the asker sees; anything else is a bug and says so vaguely. */
export function errorReport(err: unknown): ErrorReport {
  if (isCostbotError(err)) return err.hint ? { kind: "error", message: err.message, hint: err.hint } : { kind: "error", message: err.message };
  return {
    kind: "error",
    message: "Something went wrong while answering; it has been logged.",
    hint: "Try again in a minute. If it keeps happening, ask whoever runs costbot to check its logs.",
  };
}

export function createBot(deps: BotDeps): Bot {
  const clock = deps.clock ?? (() => new Date());
  const commands = commandRegistry(deps.commands ?? []);
  const settle = (ctx: AskContext): CommandContext => ({ ...ctx, now: ctx.now ?? clock(), tz: ctx.tz ?? deps.tz ?? "UTC" });

  const spend = async (intent: Intent & { kind: "spend" }, ctx: CommandContext): Promise<Report> => {
    const report = await handle(intent, { costSource: deps.costSource, now: ctx.now, tz: ctx.tz, locale: ctx.locale });
    if (report.kind !== "spend") return report;
    if (!deps.metrics) return intent.groupBy === "deployment" ? NO_DEPLOYMENTS : report;
    const split = intent.groupBy === "deployment" ? await withDeployments(report, deps.metrics) : report;
    return withEstimate(split, intent, { costSource: deps.costSource, metrics: deps.metrics, now: ctx.now });
  };

  /** The one dispatch: every intent, cost question or chat command, is answered here. */
  const dispatch = (intent: Intent, ctx: CommandContext): Promise<Report> | Report => {
    switch (intent.kind) {
      case "command": {
        const command = commands.get(intent.head);
        return command ? command.run(intent.command, ctx, bot) : { kind: "error", message: `"${intent.head}" is not a command here.` };
      }
      // No cache here: the cost source is built with the one cache in front of it (cost/sources/cached.ts).
      case "spend":
        return spend(intent, ctx);
      case "help":
      case "invalid":
        return handle(intent, { costSource: deps.costSource, now: ctx.now, tz: ctx.tz, locale: ctx.locale });
    }
  };

  /** The error edge: what the asker can act on becomes an error report; a bug still throws. */
  const answered = async (work: () => Promise<Report> | Report): Promise<Report> => {
    try {
      return await work();
    } catch (err) {
      if (isCostbotError(err)) return errorReport(err);
      throw err;
    }
  };

  const bot: Bot = {
    costSource: deps.costSource,
    metrics: deps.metrics,
    answer(text, ctx = {}) {
      const settled = settle(ctx);
      return answered(() =>
        dispatch(parseIntent(text, { now: settled.now, tz: settled.tz, locale: settled.locale }, { costType: deps.costType, commands }), settled),
      );
    },
    handle(intent, ctx = {}) {
      const settled = settle(ctx);
      return answered(() => dispatch(intent, settled));
    },
  };
  return bot;
}
