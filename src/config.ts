// Reads process.env once, validates it, and hands typed configuration to everything else.
// Nothing else in the code reads process.env. Names follow each ecosystem (DESIGN.md §3).

export interface Config {
  port: number;
  /** Address to bind; loopback unless HOST says otherwise. */
  host: string;
  production: boolean;
  /** "demo", "azure", or an export file/folder path. */
  source: string;
  scopes: string[];
  costType: "actual" | "amortized";
  tz: string;
  databaseUrl: string;
  slack: { signingSecret?: string; botToken?: string; appToken?: string; apiUrl?: string };
  teams: { appId: string; appPassword: string; appType: string; tenantId: string };
  azure: { resourceManagerUrl: string; staticToken?: string };
  /** Exports in Azure Storage: AZURE_STORAGE_CONNECTION_STRING, COSTBOT_CACHE_DIR, COSTBOT_SYNC_EVERY. */
  storage: { connectionString?: string; cacheDir: string; syncEveryMs: number };
  alertWebhookToken?: string;
  /** `slack:U123`, `teams:<AAD object id>`, or a bare id matched on the platform of its format. */
  admins: string[];
  playground: boolean;
  /** Retail Prices API page the meter catalogue refreshes from daily; null when COSTBOT_PRICES_URL=off. */
  pricesUrl: string | null;
  /** pino level from LOG_LEVEL (default info). */
  logLevel: string;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Azure's public price list, Foundry Models and Foundry Tools only, primary meter regions. */
const DEFAULT_PRICES_URL =
  "https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&meterRegion='primary'&$filter=" +
  encodeURIComponent("serviceName eq 'Foundry Models' or serviceName eq 'Foundry Tools'");

/** Thrown for configuration a user must fix; the message names the variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : 3978;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  const costType = (env.COSTBOT_COST_TYPE ?? "actual").toLowerCase();
  if (costType !== "actual" && costType !== "amortized") {
    throw new ConfigError(`COSTBOT_COST_TYPE must be actual or amortized, got "${env.COSTBOT_COST_TYPE}"`);
  }
  // "Production" and " production" mean production too: a typo must not turn safety checks off.
  const production = (env.NODE_ENV ?? "").trim().toLowerCase() === "production";
  const list = (v?: string) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const admins = list(env.COSTBOT_ADMINS);
  const badPrefix = admins.find((a) => /^[a-z]+:/i.test(a) && !/^(slack|teams|web):./i.test(a));
  if (badPrefix) {
    throw new ConfigError(`COSTBOT_ADMINS: "${badPrefix}" names no known platform; write slack:<user id> or teams:<AAD object id>`);
  }
  const syncEveryMs = duration(env.COSTBOT_SYNC_EVERY ?? "1h");
  if (syncEveryMs === null || syncEveryMs < 60_000) {
    throw new ConfigError(`COSTBOT_SYNC_EVERY must be a duration of at least a minute, like 30m, 1h or 1d; got "${env.COSTBOT_SYNC_EVERY}"`);
  }
  const logLevel = (env.LOG_LEVEL || "info").trim().toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got "${env.LOG_LEVEL}"`);
  }
  const playground = production ? env.COSTBOT_PLAYGROUND === "on" : env.COSTBOT_PLAYGROUND !== "off";
  return {
    port,
    // Production listens everywhere for Slack and Teams, unless the playground is on: it is for this machine.
    host: env.HOST || (production && !playground ? "0.0.0.0" : "127.0.0.1"),
    production,
    source: env.COSTBOT_SOURCE ?? (env.COSTBOT_SCOPES ? "azure" : "demo"),
    scopes: list(env.COSTBOT_SCOPES),
    costType,
    tz: env.COSTBOT_TZ ?? "UTC",
    databaseUrl: env.DATABASE_URL ?? "./data/costbot.db",
    slack: {
      signingSecret: env.SLACK_SIGNING_SECRET || undefined,
      botToken: env.SLACK_BOT_TOKEN || undefined,
      appToken: env.SLACK_APP_TOKEN || undefined,
      apiUrl: env.SLACK_API_URL || undefined,
    },
    teams: {
      appId: env.MicrosoftAppId ?? "",
      appPassword: env.MicrosoftAppPassword ?? "",
      appType: env.MicrosoftAppType ?? "MultiTenant",
      tenantId: env.MicrosoftAppTenantId ?? "",
    },
    azure: {
      resourceManagerUrl: env.AZURE_RESOURCE_MANAGER_URL ?? "https://management.azure.com",
      staticToken: env.COSTBOT_AZURE_TOKEN || undefined,
    },
    storage: {
      connectionString: env.AZURE_STORAGE_CONNECTION_STRING || undefined,
      cacheDir: env.COSTBOT_CACHE_DIR || "./data/exports-cache",
      syncEveryMs,
    },
    alertWebhookToken: env.ALERT_WEBHOOK_TOKEN || undefined,
    admins,
    playground,
    pricesUrl: env.COSTBOT_PRICES_URL === "off" ? null : env.COSTBOT_PRICES_URL || DEFAULT_PRICES_URL,
    logLevel,
  };
}

/** "90s", "30m", "1h", "1d" in milliseconds; null when it is not such a duration. */
function duration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$/i.exec(text);
  if (!m) return null;
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2].toLowerCase() as "s" | "m" | "h" | "d"];
}
