// The CloudAdapter as built for costbot: connector clients reused per serviceUrl across turns,
// and the failures that count as "refuse with 401" told apart from our own bugs.
import { describe, expect, it } from "vitest";
import type { TurnContext } from "botbuilder";
import { createTeamsAdapter, isAuthFailure } from "../../../src/adapters/teams/adapter.js";
import { parseActivity } from "../../../src/adapters/teams/http.js";
import { personalMessage } from "../../fakes/bot-connector.js";

const LOCAL = { appId: "", appPassword: "", appType: "MultiTenant", tenantId: "" };

describe("createTeamsAdapter", () => {
  it("reuses one connector client per serviceUrl, and one token client, across turns", async () => {
    const adapter = createTeamsAdapter(LOCAL);
    const seen: unknown[] = [];
    const tokenClients: unknown[] = [];
    const turn = (serviceUrl: string) =>
      adapter.run("", parseActivity(JSON.stringify(personalMessage(serviceUrl, "hi"))), async (context: TurnContext) => {
        seen.push(context.turnState.get(adapter.ConnectorClientKey));
        tokenClients.push(context.turnState.get(adapter.UserTokenClientKey));
      });
    await turn("http://127.0.0.1:9/a/");
    await turn("http://127.0.0.1:9/a/");
    await turn("http://127.0.0.1:9/b/");
    expect(seen[0]).toBeDefined();
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(tokenClients[0]).toBeDefined();
    expect(new Set(tokenClients).size).toBe(1);
  });

  it("names the settings when the SDK refuses them", () => {
    expect(() => createTeamsAdapter({ ...LOCAL, appId: "x", appType: "SingleTenant" })).toThrow(/MicrosoftAppTenantId/);
  });
});

describe("isAuthFailure", () => {
  it.each([
    ["an SDK 401", Object.assign(new Error("Unauthorized. No valid identity."), { statusCode: 401 }), true],
    ["a bad signature", Object.assign(new Error("invalid signature"), { name: "JsonWebTokenError" }), true],
    ["an expired token", Object.assign(new Error("jwt expired"), { name: "TokenExpiredError" }), true],
    ["metadata that could not be loaded", Object.assign(new Error("Failed to load openID config: 503"), { statusCode: 500 }), false],
    ["a bug", new TypeError("x is undefined"), false],
    ["nothing", undefined, false],
  ])("classifies %s", (_name, err, expected) => expect(isAuthFailure(err)).toBe(expected));
});
