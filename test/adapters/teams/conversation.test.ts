// Conversation references for proactive sends, the in-memory store, and inbound activity parsing.
import { describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "../../../src/adapters/teams/conversation-store.js";
import { parseActivity } from "../../../src/adapters/teams/http.js";
import { baseConversationId, toConversationReference, toStoredConversation } from "../../../src/adapters/teams/reference.js";
import { BOT, TENANT_ID, botAdded, channelMessage, personalMessage } from "../../fakes/bot-connector.js";

const URL_ = "https://smba.trafficmanager.net/amer/";

describe("baseConversationId", () => {
  it.each([
    ["19:abc@thread.skype;messageid=1481567603816", "19:abc@thread.skype"],
    ["19:abc@thread.tacv2", "19:abc@thread.tacv2"],
    ["a:1personal-chat-id", "a:1personal-chat-id"],
  ])("maps %s to %s", (id, base) => expect(baseConversationId(id)).toBe(base));
});

describe("toStoredConversation", () => {
  it("keys a channel thread by its channel, so a proactive post starts a new thread", () => {
    const a = parseActivity(JSON.stringify(channelMessage(URL_, "this week")));
    const stored = toStoredConversation(a, new Date("2025-11-27T09:00:00Z"));
    expect(stored).toMatchObject({
      id: "19:efa9296d959346209fea44151c742e73@thread.skype",
      serviceUrl: URL_,
      tenantId: TENANT_ID,
      conversationType: "channel",
      updatedAt: "2025-11-27T09:00:00.000Z",
    });
    const ref = toConversationReference(stored);
    expect(ref.conversation?.id).toBe(stored.id);
    expect(ref.bot?.id).toBe(BOT.id);
    expect(ref.activityId).toBeUndefined();
    expect(ref.serviceUrl).toBe(URL_);
  });

  it("takes the tenant from channelData when the conversation does not carry it", () => {
    const a = parseActivity(JSON.stringify(botAdded(URL_)));
    expect(toStoredConversation(a).tenantId).toBe("72f988bf-86f1-41af-91ab-2d7cd011db47");
  });

  it("stores plain JSON that survives a round trip through a database", () => {
    const stored = toStoredConversation(parseActivity(JSON.stringify(personalMessage(URL_, "hi"))));
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});

describe("createMemoryConversationStore", () => {
  it("replaces by id and hands out copies", async () => {
    const store = createMemoryConversationStore();
    const first = toStoredConversation(parseActivity(JSON.stringify(personalMessage(URL_, "hi"))));
    await store.saveConversation(first);
    await store.saveConversation({ ...first, serviceUrl: "https://smba.trafficmanager.net/emea/" });
    const all = await store.listConversations();
    expect(all).toHaveLength(1);
    expect(all[0].serviceUrl).toBe("https://smba.trafficmanager.net/emea/");
    all[0].serviceUrl = "mutated";
    expect((await store.getConversation(first.id))?.serviceUrl).toBe("https://smba.trafficmanager.net/emea/");
    expect(await store.getConversation("nope")).toBeUndefined();
  });
});

describe("parseActivity", () => {
  it.each([
    ["not JSON", "{", /not JSON/],
    ["an array", "[]", /no type/],
    ["an object without type", '{"text":"hi"}', /no type/],
    ["null", "null", /no type/],
  ])("refuses %s with 400", (_name, body, message) => {
    let err: (Error & { status?: number }) | undefined;
    try {
      parseActivity(body);
    } catch (e) {
      err = e as Error & { status?: number };
    }
    expect(err?.message).toMatch(message);
    expect(err?.status).toBe(400);
  });

  it("turns timestamps into dates and keeps the raw text, as CloudAdapter.process does", () => {
    const a = parseActivity('{"type":"message","timestamp":"2025-11-27T09:00:00.123Z"}');
    expect(a.timestamp).toEqual(new Date("2025-11-27T09:00:00.123Z"));
    expect((a as unknown as { rawTimestamp: string }).rawTimestamp).toBe("2025-11-27T09:00:00.123Z");
  });
});
