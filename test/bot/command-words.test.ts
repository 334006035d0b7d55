// The parse step of every chat command, through parseIntent with the registry a running costbot
// (and the CLI) builds: good words come back as a `command` intent carrying the command's own
// value, bad ones as the same `invalid` intent (message and hint) any unreadable question gets.
// Expected values are written by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommands } from "../../src/adapters/cli/commands.js";
import { type ChatCommand, commandRegistry } from "../../src/bot/bot.js";
import { parseIntent } from "../../src/bot/intent.js";
import { silentLogger } from "../../src/log.js";
import { chatCommands } from "../../src/main/chat-commands.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { sqliteBackend } from "../store/backends.js";

const ctx = { now: new Date("2025-11-27T10:00:00Z"), tz: "UTC" }; // a Thursday
/** Whole dollars as an exact amount (1e-12 units). */
const dollars = (n: bigint) => n * 1_000_000_000_000n;
const SET_HINT =
  "Try: budget set 5000 monthly · budget set 800 weekly for gpt-4o · budget set 1200 monthly marketplace alerts 50,80,100 named market";
const DIGEST_HINT = "Try `digest daily 09:00 Europe/Berlin`, `digest weekly mon 08:30` or `digest off`.";
const ALERTS_HINT = "Try: alerts here · alerts off · alerts";
const TIME_HELP = "use HH:MM on a 24-hour clock (00:00 to 23:59), e.g. 09:00 or 17:30";

const backend = sqliteBackend();
let store: Store;
let served: ReadonlyMap<string, ChatCommand>;
beforeAll(async () => {
  store = await openStore(await backend.fresh());
  served = commandRegistry(chatCommands({ store, admins: [], notifiers: {}, logger: silentLogger, webhookTokenSet: false }));
});
afterAll(async () => {
  store?.close();
  await backend.cleanup();
});

const parse = (text: string) => parseIntent(text, ctx, { commands: served });

describe("chat command words, as a running costbot reads them", () => {
  it.each([
    [
      "budget set 5000 monthly",
      {
        kind: "command",
        head: "budget",
        command: { kind: "set", amount: dollars(5000n), period: "monthly", thresholds: [80, 100], name: "monthly", periodDefaulted: false },
      },
    ],
    [
      "budget 300 daily for gpt-4o alerts 50,100",
      {
        kind: "command",
        head: "budget",
        command: {
          kind: "set",
          amount: dollars(300n),
          period: "daily",
          model: "gpt-4o",
          thresholds: [50, 100],
          name: "daily gpt-4o",
          periodDefaulted: false,
        },
      },
    ],
    [
      "Budget set $1.5k marketplace",
      {
        kind: "command",
        head: "budget",
        command: {
          kind: "set",
          amount: dollars(1500n),
          period: "monthly",
          channel: "marketplace",
          thresholds: [80, 100],
          name: "monthly marketplace",
          periodDefaulted: true,
        },
      },
    ],
    ["budgets", { kind: "command", head: "budgets", command: { kind: "list" } }],
    ["budget remove weekly gpt-4o", { kind: "command", head: "budget", command: { kind: "remove", name: "weekly gpt-4o" } }],
    ["budget set monthly", { kind: "invalid", message: "A budget needs an amount.", hint: SET_HINT }],
    ["budget set 5000 monthly weekly", { kind: "invalid", message: "A budget has one period; I read both monthly and weekly.", hint: SET_HINT }],
    [
      "budget frobnicate",
      {
        kind: "invalid",
        message: '"frobnicate" is not a budget command.',
        hint: "Budget commands: budgets · budget set 5000 monthly · budget remove <name>",
      },
    ],
    ["budget remove", { kind: "invalid", message: "Name the budget to remove.", hint: "Try: budget remove monthly (see the names with: budgets)" }],
  ])("budget: %j", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ["digest", { kind: "command", head: "digest", command: { kind: "show" } }],
    ["digests off", { kind: "command", head: "digests", command: { kind: "off" } }],
    ["/cost digest daily 5:30pm", { kind: "command", head: "digest", command: { kind: "set", cadence: "daily", time: "17:30" } }],
    [
      "digest weekly mon 08:30 Europe/Berlin",
      { kind: "command", head: "digest", command: { kind: "set", cadence: "weekly", weekday: 1, time: "08:30", tz: "Europe/Berlin" } },
    ],
    ["digest daily 25:00", { kind: "invalid", message: `"25:00" is not a time of day: ${TIME_HELP}`, hint: DIGEST_HINT }],
    [
      "digest weekly 08:30",
      {
        kind: "invalid",
        message: "A weekly digest needs a weekday: use mon, tue, wed, thu, fri, sat or sun, e.g. `digest weekly mon 08:30`",
        hint: DIGEST_HINT,
      },
    ],
    ["digest daily", { kind: "invalid", message: `A digest needs a time of day: ${TIME_HELP}, e.g. \`digest daily 09:00\`.`, hint: DIGEST_HINT }],
  ])("digest: %j", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ["alerts", { kind: "command", head: "alerts", command: { kind: "status" } }],
    ["alerts status", { kind: "command", head: "alerts", command: { kind: "status" } }],
    ["alert here", { kind: "command", head: "alert", command: { kind: "here" } }],
    ["alerts on channel", { kind: "command", head: "alerts", command: { kind: "here" } }],
    ["alerts stop", { kind: "command", head: "alerts", command: { kind: "off" } }],
    ["alerts bogus", { kind: "invalid", message: '"bogus" is not an alerts command.', hint: ALERTS_HINT }],
    ["alerts here now", { kind: "invalid", message: 'I don\'t understand "now" after "alerts here".', hint: ALERTS_HINT }],
  ])("alerts: %j", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ["accuracy", { kind: "command", head: "accuracy", command: { kind: "accuracy" } }],
    ["help accuracy", { kind: "command", head: "accuracy", command: { kind: "accuracy" } }],
    ["reconcile now", { kind: "invalid", message: '"reconcile" takes no other words.', hint: "Try: reconcile" }],
  ])("accuracy: %j", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    [
      "forecast gpt-4o",
      { kind: "command", head: "forecast", command: { kind: "spend", range: { from: "2025-11-01", to: "2025-11-27" }, model: "gpt-4o" } },
    ],
    ["forecast help", { kind: "command", head: "forecast", command: { kind: "help" } }],
    ["errors", { kind: "command", head: "errors", command: { kind: "spend", range: { from: "2025-11-24", to: "2025-11-27" } } }],
    ["failed requests yesterday", { kind: "command", head: "failed", command: { kind: "spend", range: { from: "2025-11-26", to: "2025-11-26" } } }],
    ["errors bogus", { kind: "invalid", word: "bogus", message: expect.stringMatching(/^I don't know "bogus"\. Try: this week/) }],
  ])("forecast and errors read date words as a cost question does: %j", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });

  it("leaves a message that does not start with a command's word to the cost question parser", () => {
    expect(parse("last month budget")).toMatchObject({ kind: "invalid", word: "budget" });
    expect(parse("help budget")).toEqual({ kind: "help" });
  });
});

describe("chat command words in the CLI (no channel)", () => {
  const cli = commandRegistry(cliCommands);
  it.each([
    ["budgets", { kind: "command", head: "budgets", command: { kind: "list" } }],
    ["budget set 5000 monthly", { kind: "command", head: "budget", command: { kind: "chat-only", head: "budget" } }],
    ["digest daily 09:00", { kind: "command", head: "digest", command: { head: "digest" } }],
    ["alerts bogus", { kind: "command", head: "alerts", command: { head: "alerts" } }],
    ["accuracy now", { kind: "invalid", message: '"accuracy" takes no other words.', hint: "Try: accuracy" }],
  ])("%j", (text, expected) => {
    expect(parseIntent(text, ctx, { commands: cli })).toEqual(expected);
  });
});
