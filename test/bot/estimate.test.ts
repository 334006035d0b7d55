import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { renderText } from "../../src/server/render.js";
import type { SpendReport } from "../../src/bot/report.js";
import { createDemoMetricsSource } from "../../src/cost/metrics/demo.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";

const NOW = new Date("2026-11-27T15:00:00Z");
const clock = () => NOW;
const withMetrics = createBot({ costSource: createDemoCostSource({ clock }), metrics: createDemoMetricsSource({ clock }), clock });
const without = createBot({ costSource: createDemoCostSource({ clock }), clock });

describe("estimate from usage in spend answers", () => {
  it("adds today's estimate apart from the billed total", async () => {
    const r = (await withMetrics.answer("today")) as SpendReport;
    const billed = (await without.answer("today")) as SpendReport;
    expect(r.total).toBe(billed.total);
    expect(r.estimate).toMatchObject({ from: "2026-11-27", to: "2026-11-27", includesToday: true });
    expect(r.estimate!.cost).toBeGreaterThan(0);
    expect(r.estimate!.basis).toMatch(/2026-11-20 to 2026-11-26/);
    expect(renderText(r)).toMatch(
      /≈ \$[\d,.]+ so far today \(estimate from token usage, PTU hourly charges not included; billed cost arrives later\)/,
    );
    const mini = (await withMetrics.answer("gpt-4o-mini today")) as SpendReport;
    expect(renderText(mini)).toMatch(/≈ \$[\d,.]+ so far today \(estimate from usage; billed cost arrives later\)/);
  });

  it("covers only the days without final cost data", async () => {
    const week = (await withMetrics.answer("this week")) as SpendReport;
    expect(week.estimate).toMatchObject({ from: "2026-11-27", to: "2026-11-27" });
    const last = (await withMetrics.answer("last week")) as SpendReport;
    expect(last.estimate).toBeUndefined();
    expect(renderText(last)).not.toMatch(/≈/);
  });

  it("estimates only the asked model", async () => {
    const all = (await withMetrics.answer("today")) as SpendReport;
    const mini = (await withMetrics.answer("gpt-4o-mini today")) as SpendReport;
    expect(mini.estimate!.cost).toBeGreaterThan(0);
    expect(mini.estimate!.cost).toBeLessThan(all.estimate!.cost / 5);
  });
});

describe("estimate and hourly (PTU) cost", () => {
  it("gives no $0.00 estimate for PTU: hours are not in the token metrics", async () => {
    const r = (await withMetrics.answer("ptu this month")) as SpendReport;
    expect(r.estimate).toBeUndefined();
    expect(r.warnings).toContain(
      "No usage estimate for the days without final cost data: provisioned (PTU) deployments bill per hour, and the usage metrics count tokens, not hours.",
    );
    expect(renderText(r)).not.toMatch(/≈/);
  });

  it("says the estimate leaves out PTU hours when the range has hourly cost", async () => {
    const r = (await withMetrics.answer("this week")) as SpendReport;
    expect(r.groups.some((g) => g.hourly)).toBe(true);
    expect(r.estimate).toMatchObject({ excludesHourly: true });
    expect(renderText(r)).toMatch(
      /≈ \$[\d,.]+ so far today \(estimate from token usage, PTU hourly charges not included; billed cost arrives later\)/,
    );
  });
});
