import { describe, expect, it } from "vitest";
import { buildDigestBase } from "../../src/digests/figures.js";
import { renderSlack, renderTeams, renderText } from "../../src/server/render.js";
import { createDemoMetricsSource } from "../../src/cost/metrics/demo.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";

const clock = () => new Date("2026-11-27T15:00:00Z");
const deps = { costSource: createDemoCostSource({ clock }), metrics: createDemoMetricsSource({ clock }), cadence: "daily" as const, tz: "UTC" };

describe("digest line on billed failed requests", () => {
  it("appears on the day billed failures jumped, on every platform", async () => {
    // The demo's content-filter spike is on 25 Nov; the digest sent on the 26th reports the 25th.
    const { report } = await buildDigestBase({ ...deps, date: "2026-11-26" });
    expect(report.failures).toMatchObject({ date: "2026-11-25" });
    expect(report.failures!.billedRequests / report.failures!.requests).toBeGreaterThan(0.02);
    expect(report.failures!.estimatedCost).toBeGreaterThan(0);
    const line = /Billed failed requests on 25 Nov: [\d,]+ of [\d,]+ \([\d.]+%\), ≈ \$[\d,.]+/;
    expect(renderText(report)).toMatch(line);
    expect(JSON.stringify(renderSlack(report).blocks)).toMatch(line);
    expect(JSON.stringify(renderTeams(report).body)).toMatch(line);
  });

  it("stays out when billed failures are as usual", async () => {
    const { report } = await buildDigestBase({ ...deps, date: "2026-11-25" });
    expect(report.failures).toBeUndefined();
    expect(renderText(report)).not.toMatch(/Billed failed requests/);
  });
});
