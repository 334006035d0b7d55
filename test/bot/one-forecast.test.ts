// One forecast for everything (issue 13): the digest and the `forecast` command project the month
// from completed days only, by the same method, so they agree; a partial day is never "Yesterday".
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { forecastCommand } from "../../src/bot/commands/forecast.js";
import { buildDigestBase, digestFor } from "../../src/digests/figures.js";
import { renderText } from "../../src/server/render.js";
import type { NoticeReport } from "../../src/bot/report.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";

// Sunday 29 Nov 2026, 15:00 UTC: the demo's data reaches 06:00 today, so 28 Nov is the last final day.
const now = new Date("2026-11-29T15:00:00Z");
const demo = createDemoCostSource({ clock: () => now });
const dollars = (s: string) => Number(s.replace(/[$,]/g, ""));

describe("one forecast", () => {
  it("the digest built now for tomorrow and the forecast command project the same month end", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [forecastCommand] });
    const command = (await bot.answer("forecast")) as NoticeReport;
    const projected = dollars(command.fields!.find((f) => /month end/.test(f.label))!.value);
    const { report } = digestFor(await buildDigestBase({ costSource: demo, cadence: "daily", date: "2026-11-30", tz: "UTC" }), []);
    expect(report.forecast.projected).toBe(projected);
    expect(command.fields!.map((f) => f.label)).toContain("So far (1–28 Nov 2026)");
    expect(command.fields!.map((f) => f.label)).toContain("Forecast, 2 more days");
  });

  it("labels today's partial day as so far, never Yesterday", async () => {
    const { report } = digestFor(await buildDigestBase({ costSource: demo, cadence: "daily", date: "2026-11-30", tz: "UTC" }), []);
    expect(report.day).toMatchObject({ date: "2026-11-29", complete: false });
    const text = renderText(report);
    expect(text).toMatch(/^Sun 29 Nov so far /m);
    expect(text).not.toMatch(/^Yesterday/m);
    expect(report.warnings).toContain("Sun 29 Nov is not complete yet: cost data usually lags by several hours, so it will still grow.");
    const us = digestFor(await buildDigestBase({ costSource: demo, cadence: "daily", date: "2026-11-30", tz: "UTC" }), [], undefined, "en-US").report;
    expect(us.warnings).toContain("Sun, Nov 29 is not complete yet: cost data usually lags by several hours, so it will still grow.");
    expect(renderText(us)).toMatch(/^Sun, Nov 29 so far /m);
    const sent = digestFor(await buildDigestBase({ costSource: demo, cadence: "daily", date: "2026-11-29", tz: "UTC" }), []).report;
    expect(renderText(sent)).toMatch(/^Yesterday /m);
  });

  it("shows no raw ISO time", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [forecastCommand] });
    const text = renderText(await bot.answer("forecast"));
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d/);
    expect(text).toMatch(/Data as of 29 Nov 2026 06:00 UTC/);
  });
});

describe("chat-only commands where there is no channel", () => {
  it.each(["budget set 500 weekly", "digest daily 09:00", "alerts on"])("%j says it is a chat command", async (text) => {
    const { chatOnlyCommand } = await import("../../src/bot/commands/chat-only.js");
    const bot = createBot({ costSource: demo, clock: () => now, commands: [chatOnlyCommand] });
    const r = await bot.answer(text);
    expect(r).toMatchObject({ kind: "error", message: expect.stringMatching(/is a chat command/) });
  });
});
