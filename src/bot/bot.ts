// createBot wires the parser and the handler to a cost source: every adapter calls `answer`.
// Must not import any platform SDK (bolt, botbuilder, Azure); dependencies are passed in.
import type { MetricsSource } from "../cost/metrics/types.js";
import type { CostSource, CostType } from "../cost/types.js";
import type { Platform, TargetInput } from "../store/types.js";
import { withDeployments } from "./by-deployment.js";
import { withEstimate } from "./estimate.js";
import { handle } from "./handle.js";
import { parseIntent } from "./intent.js";
import type { Intent } from "./intent-types.js";
import { tokenize } from "./intent-words.js";
import type { Report } from "./report.js";

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
 * A chat command beyond cost questions (digest, budget, alerts, forecast ...). It looks at the
 * message's words and returns null when they are not its command, so the next one is tried.
 */
export type CommandHandler = (words: string[], ctx: CommandContext, bot: Bot) => Promise<Report | null> | Report | null;

export interface BotDeps {
  costSource: CostSource;
  /** Usage metrics (tokens, requests by status) for estimates, deployments and errors, if any. */
  metrics?: MetricsSource;
  /** The clock; tests pin it. */
  clock?: () => Date;
  /** Default zone for date words when the platform does not say (IANA name). */
  tz?: string;
  costType?: CostType;
  /** Tried in order before the message is read as a cost question. */
  commands?: CommandHandler[];
}

export interface Bot {
  /** Parse and answer one message. Never throws for bad input: it returns an error report. */
  answer(text: string, ctx?: AskContext): Promise<Report>;
  handle(intent: Intent, ctx?: AskContext): Promise<Report>;
  readonly costSource: CostSource;
  readonly metrics?: MetricsSource;
}

const NO_DEPLOYMENTS: Report = {
  kind: "error",
  message: "By deployment needs usage metrics (Azure Monitor), and this cost source has none.",
  hint: "Use --source azure (or demo), or ask by model or by resource.",
};

export function createBot(deps: BotDeps): Bot {
  const clock = deps.clock ?? (() => new Date());
  const settle = (ctx: AskContext): CommandContext => ({ ...ctx, now: ctx.now ?? clock(), tz: ctx.tz ?? deps.tz ?? "UTC" });
  const bot: Bot = {
    costSource: deps.costSource,
    metrics: deps.metrics,
    async answer(text, ctx = {}) {
      const settled = settle(ctx);
      if (deps.commands?.length) {
        const words = tokenize(text);
        for (const command of deps.commands) {
          const report = await command(words, settled, bot);
          if (report) return report;
        }
      }
      const intent = parseIntent(text, { now: settled.now, tz: settled.tz, locale: settled.locale }, { costType: deps.costType });
      return bot.handle(intent, settled);
    },
    // No cache here: the cost source is built with the one cache in front of it (cost/sources/cached.ts).
    async handle(intent, ctx = {}) {
      const settled = settle(ctx);
      const report = await handle(intent, { costSource: deps.costSource, now: settled.now, tz: settled.tz, locale: settled.locale });
      if (report.kind !== "spend" || intent.kind !== "spend") return report;
      if (!deps.metrics) return intent.groupBy === "deployment" ? NO_DEPLOYMENTS : report;
      const split = intent.groupBy === "deployment" ? await withDeployments(report, deps.metrics) : report;
      return withEstimate(split, intent, { costSource: deps.costSource, metrics: deps.metrics, now: settled.now });
    },
  };
  return bot;
}
