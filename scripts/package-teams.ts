// `npm run package:teams [-- --domain bot.example.com] [--out file.zip]`: builds the Teams app package
// (manifest.json + icons) from manifest/teams/ and MicrosoftAppId; the zip is what users upload.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { zipSync } from "fflate";
import { ConfigError, loadConfig } from "../src/config.js";

const TEAMS_DIR = new URL("../manifest/teams/", import.meta.url);
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID (a GUID); also used as the Teams app id. */
  appId: string;
  /** Public host of the messaging endpoint, e.g. "costbot.example.com", added to validDomains. */
  domain?: string;
  version?: string;
}

/** The manifest with placeholders filled in. */
export function buildManifest(opts: TeamsPackageOptions): Record<string, unknown> {
  if (!GUID.test(opts.appId)) {
    throw new ConfigError(`MicrosoftAppId must be the bot's app id (a GUID), got "${opts.appId}"`);
  }
  if (opts.domain !== undefined && !HOST.test(opts.domain)) {
    throw new ConfigError(`--domain must be the bot's public host name (like costbot.example.com), got "${opts.domain}"`);
  }
  const version = opts.version ?? JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
  const values: Record<string, string> = { MicrosoftAppId: opts.appId, VERSION: version };
  const template = readFileSync(new URL("manifest.json", TEAMS_DIR), "utf8");
  const manifest = JSON.parse(template.replace(/\$\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? `\${{${key}}}`));
  // A bot-only app loads no web content, so the list may stay empty; the bot's own host is harmless.
  if (opts.domain && !manifest.validDomains.includes(opts.domain)) manifest.validDomains.push(opts.domain);
  return manifest;
}

/** appPackage.zip: manifest.json, color.png and outline.png at the root, as Teams expects. */
export function buildTeamsPackage(opts: TeamsPackageOptions): Buffer {
  const manifest = buildManifest(opts);
  // A fixed timestamp, so the same inputs give the same bytes.
  const zipped = zipSync(
    {
      "manifest.json": Buffer.from(JSON.stringify(manifest, null, 2) + "\n"),
      "color.png": readFileSync(new URL("color.png", TEAMS_DIR)),
      "outline.png": readFileSync(new URL("outline.png", TEAMS_DIR)),
    },
    { level: 9, mtime: new Date(2025, 0, 1) },
  );
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  try {
    const appId = loadConfig().teams.appId;
    if (!appId) throw new ConfigError("MicrosoftAppId is not set: export the Azure Bot's app id before packaging");
    const domain = arg("--domain");
    const out = arg("--out") ?? new URL("appPackage.zip", TEAMS_DIR);
    writeFileSync(out, buildTeamsPackage({ appId, domain }));
    console.log(
      `wrote ${typeof out === "string" ? out : "manifest/teams/appPackage.zip"}: upload it in Teams (Apps > Manage your apps > Upload an app)`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`package:teams: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
