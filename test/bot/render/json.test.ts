import { describe, expect, it } from "vitest";
import { renderJson } from "../../../src/bot/render/json.js";
import { errorReport, helpReport, manyModelsReport, normalReport } from "../../fixtures/reports.js";

describe("renderJson", () => {
  it("writes the DESIGN.md §3 contract fields first, in contract order", () => {
    const json = renderJson(normalReport);
    expect(Object.keys(json).slice(0, 9)).toEqual([
      "range",
      "currency",
      "total",
      "groupBy",
      "groups",
      "channels",
      "otherCost",
      "dataAsOf",
      "warnings",
    ]);
    expect(json).toMatchObject({
      range: { from: "2025-11-24", to: "2025-11-27", label: "This week" },
      currency: "USD",
      total: 1246.56,
      groupBy: "model",
      channels: [
        { channel: "microsoft", cost: 1100.01, prepaymentEligible: true },
        { channel: "marketplace", cost: 146.55, prepaymentEligible: false },
      ],
      otherCost: 12.3,
      dataAsOf: "2025-11-27T06:00:00Z",
      warnings: [],
      kind: "spend",
      source: "demo data",
    });
  });

  it("lists every group, with no roll-up", () => {
    const json = renderJson(manyModelsReport);
    if (json.kind !== "spend") throw new Error("expected spend");
    expect(json.groups).toHaveLength(200);
    expect(json.groups[0]).toEqual({
      key: "fine-tuned-model-number-001-for-team-0",
      channel: "marketplace",
      cost: 10000,
      inputTokens: 200_000_000,
      outputTokens: 50_000_000,
      cachedInputTokens: 0,
      hourly: false,
    });
  });

  it("returns a copy: changing it leaves the report alone", () => {
    const json = renderJson(normalReport);
    if (json.kind !== "spend") throw new Error("expected spend");
    json.groups.pop();
    json.range.label = "changed";
    expect(normalReport.groups).toHaveLength(7);
    expect(normalReport.range.label).toBe("This week");
  });

  it("survives a JSON round trip unchanged", () => {
    const json = renderJson(normalReport);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("writes errors and help as small objects", () => {
    expect(renderJson(errorReport)).toEqual({ kind: "error", message: errorReport.message, hint: errorReport.hint });
    expect(renderJson({ kind: "error", message: "x" })).toEqual({ kind: "error", message: "x" });
    expect(renderJson(helpReport)).toEqual({ kind: "help", intro: helpReport.intro, sections: helpReport.sections });
  });
});
