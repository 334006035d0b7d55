// `npm start`: reads configuration once, builds the bot on the configured source, mounts every
// platform on one port and says in a few lines what is running. A configuration it cannot start
// with (bad variable, busy port, unreachable database) is one line on stderr naming it, exit code 2.
import { mountAzureAlerts } from "../adapters/azure-alerts/mount.js";
import { mountSlack } from "../adapters/slack/mount.js";
import { mountTeams } from "../adapters/teams/mount.js";
import { mountPlayground } from "../adapters/web/mount.js";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { createCatalogueRefreshJob, loadSavedCatalogue } from "../cost/catalogue-refresh.js";
import { isCostbotError } from "../base/errors.js";
import { createLogger } from "../log.js";
import { startScheduler } from "../server/scheduler.js";
import { redactDatabaseUrl } from "../store/index.js";
import type { Store } from "../store/types.js";
import { startApp, type Mount } from "../server/app.js";
import { createServices } from "./services.js";

/** A mount that says it is off, and how to turn it on, instead of leaving no line. */
const orOff =
  (mount: Mount, off: string): Mount =>
  async (router, deps) =>
    (await mount(router, deps)) ?? { describe: off };

/** Every platform the server can mount, in the order the start-up log lists them. */
const mounts: Mount[] = [
  orOff(mountSlack, "Slack: off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode)"),
  orOff(mountTeams, "Teams: off"),
  orOff(mountAzureAlerts, "Azure budget alerts: off"),
  orOff(mountPlayground, "Playground: off (NODE_ENV=production or COSTBOT_PLAYGROUND=off; COSTBOT_PLAYGROUND=on turns it on)"),
];

/** Where the server keeps the meter catalogue's last good copy (beside the SQLite default). */
const DATA_DIR = "data";

export async function serve(): Promise<number> {
  let config: Config | undefined;
  let store: Store | undefined;
  try {
    config = loadConfig();
    const logger = createLogger(config.logLevel);
    const services = await createServices(config, logger);
    store = services.store;
    const { costSource, notifiers, bot, jobs } = services;
    // The meter catalogue: the last good copy now, Azure's price list daily (COSTBOT_PRICES_URL).
    await loadSavedCatalogue(DATA_DIR, logger);
    const prices = config.pricesUrl ? [createCatalogueRefreshJob({ url: config.pricesUrl, dir: DATA_DIR, log: logger })] : [];
    const app = await startApp({ config, bot, logger, sourceName: costSource.name, store, notifiers }, mounts);
    const base = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${app.port}`;
    // Plain lines for the person who just typed `npm start`; everything after this is pino JSON.
    const db = redactDatabaseUrl(config.databaseUrl);
    const lines = [
      `costbot is running at ${base} (health: ${base}/healthz)`,
      `  cost source: ${costSource.name}`,
      `  store: ${/^postgres(ql)?:/i.test(db) ? "PostgreSQL" : "SQLite"} ${db}`,
      ...app.mounted.map((line) => `  ${line}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    const scheduler = startScheduler({ store, bot, notifiers, logger, costType: config.costType, jobs: [...jobs, ...prices] });
    // A new export run found by the sync: budgets and spikes are checked on it at once, not at their next interval.
    services.onCostDataChanged(() => void scheduler.runJobsSoon(services.costJobs));
    const running = store;
    await new Promise<void>((resolve) => {
      const stop = () =>
        void app
          .close()
          .then(() => scheduler.stop())
          .then(() => running.close())
          .then(resolve);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  } catch (err) {
    const line = startFailure(err, config);
    if (!line) throw err;
    await store?.close().catch(() => {});
    process.stderr.write(`costbot: ${line}\n`);
    return 2;
  }
}

/** The one line for a failure the configuration explains, naming the variable; undefined otherwise. */
function startFailure(err: unknown, config?: Config): string | undefined {
  if (err instanceof ConfigError || isCostbotError(err)) return oneLine(err.message);
  if (!config) return undefined;
  const { code, syscall, message } = (err ?? {}) as NodeJS.ErrnoException;
  const { port, host } = config;
  if (syscall === "listen") {
    if (code === "EADDRINUSE") return `port ${port} is already in use (PORT=${port}): stop the other process or set PORT to a free port`;
    if (code === "EACCES") return `not allowed to listen on port ${port} (PORT=${port}): use a port above 1023`;
    if (code === "EADDRNOTAVAIL") return `cannot listen on ${host} (HOST=${host}): not an address of this machine`;
    return `cannot listen on ${host}:${port} (HOST, PORT): ${code ?? oneLine(String(message))}`;
  }
  return undefined;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
