// createBot wires the parser and the handler to a cost source: every adapter calls `answer`.
// Must not import any platform SDK (bolt, botbuilder, Azure); dependencies are passed in.
import type { CostSource, CostType } from "../cost/types.js";
import { handle } from "./handle.js";
import { parseIntent } from "./intent.js";
import type { Intent } from "./intent-types.js";
import type { Report } from "./report.js";

export interface BotDeps {
  costSource: CostSource;
  /** The clock; tests pin it. */
  clock?: () => Date;
  /** Default zone for date words when the platform does not say (IANA name). */
  tz?: string;
  costType?: CostType;
}

/** Who is asking, from where; adapters fill what their platform knows. */
export interface AskContext {
  platform?: "slack" | "teams" | "cli" | "web" | "schedule";
  userId?: string;
  /** The asker's IANA zone if the platform reports one. */
  tz?: string;
  now?: Date;
}

export interface Bot {
  /** Parse and answer one message. Never throws for bad input: it returns an error report. */
  answer(text: string, ctx?: AskContext): Promise<Report>;
  handle(intent: Intent, ctx?: AskContext): Promise<Report>;
}

export function createBot(deps: BotDeps): Bot {
  const clock = deps.clock ?? (() => new Date());
  const bot: Bot = {
    async answer(text, ctx = {}) {
      const now = ctx.now ?? clock();
      const tz = ctx.tz ?? deps.tz ?? "UTC";
      const intent = parseIntent(text, { now, tz }, { costType: deps.costType });
      return bot.handle(intent, { ...ctx, now, tz });
    },
    handle(intent, ctx = {}) {
      return handle(intent, {
        costSource: deps.costSource,
        now: ctx.now ?? clock(),
        tz: ctx.tz ?? deps.tz ?? "UTC",
      });
    },
  };
  return bot;
}
