// Builds the one HTTP server: health, then each configured platform adapter mounts its routes.
// Knows which adapters exist, not how they work; all cost logic stays behind `bot`.
import type { Bot } from "../bot/bot.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { NoticeReport } from "../bot/report.js";
import type { Notifiers } from "../schedule/notifier.js";
import type { Store } from "../store/types.js";
import { healthOf } from "../cost/sources/watched.js";
import { createHealthRoute } from "./health.js";
import { createRouter, type Router } from "../base/router.js";

export interface AppDeps {
  config: Config;
  bot: Bot;
  logger: Logger;
  /** Name of the cost source in use, for /healthz and the start-up log. */
  sourceName: string;
  /** Where targets, digests and budgets live, when the server opened one. */
  store?: Store;
  /** Proactive senders per platform, for alerts delivered outside a request (e.g. /alerts/azure). */
  notifiers?: Notifiers<NoticeReport>;
}

export interface RunningApp {
  port: number;
  router: Router;
  /** One line per mounted platform, for the start-up log. */
  mounted: string[];
  close(): Promise<void>;
}

/** A mount adds routes for one platform and returns a description, or null if not configured. */
export type Mount = (router: Router, deps: AppDeps) => Promise<MountResult | null> | MountResult | null;
interface MountResult {
  describe: string;
  close?: () => Promise<void>;
}

export async function startApp(deps: AppDeps, mounts: Mount[], port = deps.config.port): Promise<RunningApp> {
  const router = createRouter((err) => deps.logger.error({ err }, "unhandled error in a route"));
  // The source records its own health where it is built (createCostSource); an unwatched one reports "not known".
  const source = () => ({ ...healthOf(deps.bot.costSource), name: deps.sourceName });
  router.route("GET", "/healthz", createHealthRoute({ store: deps.store, source }));
  const results: MountResult[] = [];
  for (const mount of mounts) {
    const r = await mount(router, deps);
    if (r) results.push(r);
  }
  let bound: number;
  try {
    bound = await router.listen(port, deps.config.host);
  } catch (err) {
    // A busy port: undo what the mounts started (sockets, timers) so the process can exit.
    for (const r of results) await r.close?.().catch(() => {});
    await router.close();
    throw err;
  }
  return {
    port: bound,
    router,
    mounted: results.map((r) => r.describe),
    async close() {
      for (const r of results) await r.close?.();
      await router.close();
    },
  };
}
