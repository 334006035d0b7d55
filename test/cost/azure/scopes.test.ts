import { afterEach, describe, expect, it } from "vitest";
import { createAzureCostSource } from "../../../src/cost/sources/azure/index.js";
import { parseScope, planScopes } from "../../../src/cost/sources/azure/scopes.js";
import { startArmFake, type ArmFake } from "../../fakes/arm.js";
import { SUB } from "./harness.js";

const G = "00000000-0000-0000-0000-000000000001";

describe("parseScope", () => {
  it.each([
    [`/subscriptions/${G}`, "subscription", `/subscriptions/${G}`],
    [G, "subscription", `/subscriptions/${G}`],
    [`subscriptions/${G}/`, "subscription", `/subscriptions/${G}`],
    [`/subscriptions/${G}/resourceGroups/rg-ai-prod`, "resource-group", `/subscriptions/${G}/resourceGroups/rg-ai-prod`],
    [
      `/subscriptions/${G}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ai-1`,
      "resource",
      `/subscriptions/${G}/resourceGroups/rg`,
    ],
    ["/providers/Microsoft.Management/managementGroups/mg-ai", "management-group", "/providers/Microsoft.Management/managementGroups/mg-ai"],
    [
      "/providers/Microsoft.Billing/billingAccounts/12345:6789_2019-05-31",
      "billing-account",
      "/providers/Microsoft.Billing/billingAccounts/12345:6789_2019-05-31",
    ],
    [
      "/providers/Microsoft.Billing/billingAccounts/12345:6789/billingProfiles/13579",
      "billing-profile",
      "/providers/Microsoft.Billing/billingAccounts/12345:6789/billingProfiles/13579",
    ],
    [
      "/providers/Microsoft.Billing/billingAccounts/100/departments/7",
      "department",
      "/providers/Microsoft.Billing/billingAccounts/100/departments/7",
    ],
    [
      "/providers/Microsoft.Billing/billingAccounts/100/enrollmentAccounts/42",
      "enrollment-account",
      "/providers/Microsoft.Billing/billingAccounts/100/enrollmentAccounts/42",
    ],
  ])("reads %s as a %s queried at %s", (raw, kind, queryId) => {
    expect(parseScope(raw)).toMatchObject({ kind, queryId });
  });

  it.each(["rg-ai-prod", "/subscriptions", "https://portal.azure.com/#@contoso", "/providers/Microsoft.Foo/bars/1"])(
    "refuses %s with a CONFIG error",
    (raw) => {
      expect(() => parseScope(raw)).toThrow(expect.objectContaining({ code: "CONFIG" }));
    },
  );

  it("keeps a scope once however it is spelled", () => {
    expect(planScopes([G, `/subscriptions/${G.toUpperCase()}`]).scopes).toHaveLength(1);
  });
});

describe("Azure source configuration", () => {
  let fake: ArmFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it.each(["http://management.example.com", "ftp://127.0.0.1", "not a url"])("refuses the endpoint %s", (endpoint) => {
    expect(() => createAzureCostSource({ scopes: [SUB], endpoint, staticToken: "t" })).toThrow(expect.objectContaining({ code: "CONFIG" }));
  });

  it("signs requests with a static token (COSTBOT_AZURE_TOKEN), Bearer prefix or not", async () => {
    fake = await startArmFake({ token: "az-cli-token" });
    const source = createAzureCostSource({ scopes: [SUB], endpoint: fake.url + "/", staticToken: "Bearer az-cli-token" });
    const r = await source.query({ from: "2025-11-01", to: "2025-11-02", costType: "actual" });
    expect(r.rows).toEqual([]);
    expect(fake.of("query")[0].headers.authorization).toBe("Bearer az-cli-token");
    expect(fake.of("query")[0].headers["user-agent"]).toMatch(/^costbot azsdk-js-arm-costmanagement/);
  });

  it("names the scope in its name", () => {
    expect(createAzureCostSource({ scopes: [SUB, `${SUB.replace("1", "2")}`], staticToken: "t" }).name).toBe("Azure (2 scopes)");
  });
});
