// `npm start`: reads configuration once, builds the bot on the configured source, mounts every
// platform on one port and says in a few lines what is running. Exits 2 on bad configuration.
import { mountAzureAlerts } from "../adapters/azure-alerts/mount.js";
import { mountSlack } from "../adapters/slack/mount.js";
import { mountTeams } from "../adapters/teams/mount.js";
import { mountPlayground } from "../adapters/web/mount.js";
import { ConfigError, loadConfig } from "../config.js";
import { isCostbotError } from "../cost/errors.js";
import { createLogger } from "../log.js";
import { startScheduler } from "../schedule/scheduler.js";
import { redactDatabaseUrl } from "../store/index.js";
import { startApp, type Mount } from "./app.js";
import { createServices } from "./services.js";

/** Every platform the server can mount; each returns null when it is not configured. */
const mounts: Mount[] = [mountSlack, mountTeams, mountAzureAlerts, mountPlayground];

export async function serve(): Promise<number> {
  const logger = createLogger();
  try {
    const config = loadConfig();
    const { costSource, store, notifiers, bot, jobs } = await createServices(config, logger);
    const scheduler = startScheduler({ store, bot, notifiers, logger, costType: config.costType, jobs });
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
    if (!app.mounted.some((line) => !line.startsWith("Playground"))) {
      lines.push('  Slack and Teams are not configured yet (see README); meanwhile try `npx costbot ask "this week"`');
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void app.close().then(() => scheduler.stop()).then(() => store.close()).then(resolve);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  } catch (err) {
    if (err instanceof ConfigError || isCostbotError(err)) {
      logger.error(err.message);
      return 2;
    }
    throw err;
  }
}
