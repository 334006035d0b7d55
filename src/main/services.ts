// Everything a running costbot is made of, built once from configuration: cost source, store,
// notifiers, chat commands, the bot and the scheduled jobs. `serve` starts them; tests can too.
import { createSlackSchedulerNotifier } from "../adapters/slack/notifier.js";
import { createTeamsSchedulerNotifier } from "../adapters/teams/notifier.js";
import { playgroundAdminIds } from "../adapters/web/identity.js";
import { type Bot, createBot } from "../bot/bot.js";
import { bareAdminsWarning } from "../bot/commands/admin.js";
import { createEstimateCheckJob } from "../bot/accuracy-checks.js";
import { createBudgetCheckJob } from "../budgets/check.js";
import { createFailureSpikeJob } from "../alerts/failure-spike-job.js";
import { chatCommands } from "./chat-commands.js";
import { createSpikeJob } from "../alerts/spike-job.js";
import type { Config } from "../config.js";
import { createMetricsSource } from "../cost/metrics/index.js";
import { createCostSource } from "../cost/sources/index.js";
import type { SourceOptions } from "../cost/sources/options.js";
import type { CostSource } from "../cost/types.js";
import type { Logger } from "../log.js";
import type { ScheduledJob } from "../schedule/jobs.js";
import type { Notifiers } from "../schedule/notifier.js";
import type { AnyReport } from "../server/render.js";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";

export interface Services {
  costSource: CostSource;
  store: Store;
  /** Proactive senders per platform: they post any report, each feature hands them its own. */
  notifiers: Notifiers<AnyReport>;
  bot: Bot;
  jobs: ScheduledJob[];
  /** The jobs to run again when the cost data changes (budget and spike checks). */
  costJobs: string[];
  /** Tells `listener` each time a sync finds new cost data (a new export run). */
  onCostDataChanged(listener: () => void): void;
}

export async function createServices(config: Config, logger: Logger, clock?: () => Date): Promise<Services> {
  const listeners: Array<() => void> = [];
  const sourceOpts = {
    costType: config.costType,
    scopes: config.scopes,
    azure: config.azure,
    storage: config.storage,
    clock,
    storageEvents: storageLogging(logger, () => listeners.forEach((l) => l())),
  };
  const costSource = await createCostSource(config.source, sourceOpts);
  const metrics = await createMetricsSource(config.source, sourceOpts);
  const store = await openStore(config.databaseUrl);
  const notifiers: Notifiers<AnyReport> = {
    ...(config.slack.botToken
      ? { slack: createSlackSchedulerNotifier({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }) }
      : {}),
    teams: createTeamsSchedulerNotifier({ teams: config.teams, conversations: store }),
  };
  const bare = bareAdminsWarning(config.admins);
  if (bare) logger.warn(bare);
  // The local playground may change its own digests and budgets; never in production.
  const admins = [...config.admins, ...playgroundAdminIds(config)];
  const alerting = { store, admins, notifiers, logger, tz: config.tz, costType: config.costType };
  const commands = chatCommands({ ...alerting, webhookTokenSet: Boolean(config.alertWebhookToken) });
  const bot = createBot({ costSource, metrics, clock, tz: config.tz, costType: config.costType, commands });
  const costJobs = [createBudgetCheckJob({ ...alerting, costSource }), createSpikeJob({ ...alerting, costSource })];
  const jobs = [...costJobs];
  if (metrics)
    jobs.push(createFailureSpikeJob({ ...alerting, metrics }), createEstimateCheckJob({ costSource, metrics, checks: store.estimateChecks }));
  return {
    costSource,
    store,
    notifiers,
    bot,
    jobs,
    costJobs: costJobs.map((j) => j.name),
    onCostDataChanged: (listener) => void listeners.push(listener),
  };
}

/** An Azure Storage export source syncs in the background and says so in the log. */
function storageLogging(logger: Logger, changed: () => void): SourceOptions["storageEvents"] {
  return {
    syncInBackground: { onSyncFailed: (err) => logger.error({ code: err.code }, `export sync failed: ${err.message}`) },
    onSynced: (r, ms, isNew) => {
      logger.info(
        {
          files: r.files.length,
          runs: r.runs.length,
          requests: r.stats.requests,
          downloaded: r.stats.blobsDownloaded,
          bytes: r.stats.bytesDownloaded,
          ms,
        },
        `export sync: ${r.runs.length} run(s), ${r.files.length} file(s); downloaded ${r.stats.blobsDownloaded} blob(s), ${r.stats.bytesDownloaded} bytes`,
      );
      if (isNew) changed();
    },
    onProgress: (p) => {
      // Once per downloaded blob (not per chunk of one).
      if (p.phase === "downloading" && !p.current && p.bytes > 0)
        logger.info({ ...p }, `export sync: ${p.done}/${p.total} files, ${p.bytes} bytes downloaded`);
    },
  };
}
