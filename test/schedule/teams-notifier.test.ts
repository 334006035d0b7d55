import { afterEach, describe, expect, it } from "vitest";
import { createTeamsSchedulerNotifier, toTeamsNotifyError } from "../../src/adapters/teams/notifier.js";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { CostbotError } from "../../src/base/errors.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { startScheduler } from "../../src/server/scheduler.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/bot-connector.js";

const CONVERSATION = "19:digest0001@thread.tacv2";
let connector: FakeBotConnector | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  await connector?.close();
});

/** A daily 09:00 Berlin digest for a stored Teams channel conversation (its reference may carry `locale`), run once by the scheduler at `now`. */
async function runStoredDigest(locale?: string) {
  connector = await startFakeBotConnector();
  const now = new Date("2025-11-27T08:00:00Z");
  store = await openStore(":memory:", { clock: () => new Date("2025-11-01T00:00:00Z") });
  // A stored conversation reference keeps the activity's locale (TurnContext.getConversationReference).
  await store.saveConversation({
    id: CONVERSATION,
    serviceUrl: connector.url,
    conversationType: "channel",
    updatedAt: "2025-11-01T00:00:00Z",
    reference: {
      conversation: { id: CONVERSATION, conversationType: "channel" },
      bot: { id: "28:costbot", name: "costbot" },
      channelId: "msteams",
      ...(locale ? { locale } : {}),
    },
  });
  const target = await store.findTarget("teams", CONVERSATION);
  await store.setDigest({ targetId: target!.id, cadence: "daily", time: "09:00", tz: "Europe/Berlin", createdBy: "AAD1" });
  const config = { ...loadConfig({}), host: "127.0.0.1" };
  const bot = createBot({ costSource: createDemoCostSource({ clock: () => now }), clock: () => now });
  const notifier = createTeamsSchedulerNotifier({ teams: config.teams, conversations: store });
  const scheduler = startScheduler({ store, bot, notifiers: { teams: notifier }, logger: silentLogger, clock: () => now, tickMs: 0 });
  await scheduler.tick();
  await scheduler.tick();
  await scheduler.stop();
  return connector;
}

describe("Teams scheduler notifier", () => {
  it.each([
    ["a removed bot (403)", { statusCode: 403, message: "BotNotInConversationRoster" }, "permanent", "bot_removed_or_forbidden"],
    ["a deleted conversation (404)", { statusCode: 404, message: "ConversationNotFound" }, "permanent", "conversation_not_found"],
    ["a conversation never stored", new CostbotError("no conversation", "NOT_FOUND"), "permanent", "conversation_not_found"],
    ["throttling (429)", { statusCode: 429, message: "Too many requests" }, "transient", undefined],
    ["a Bot Connector outage (502)", { response: { status: 502 }, message: "Bad gateway" }, "transient", undefined],
    ["a dropped connection", new Error("ECONNRESET"), "transient", undefined],
  ])("treats %s as %s", (_name, err, kind, reason) => {
    expect(toTeamsNotifyError(err, CONVERSATION)).toMatchObject({ kind, reason });
  });

  it("carries the Retry-After of a 429", () => {
    const err = { statusCode: 429, response: { status: 429, headers: { get: (h: string) => (h === "retry-after" ? "7" : undefined) } } };
    expect(toTeamsNotifyError(err, CONVERSATION).retryAfterMs).toBe(7000);
  });

  it("posts a scheduled digest into the stored conversation as a new message", async () => {
    const connector = await runStoredDigest();
    const [call] = await connector.waitForCalls(1);
    expect(connector.calls).toHaveLength(1);
    expect(call).toMatchObject({ method: "POST", conversationId: CONVERSATION });
    expect(String(call.body.text)).toMatch(/^Daily AI spend digest · Wed 26 Nov 2025: \$/);
    const card = (call.body.attachments as Array<{ content: { body: unknown[] } }>)[0].content;
    expect(JSON.stringify(card.body)).toContain("Month-end forecast");
  });

  it("writes the digest's dates in the locale the conversation last spoke in", async () => {
    const connector = await runStoredDigest("en-US");
    const [call] = await connector.waitForCalls(1);
    expect(String(call.body.text)).toMatch(/^Daily AI spend digest · Wed, Nov 26, 2025: \$/);
    const card = JSON.stringify((call.body.attachments as Array<{ content: unknown }>)[0].content);
    expect(card).toContain("Nov 1 – 26, 2025"); // month to date
    expect(card).not.toContain("1–26 Nov 2025");
  });
});
