import { describe, expect, it } from "vitest";
import { shiftDays } from "../../src/base/dates.js";
import { evaluateBudget, thresholdAmount } from "../../src/budgets/evaluate.js";
import { periodWindow } from "../../src/budgets/period.js";
import type { CostRow } from "../../src/cost/types.js";
import { gpt4oRow as aoai, mistralRow as mistral, usd } from "../fixtures/rows.js";

/** $100 a day of gpt-4o and $20 of Mistral every day from `from` to `to`. */
function flat(from: string, to: string): CostRow[] {
  const rows: CostRow[] = [];
  for (let d = from; d <= to; d = shiftDays(d, 1)) rows.push(aoai(d, "100"), mistral(d, "20"));
  return rows;
}

// Thursday 13 Nov 2025, data through the 13th (partly billed: $30 so far that day, as of 06:00).
const window = periodWindow("monthly", new Date("2025-11-13T12:00:00Z"), "UTC");
const rows = { rows: [...flat("2025-10-01", "2025-11-12"), aoai("2025-11-13", "30")], dataAsOf: "2025-11-13T06:00:00Z" };

describe("evaluateBudget", () => {
  it("sums the period so far, projects the rest from the weekday profile and finds the crossing day", () => {
    const s = evaluateBudget({ amount: usd("3000"), thresholds: [50, 100, 150] }, rows, window);
    expect(s.spent).toBe(usd("1470")); // 12 days x $120 + $30
    // Completed days only: 1-12 Nov billed ($1,440), the partial 13th and 17 more days forecast at $120.
    expect(s.projected).toBe(usd("3600"));
    expect(s.actualCrossed).toEqual([]);
    expect(s.forecastCrossed).toEqual([
      { threshold: 50, date: "2025-11-13" },
      { threshold: 100, date: "2025-11-25" },
    ]);
    expect(s.lastDataDate).toBe("2025-11-13");
  });

  it("applies the model and channel filter to spend, projection and drivers", () => {
    const market = evaluateBudget({ amount: usd("500"), thresholds: [80, 100], channel: "marketplace" }, rows, window);
    expect(market.spent).toBe(usd("240"));
    expect(market.projected).toBe(usd("600"));
    expect(market.drivers.models).toEqual([{ model: "mistral-large-2411", cost: usd("240"), channel: "marketplace" }]);
    expect(market.forecastCrossed.map((f) => f.threshold)).toEqual([80, 100]);

    const four = evaluateBudget({ amount: usd("1000"), thresholds: [100], model: "gpt-4o" }, rows, window);
    expect(four.spent).toBe(usd("1230"));
    expect(four.actualCrossed).toEqual([100]);
    expect(four.drivers.channels).toEqual({ microsoft: usd("1230"), marketplace: 0n });
  });

  it("reaching a threshold exactly counts as crossing it", () => {
    const s = evaluateBudget({ amount: usd("1470"), thresholds: [100] }, rows, window);
    expect(s.actualCrossed).toEqual([100]);
  });

  it("keeps thresholds with decimals exact", () => {
    expect(thresholdAmount(usd("1000"), 87.5)).toBe(usd("875"));
    expect(thresholdAmount(usd("0.03"), 33.333)).toBe(usd("0.0099999"));
  });
});

describe("one forecast for budgets, the forecast command and the digest", () => {
  // $100 on weekdays, $20 on weekends from 1 Oct; Wednesday 26 Nov 2025 is still being billed
  // (data as of 06:00) and already shows $150, more than a whole usual Wednesday.
  const weekday = (d: string) => ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()) ? "20" : "100");
  const history: CostRow[] = [];
  for (let d = "2025-10-01"; d <= "2025-11-25"; d = shiftDays(d, 1)) history.push(aoai(d, weekday(d)));
  history.push(aoai("2025-11-26", "150"));
  const data = { rows: history, dataAsOf: "2025-11-26T06:00:00Z" };
  const now = new Date("2025-11-26T12:00:00Z");
  const source = {
    name: "hand-made rows",
    async query(q: { from: string; to: string }) {
      return { ...data, rows: history.filter((r) => r.date >= q.from && r.date <= q.to), warnings: [] };
    },
  };

  it("a monthly budget projects the month end the forecast command shows", async () => {
    // Billed 1-25 Nov: 17 weekdays x $100 + 8 weekend days x $20 = $1,860. Forecast 26-30 Nov from
    // the same weekdays of the four weeks before: Wed, Thu, Fri $100, Sat, Sun $20 = $340. $2,200.
    const s = evaluateBudget({ amount: usd("2100"), thresholds: [100] }, data, periodWindow("monthly", now, "UTC"));
    expect(s.spent).toBe(usd("2010")); // $1,860 + the $150 so far today
    expect(s.projected).toBe(usd("2200"));
    expect(s.forecastCrossed).toEqual([{ threshold: 100, date: "2025-11-28" }]); // 1860+100+100 = 2060, +100 = 2160

    const { createBot } = await import("../../src/bot/bot.js");
    const { forecastCommand } = await import("../../src/bot/commands/forecast.js");
    const bot = createBot({ costSource: source, clock: () => now, commands: [forecastCommand] });
    const r = (await bot.answer("forecast")) as { fields: Array<{ label: string; value: string }> };
    expect(r.fields).toContainEqual({ label: "Projected month end", value: "$2,200.00" });
    expect(r.fields).toContainEqual({ label: "So far (1–25 Nov 2025)", value: "$1,860.00" });
  });

  it("never projects below what is already spent", () => {
    const s = evaluateBudget(
      { amount: usd("5000"), thresholds: [100] },
      { ...data, rows: [...history, aoai("2025-11-26", "900")] },
      periodWindow("monthly", now, "UTC"),
    );
    expect(s.spent).toBe(usd("2910"));
    expect(s.projected).toBe(usd("2910")); // $2,200 forecast, but $2,910 already spent
  });
});
