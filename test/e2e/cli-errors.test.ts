import { describe, expect, it } from "vitest";
import { main } from "../../src/adapters/cli/main.js";

const NOW = "2026-11-27T15:00:00Z";

async function ask(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(["ask", "--now", NOW, ...args], { out: (t) => void (out += t), err: (t) => void (err += t), clock: () => new Date(NOW) });
  return { code, out, err };
}

describe("errors this week on demo metrics", () => {
  it("returns failed requests by status code, billed (400, 408) apart from not billed (401, 429, 500)", async () => {
    const r = await ask("--format", "json", "errors this week");
    expect(r.err).toBe("");
    const report = JSON.parse(r.out);
    expect(report.kind).toBe("errors");
    expect(report.range).toEqual({ from: "2026-11-23", to: "2026-11-27", label: "This week" });
    const billedByCode = new Map<string, boolean>(report.groups.map((g: { key: string; billed: boolean }) => [g.key, g.billed]));
    expect(Object.fromEntries(billedByCode)).toEqual({ "400": true, "408": true, "401": false, "429": false, "500": false });
    const sum = (billed: boolean) =>
      report.groups.filter((g: { billed: boolean }) => g.billed === billed).reduce((n: number, g: { requests: number }) => n + g.requests, 0);
    expect(sum(true)).toBe(report.billedRequests);
    expect(sum(true) + sum(false)).toBe(report.failedRequests);
    expect(report.groups.every((g: { model: string }) => typeof g.model === "string" && g.model.length > 0)).toBe(true);
    expect(report.estimatedBilledCost).toBeGreaterThan(0);
    expect(report.groups.filter((g: { billed: boolean }) => !g.billed).every((g: { estimatedCost: null }) => g.estimatedCost === null)).toBe(true);
  });

  it("filters to one model and renders for Slack and Teams", async () => {
    const json = JSON.parse((await ask("--format", "json", "errors yesterday gpt-4o-mini")).out);
    expect(new Set(json.groups.map((g: { model: string }) => g.model))).toEqual(new Set(["gpt-4o-mini"]));
    const slack = JSON.parse((await ask("--format", "slack", "errors this week")).out);
    expect(slack.text).toMatch(/Failed requests/);
    expect(JSON.stringify(slack.blocks)).toMatch(/Billed failures/);
    const teams = JSON.parse((await ask("--format", "teams", "errors this week")).out);
    expect(teams.type).toBe("AdaptiveCard");
    expect(JSON.stringify(teams.body)).toMatch(/429/);
  });

  it("names a bad word instead of guessing", async () => {
    const r = await ask("errors fortnight");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/fortnight/);
  });
});
