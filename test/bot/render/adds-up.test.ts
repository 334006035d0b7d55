// Shown figures add up (issue 13): rows, channels and "N more" are rounded so they sum to the shown
// total in every renderer and in the JSON; by day lists every day; compare shows per-row change.
import { describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/bot.js";
import { renderJson } from "../../../src/bot/render/json.js";
import { renderSlack } from "../../../src/bot/render/slack.js";
import { renderTeams } from "../../../src/bot/render/teams.js";
import { renderText } from "../../../src/bot/render/text.js";
import type { SpendReport } from "../../../src/bot/report.js";
import { parseAmount } from "../../../src/cost/money.js";
import { makeRow, type CostRow, type CostSource } from "../../../src/cost/types.js";

const GPT = {
  meterCategory: "Foundry Models",
  meterSubCategory: "Azure OpenAI",
  serviceName: "Microsoft.CognitiveServices",
  publisherType: "Microsoft",
};
const row = (date: string, cost: string, meterName: string): CostRow => makeRow({ date, cost: parseAmount(cost)!, meterName, ...GPT });

// Three models at x.xx5 each: rounded alone they show 0.01 more than the total.
const rows: CostRow[] = [
  row("2026-11-02", "1.005", "gpt-4o-0806-Inp-glbl Tokens"),
  row("2026-11-02", "2.005", "gpt-4o-mini-0718-Inp-glbl Tokens"),
  row("2026-11-03", "3.005", "gpt 4.1 Inp glbl Tokens"),
  row("2026-10-02", "4.00", "gpt-4o-0806-Inp-glbl Tokens"),
  row("2026-10-03", "1.00", "o3 mini 0131 Inp DZone Tokens"),
];
const source: CostSource = {
  name: "test rows",
  async query(q) {
    return {
      rows: rows.filter((r) => r.date >= q.from && r.date <= q.to),
      dataAsOf: "2026-11-25T06:00:00Z",
      warnings: [],
      coverage: { from: "2026-10-01", to: "2026-11-25" },
    };
  },
};
const now = new Date("2026-11-25T10:00:00Z");
const bot = createBot({ costSource: source, clock: () => now });
const ask = async (q: string) => (await bot.answer(q)) as SpendReport;
const cents = (n: number) => Math.round(n * 100);
const dollars = (s: string) => cents(Number(s.replace(/[$,]/g, "")));

describe("shown figures add up", () => {
  it("JSON groups and channels sum to the total to the cent", async () => {
    const r = await ask("2026-11-01 to 2026-11-24");
    const json = renderJson(r) as SpendReport;
    expect(json.total).toBe(6.02); // 6.015 half-up
    expect(json.groups.map((g) => g.cost)).toEqual([3.01, 2.01, 1]); // 3.005, 2.005, 1.005 share the 2 cents
    expect(json.groups.reduce((s, g) => s + cents(g.cost), 0)).toBe(cents(json.total));
    expect(json.channels.reduce((s, c) => s + cents(c.cost), 0)).toBe(cents(json.total));
    expect(json.series.reduce((s, d) => s + cents(d.cost), 0)).toBe(cents(json.total));
  });

  it("the text card's rows and 'N more' add up to its total", async () => {
    const text = renderText(await ask("2026-11-01 to 2026-11-24 top 1"));
    const total = dollars(/Total\s+(\$[\d,.]+)/.exec(text)![1]);
    const rowsShown = [...text.matchAll(/^\S+\s+Microsoft\s+(\$[\d,.]+)/gm)].map((m) => dollars(m[1]));
    const more = dollars(/2 more: (\$[\d,.]+)/.exec(text)![1]);
    expect(rowsShown.reduce((a, b) => a + b, 0) + more).toBe(total);
  });

  it("the Slack and Teams cards show the same apportioned rows", async () => {
    const r = await ask("2026-11-01 to 2026-11-24");
    const slack = JSON.stringify(renderSlack(r));
    expect(slack).toContain("$3.01");
    expect(slack).toContain("$2.01");
    expect(slack).toContain("$1.00");
    const teams = JSON.stringify(renderTeams(r));
    for (const m of ["$3.01", "$2.01", "$1.00", "$6.02"]) expect(teams).toContain(m);
  });
});

describe("compare", () => {
  it("carries previousCost on every group, a vanished model included when comparing", async () => {
    const r = await ask("2026-11-02 to 2026-11-03 vs 2026-10-02 to 2026-10-03 compare");
    expect(r.groups.map((g) => [g.key, g.cost, g.previousCost])).toEqual([
      ["gpt-4.1", 3.01, 0],
      ["gpt-4o-mini", 2.01, 0],
      ["gpt-4o", 1, 4],
      ["o3-mini", 0, 1],
    ]);
  });

  it("shows per-row change on every card only when asked", async () => {
    const on = await ask("2026-11-02 to 2026-11-03 vs 2026-10-02 to 2026-10-03");
    const off = await ask("2026-11-02 to 2026-11-03 vs 2026-10-02 to 2026-10-03 no comparison");
    expect(renderText(on)).toMatch(/gpt-4o\s.*\$1\.00.*▼ 75\.0%/);
    expect(renderText(off)).not.toMatch(/▼ 75\.0%/);
    expect(JSON.stringify(renderSlack(on))).toContain("▼ 75.0% from $4.00");
    expect(JSON.stringify(renderSlack(off))).not.toContain("from $4.00");
    expect(JSON.stringify(renderTeams(on))).toContain('"text":"▼ 75.0%"');
    expect(JSON.stringify(renderTeams(off))).not.toContain("▼ 75.0%");
    expect(on.actions.find((a) => a.id === "no-compare")?.command).toBe(
      "2026-11-02 to 2026-11-03 by model vs 2026-10-02 to 2026-10-03 no comparison",
    );
  });
});

describe("partial days and by day", () => {
  it("says today so far and never shows a plain ▼ against a partial day", async () => {
    const r = await ask("today");
    expect(r.range).toMatchObject({ label: "Today so far", complete: false });
    expect((await ask("2026-11-01 to 2026-11-24")).range.complete).toBe(true);
    const week = await ask("2026-11-02 to 2026-11-25");
    expect(week.range.complete).toBe(false);
    expect(renderText(week)).toMatch(/incomplete/);
  });

  it("lists every day of a month by day, the newest days included", async () => {
    const r = await ask("this month by day");
    expect(r.groups).toHaveLength(25);
    const text = renderText(r);
    expect(text).toMatch(/Wed 25 Nov/);
    expect(text).toMatch(/Sun 1 Nov/);
    expect(JSON.stringify(renderSlack(r))).toContain("Wed 25 Nov");
    expect(JSON.stringify(renderTeams(r))).toContain("Wed 25 Nov");
  });

  it("warns when the range starts before the source's data", async () => {
    const r = await ask("q3");
    expect(r.warnings.join(" ")).toMatch(/Data begins 1 Oct 2026/);
  });
});

describe("a source whose data ends before this month", () => {
  const old: CostSource = {
    name: "old export",
    async query(q) {
      const kept = rows.filter((r) => r.date < "2026-11-01");
      return {
        rows: kept.filter((r) => r.date >= q.from && r.date <= q.to),
        dataAsOf: "2026-10-04T00:00:00Z",
        warnings: [],
        coverage: { from: "2026-10-02", to: "2026-10-03" },
      };
    },
  };
  const oldBot = createBot({ costSource: old, clock: () => now });

  it("answers no date words for the last month it has, up to the day its data ends, and says so", async () => {
    const r = (await oldBot.answer("by model")) as SpendReport;
    expect(r.range).toMatchObject({ from: "2026-10-01", to: "2026-10-03", label: "October 2026 until the data ends" });
    expect(r.total).toBe(5);
    expect(r.coverage).toEqual({ from: "2026-10-02", to: "2026-10-03" });
    expect(r.warnings.join(" ")).toMatch(
      /data ends 3 Oct 2026, so this is October 2026, the last month it has \(only to that day: not the whole month\)/,
    );
    expect(renderText(r).split("\n")[0]).toBe("AI model spend · October 2026 until the data ends (1–3 Oct 2026)");
    // Compared with the same days of September, which the source does not hold: no figures, not $0.00.
    expect(r.previous).toMatchObject({ from: "2026-09-01", to: "2026-09-03", total: null, change: null });
    expect(renderText(r)).toMatch(/^Total +\$5\.00 +no data for same days of the month before \(data begins 2 Oct 2026\)$/m);
  });

  it("answers a whole month when the data ends on its last day", async () => {
    const full: CostSource = {
      ...old,
      async query(q) {
        return { ...(await old.query(q)), coverage: { from: "2026-10-02", to: "2026-10-31" } };
      },
    };
    const r = (await createBot({ costSource: full, clock: () => now }).answer("by model")) as SpendReport;
    expect(r.range).toMatchObject({ from: "2026-10-01", to: "2026-10-31", label: "October 2026" });
    expect(r.warnings.join(" ")).not.toMatch(/only to that day/);
  });

  it("keeps named dates as asked and warns that the data ends earlier", async () => {
    const r = (await oldBot.answer("this month")) as SpendReport;
    expect(r.range.from).toBe("2026-11-01");
    expect(r.total).toBe(0);
    expect(r.warnings.join(" ")).toMatch(/Data ends 3 Oct 2026/);
  });
});
