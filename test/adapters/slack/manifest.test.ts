import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_PREFIX } from "../../../src/adapters/slack/actions.js";
import { COMMAND } from "../../../src/adapters/slack/commands.js";
import { BOT_EVENTS } from "../../../src/adapters/slack/events.js";
import { SLACK_EVENTS_PATH } from "../../../src/adapters/slack/mount.js";

const yaml = readFileSync(new URL("../../../manifest/slack/manifest.yaml", import.meta.url), "utf8");
const manifest = parseYamlSubset(yaml) as any;

describe("manifest/slack/manifest.yaml", () => {
  it("declares the slash command the code registers, pointing at the events route", () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c: any) => c.command)).toEqual([COMMAND]);
    expect(new URL(commands[0].url).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it("points events and interactivity at the same route", () => {
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it("subscribes to exactly the events the handlers listen for", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
  });

  it("asks for the scopes the handlers' Web API calls need, and enables the Home tab", () => {
    // chat.postMessage/update: chat:write; users.info: users:read; /cost: commands; events: the read scopes;
    // conversations.history (did a digest arrive before a crash?): channels:history, groups:history.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "chat:write",
      "commands",
      "groups:history",
      "im:history",
      "users:read",
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(ACTION_PREFIX).toBe("costbot_");
  });
});

/** Reads the YAML subset the manifest uses: nested maps, lists of scalars or maps, comments. */
function parseYamlSubset(text: string): unknown {
  const lines = text
    .split("\n")
    .map((raw) => raw.replace(/\s+#.*$/, "").replace(/^#.*$/, ""))
    .filter((l) => l.trim())
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  const scalar = (s: string): unknown => {
    if (/^".*"$/.test(s)) return JSON.parse(s);
    if (s === "true" || s === "false") return s === "true";
    if (/^-?\d+$/.test(s)) return Number(s);
    return s;
  };
  const block = (indent: number): unknown => {
    if (lines[i].text.startsWith("- ")) {
      const list: unknown[] = [];
      while (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith("- ")) {
        const rest = lines[i].text.slice(2);
        if (/^[\w.]+:(\s|$)/.test(rest)) {
          // A map item: its first key sits after "- ", the rest two columns further in.
          lines[i] = { indent: indent + 2, text: rest };
          list.push(block(indent + 2));
        } else {
          list.push(scalar(rest));
          i++;
        }
      }
      return list;
    }
    const map: Record<string, unknown> = {};
    while (i < lines.length && lines[i].indent === indent) {
      const m = /^([\w.]+):\s*(.*)$/.exec(lines[i].text);
      if (!m) throw new Error(`unreadable manifest line: ${lines[i].text}`);
      i++;
      map[m[1]] = m[2] ? scalar(m[2]) : block(lines[i].indent);
    }
    return map;
  };
  return block(0);
}
