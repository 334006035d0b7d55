// The Azure source's coverage: the dates of what Azure returned (it states no first date or
// retention), so "data begins ..." warnings work there as they do for exports; unknown stays null.
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/bot.js";
import type { SpendReport } from "../../../src/bot/report.js";
import { aiCosts, NOW, setup, SUB, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

describe("Azure source coverage", () => {
  it("runs from the earliest to the latest usage date Azure returned", async () => {
    h = await setup();
    h.fake.setCosts(SUB, aiCosts(SUB, 1, "2025-11-10", "2025-11-26"));
    const r = await h.source.query({ from: "2025-11-20", to: "2025-11-27", costType: "actual" });
    // The canonical window (1 Sep - 27 Nov) was read: nothing before 10 Nov, nothing after 26 Nov.
    expect(r.coverage).toEqual({ from: "2025-11-10", to: "2025-11-26" });
  });

  it("is null, not empty, when Azure returned no rows", async () => {
    h = await setup();
    const r = await h.source.query({ from: "2025-11-20", to: "2025-11-27", costType: "actual" });
    expect(r.rows).toEqual([]);
    expect(r.coverage).toBeNull();
  });

  it("lets an answer say where the data begins and that the compared period has none", async () => {
    h = await setup();
    h.fake.setCosts(SUB, aiCosts(SUB, 1, "2025-11-10", "2025-11-27"));
    const bot = createBot({ costSource: h.source, clock: () => new Date(NOW) });
    const r = (await bot.answer("this month")) as SpendReport;
    expect(r.coverage).toEqual({ from: "2025-11-10", to: "2025-11-27" });
    expect(r.warnings).toContain("Data begins 10 Nov 2025: this range starts before it, so its total leaves out 1–9 Nov 2025.");
    expect(r.previous).toMatchObject({ from: "2025-10-01", to: "2025-10-27", total: null });
  });
});
