// By-deployment rows carry the model, deployment type (ARM sku name) and model version from the
// deployments list: every renderer shows them, and JSON keeps them as fields.
import { describe, expect, it } from "vitest";
import { renderJson, type SpendJson } from "../../../src/bot/render/json.js";
import { renderSlack } from "../../../src/bot/render/slack.js";
import { renderTeams } from "../../../src/bot/render/teams.js";
import { renderText } from "../../../src/bot/render/text.js";
import type { SpendReport } from "../../../src/bot/report.js";
import { normalReport } from "../../fixtures/reports.js";

const report: SpendReport = {
  ...normalReport,
  groupBy: "deployment",
  total: 3.5,
  groups: [
    {
      key: "chat-4o",
      channel: "microsoft",
      cost: 2.63,
      inputTokens: 250,
      outputTokens: 50,
      cachedInputTokens: 0,
      hourly: false,
      model: "gpt-4o",
      account: "ai-prod",
      deploymentType: "GlobalStandard",
      modelVersion: "2024-08-06",
      allocated: true,
    },
    {
      key: "ptu-4o",
      channel: "microsoft",
      cost: 0.87,
      inputTokens: 100,
      outputTokens: 0,
      cachedInputTokens: 0,
      hourly: false,
      model: "gpt-4o",
      account: "ai-prod",
      deploymentType: "ProvisionedManaged",
      modelVersion: "2024-11-20",
      allocated: true,
    },
  ],
};

describe("by deployment on every card", () => {
  it("text names each deployment's model, type and version", () => {
    const text = renderText(report);
    expect(text).toMatch(/chat-4o .*gpt-4o · GlobalStandard · version 2024-08-06/);
    expect(text).toMatch(/ptu-4o .*gpt-4o · ProvisionedManaged · version 2024-11-20/);
  });

  it("Slack and Teams show the same", () => {
    const slack = JSON.stringify(renderSlack(report).blocks);
    expect(slack).toContain("*chat-4o* · $2.63");
    expect(slack).toContain("gpt-4o · GlobalStandard · version 2024-08-06");
    expect(slack).toContain("gpt-4o · ProvisionedManaged · version 2024-11-20");
    const teams = JSON.stringify(renderTeams(report));
    expect(teams).toContain("gpt-4o · GlobalStandard · version 2024-08-06");
    expect(teams).toContain("gpt-4o · ProvisionedManaged · version 2024-11-20");
  });

  it("JSON keeps them as fields", () => {
    const json = renderJson(report) as SpendJson;
    expect(json.groups.map((g) => [g.key, g.model, g.deploymentType, g.modelVersion, g.allocated])).toEqual([
      ["chat-4o", "gpt-4o", "GlobalStandard", "2024-08-06", true],
      ["ptu-4o", "gpt-4o", "ProvisionedManaged", "2024-11-20", true],
    ]);
  });

  it("a deployment missing from the deployments list says its type is unknown", () => {
    const r = { ...report, groups: [{ ...report.groups[0], deploymentType: "unknown", modelVersion: "" }] };
    expect(renderText(r)).toMatch(/chat-4o .*gpt-4o · type unknown/);
  });
});
