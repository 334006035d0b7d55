import { describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/bot.js";
import { forecastCommand } from "../../../src/bot/commands/forecast.js";
import type { NoticeReport, Report } from "../../../src/bot/report.js";
import { parseAmount } from "../../../src/cost/money.js";
import { createDemoCostSource } from "../../../src/cost/sources/demo.js";
import type { CostSource } from "../../../src/cost/types.js";

const now = new Date("2025-11-27T09:00:00Z");
const field = (r: NoticeReport, label: RegExp) => r.fields!.find((f) => label.test(f.label))!.value;
const dollars = (s: string) => Number(s.replace(/[$,]/g, ""));

function notice(r: Report): NoticeReport {
  if (r.kind !== "notice") throw new Error(`expected a notice, got ${JSON.stringify(r)}`);
  return r;
}

describe("forecast command", () => {
  const demo = createDemoCostSource({ clock: () => now });

  it("projects month-end AI spend as actual so far plus the forecast days", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [forecastCommand] });
    const r = notice(await bot.answer("forecast"));
    expect(r.title).toMatch(/^Forecast for November 2025: \$[\d,.]+ on AI models$/);
    expect(field(r, /more days/)).toMatch(/^\$/);
    expect(r.fields!.find((f) => /more days/.test(f.label))!.label).toBe("Forecast, 4 more days");
    const sum = dollars(field(r, /So far/)) + dollars(field(r, /more days/));
    expect(Math.abs(sum - dollars(field(r, /month end/)))).toBeLessThanOrEqual(0.01);
  });

  it("narrows to a model and refuses unknown words", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [forecastCommand] });
    const all = notice(await bot.answer("forecast"));
    const one = notice(await bot.answer("forecast gpt-4o"));
    expect(one.title).toMatch(/\(gpt-4o\)$/);
    expect(dollars(field(one, /month end/))).toBeLessThan(dollars(field(all, /month end/)));
    expect(await bot.answer("forecast fortnightly")).toMatchObject({ kind: "error", message: expect.stringMatching(/fortnightly/) });
  });

  it("shows the source's own forecast beside the projection when it has one", async () => {
    const azureLike: CostSource & { forecast: () => Promise<unknown> } = {
      name: "Azure (1 scope)",
      query: (q) => demo.query(q),
      forecast: async () => ({ projected: parseAmount("31000.5")!, currency: "USD", warnings: [] }),
    };
    const bot = createBot({ costSource: azureLike, clock: () => now, commands: [forecastCommand] });
    const r = notice(await bot.answer("forecast"));
    expect(field(r, /Azure/)).toBe("$31,000.50");
  });

  it("leaves other messages to the next handler", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [forecastCommand] });
    expect((await bot.answer("this week")).kind).toBe("spend");
  });
});
