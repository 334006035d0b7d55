// A compared period the source holds no data for (issue 13): the answer says "no data for the
// quarter before (data begins ...)" and the JSON carries no previous figures, never a real-looking $0.00.
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { renderJson, renderSlack, renderTeams, renderText } from "../../src/server/render.js";
import type { SpendReport } from "../../src/bot/report.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";

// The demo's data begins 31 Aug 2026 (90 days before 29 Nov): Q3's quarter before (Q2) has none.
const now = new Date("2026-11-29T12:00:00Z");
const bot = createBot({ costSource: createDemoCostSource({ clock: () => now }), clock: () => now });

describe("a compared period outside the data", () => {
  it("has null previous figures in the JSON and no previousCost on any row", async () => {
    const r = (await bot.answer("q3")) as SpendReport;
    expect(r.coverage).toEqual({ from: "2026-08-31", to: "2026-11-29" });
    const json = JSON.parse(JSON.stringify(renderJson(r)));
    expect(json.previous).toEqual({ from: "2026-04-01", to: "2026-06-30", label: "The quarter before", total: null, change: null });
    for (const g of [...json.groups, ...json.channels]) expect(g).not.toHaveProperty("previousCost");
    expect(r.warnings).toContain(
      "No data for the period compared with (1 Apr – 30 Jun 2026): the source's data begins 31 Aug 2026, so there is no change to show.",
    );
  });

  it("says so on every card instead of n/a against $0.00", async () => {
    const r = (await bot.answer("q3 compare")) as SpendReport;
    const line = "no data for the quarter before (data begins 31 Aug 2026)";
    const text = renderText(r);
    expect(text).toMatch(/^Total +\$[\d,.]+ +no data for the quarter before \(data begins 31 Aug 2026\)$/m);
    expect(text).not.toMatch(/n\/a|\(\$0\.00\)/);
    const slack = JSON.stringify(renderSlack(r).blocks);
    expect(slack).toContain(`*Change*\\n${line}`);
    expect(slack).not.toContain("$0.00");
    const teams = JSON.stringify(renderTeams(r));
    expect(teams).toContain(line);
    expect(teams).not.toContain("n/a");
  });

  it("keeps real figures when the compared period is inside the data", async () => {
    const r = (await bot.answer("last month")) as SpendReport;
    expect(r.previous.total).toBeGreaterThan(0);
    expect(r.channels[0].previousCost).toBeGreaterThan(0);
  });
});

describe("a range the source has no data for yet", () => {
  // Monday 00:30 UTC: the demo's data ends on Sunday 29 Nov, so "this week" (30 Nov) has none yet.
  const monday = new Date("2026-11-30T00:30:00Z");
  const early = createBot({ costSource: createDemoCostSource({ clock: () => monday }), clock: () => monday });

  it("shows no change (never ▼ 100%) and no row compared against $0.00", async () => {
    const r = (await early.answer("this week compare")) as SpendReport;
    expect(r.coverage?.to).toBe("2026-11-29");
    expect(r.total).toBe(0);
    expect(r.previous.change).toBeNull();
    expect(r.previous.total).toBeGreaterThan(0);
    for (const g of [...r.groups, ...r.channels]) expect(g).not.toHaveProperty("previousCost");
    const text = renderText(r);
    expect(text).toMatch(/^Total +\$0\.00 +no cost data yet vs 23 Nov 2026 \(\$[\d,.]+\)$/m);
    expect(text).not.toContain("▼");
    expect(JSON.stringify(renderSlack(r).blocks)).not.toContain("▼");
    expect(JSON.stringify(renderTeams(r))).not.toContain("▼");
  });
});
