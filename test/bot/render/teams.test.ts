import * as AC from "adaptivecards";
import { describe, expect, it } from "vitest";
import { formatMoney, sumMoney } from "../../../src/bot/render/format.js";
import { cardBytes, renderTeams, TEAMS_MAX_BYTES } from "../../../src/bot/render/teams.js";
import type { SpendReport } from "../../../src/bot/report.js";
import {
  errorReport,
  helpReport,
  HOSTILE_KEYS,
  hostileErrorReport,
  hostileReport,
  manyModelsReport,
  marketplaceZeroReport,
  normalReport,
} from "../../fixtures/reports.js";
import { expectGolden } from "./golden.js";

type El = Record<string, any>;

/** Every element (and nested object) of a card, depth first. */
function walk(value: unknown, out: El[] = []): El[] {
  if (Array.isArray(value)) value.forEach((v) => walk(v, out));
  else if (value && typeof value === "object") {
    out.push(value as El);
    Object.values(value).forEach((v) => walk(v, out));
  }
  return out;
}
const ofType = (card: unknown, type: string) => walk(card).filter((e) => e.type === type);
const textBlocks = (card: unknown) => ofType(card, "TextBlock").map((e) => e.text as string);
const textRuns = (card: unknown) => ofType(card, "TextRun").map((e) => e.text as string);

describe("renderTeams", () => {
  it.each([
    ["normal", normalReport],
    ["marketplace-zero", marketplaceZeroReport],
    ["many-models", manyModelsReport],
  ])("matches the golden card for the %s report", (name, report) => {
    expectGolden(`${name}.teams.json`, renderTeams(report));
  });

  it("is an Adaptive Card 1.5 with a schema", () => {
    expect(renderTeams(normalReport)).toMatchObject({
      type: "AdaptiveCard",
      version: "1.5",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    });
  });

  it("shows the same total the report holds, right under the Total label", () => {
    for (const r of [normalReport, marketplaceZeroReport, manyModelsReport]) {
      const blocks = textBlocks(renderTeams(r));
      expect(blocks[blocks.indexOf("Total") + 1]).toBe(formatMoney(r.total, r.currency));
    }
  });

  it("shows both channels with the Prepayment note, Marketplace even at zero", () => {
    const blocks = textBlocks(renderTeams(marketplaceZeroReport));
    const i = blocks.indexOf("Microsoft");
    expect(blocks.slice(i, i + 6)).toEqual(["Microsoft", "$4,323.46", "Prepayment eligible", "Marketplace", "$0.00", "not payable with Prepayment"]);
    expect(blocks).toContain("n/a");
  });

  it("lists top groups with input and output tokens in a table, tail rolled up", () => {
    const [table] = ofType(renderTeams(normalReport), "Table");
    expect(table.rows).toHaveLength(7);
    const cells = (row: El) =>
      walk(row)
        .filter((e) => e.type === "TextBlock" || e.type === "TextRun")
        .map((e) => e.text);
    expect(cells(table.rows[0])).toEqual(["Model", "Cost", "Share", "Input", "Output"]);
    expect(cells(table.rows[1])).toEqual(["gpt-4o", " Microsoft", "$812.40", "65.2%", "1.2M", "300K"]);
    expect(cells(table.rows[5])).toEqual(["gpt-4.1", " Microsoft · hourly (PTU)", "$50.00", "4.0%", "–", "–"]);
    expect(cells(table.rows[6])).toEqual(["2 more: $12.00", "$12.00", "1.0%", "", ""]);
  });

  it("draws the trend with a Teams bar chart that falls back to a text sparkline", () => {
    const [chart] = ofType(renderTeams(normalReport), "Chart.VerticalBar");
    expect(chart.data).toEqual(normalReport.series.map((p, i) => ({ x: ["24 Nov", "25 Nov", "26 Nov", "27 Nov"][i], y: p.cost })));
    expect(chart.fallback).toEqual({
      type: "TextBlock",
      text: "Trend (daily) █▆█▅ 24 Nov – 27 Nov",
      wrap: true,
      fontType: "Monospace",
    });
  });

  it("parses cleanly in the Adaptive Cards SDK, which knows no charts and so uses the fallback", () => {
    for (const r of [normalReport, manyModelsReport, hostileReport, helpReport, errorReport]) {
      const parsed = new AC.AdaptiveCard();
      const ctx = new AC.SerializationContext();
      parsed.parse(renderTeams(r), ctx);
      const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
      expect(events.filter((m) => !m.includes('"Chart.VerticalBar"'))).toEqual([]);
      expect(parsed.validateProperties().validationEvents).toEqual([]);
      if (r.kind !== "spend" || r.series.length < 2) continue;
      const body = (parsed.toJSON() as El).body as El[];
      expect(body.some((e) => e.type === "TextBlock" && /^Trend \(.*\) [▁▂▃▄▅▆▇█]+ /.test(e.text))).toBe(true);
    }
  });

  it("buckets a year into at most 31 bars whose sum is the total", () => {
    const [chart] = ofType(renderTeams(manyModelsReport), "Chart.VerticalBar");
    expect(chart.data.length).toBeLessThanOrEqual(31);
    expect(sumMoney(chart.data.map((d: El) => d.y))).toBe(manyModelsReport.total);
    expect(chart.fallback.type).toBe("TextBlock");
    expect(chart.fallback.text).toMatch(/^Trend \(per 11 days\) [▁▂▃▄▅▆▇█]+ 1 Jan – 27 Nov$/);
  });

  it("has one Action.Submit per action carrying the command for the adapter", () => {
    expect(renderTeams(normalReport).actions).toEqual(
      normalReport.actions.map((a) => ({ type: "Action.Submit", title: a.label, data: { costbot: a.command } })),
    );
  });

  it("stays under 28 KB for 200 models and rolls up the tail", () => {
    const card = renderTeams(manyModelsReport);
    expect(cardBytes(card)).toBeLessThan(TEAMS_MAX_BYTES);
    const runs = textRuns(card).filter((t) => t.startsWith("fine-tuned"));
    expect(runs).toHaveLength(20);
    expect(textBlocks(card).filter((t) => t.startsWith("180 more: $"))).toHaveLength(1);
  });

  it("drops table rows until even a card of huge keys fits in 28 KB", () => {
    const long = "é".repeat(2000);
    const report: SpendReport = {
      ...manyModelsReport,
      groups: manyModelsReport.groups.map((g) => ({ ...g, key: `${g.key}${long}` })),
      warnings: Array.from({ length: 40 }, () => long),
    };
    const card = renderTeams(report);
    expect(cardBytes(card)).toBeLessThan(TEAMS_MAX_BYTES);
    expect(ofType(card, "Table")[0].rows.length).toBeGreaterThan(1);
  });

  it("keeps data out of Markdown: hostile keys, warnings and sources appear only as TextRuns", () => {
    const card = renderTeams(hostileReport);
    for (const t of textBlocks(card)) {
      expect(t).not.toMatch(/<|\[click\]|\*\*bold\*\*/);
    }
    const runs = textRuns(card);
    for (const key of HOSTILE_KEYS) expect(runs).toContain(key);
    expect(runs).toContain("[click](http://evil.example) **bold** & _it_");
    expect(runs).toContain("⚠ <!channel> meter <http://x|y> looked odd & was kept");
    expect(runs).toContain("Data as of 27 Nov 2025 06:00 UTC (source: export <http://evil.example|click me>)");
  });

  it("renders errors as a short card with the message kept out of Markdown", () => {
    const card = renderTeams(hostileErrorReport);
    expect(textBlocks(card)).toEqual(["Could not answer"]);
    expect(textRuns(card)).toEqual([hostileErrorReport.message, hostileErrorReport.hint]);
    expect(card.actions).toBeUndefined();
    expect(textRuns(renderTeams(errorReport))).toEqual([errorReport.message, errorReport.hint]);
  });

  it("renders help with each example in monospace", () => {
    const card = renderTeams(helpReport);
    expect(textBlocks(card)).toEqual(["costbot help"]);
    const mono = ofType(card, "TextRun")
      .filter((r) => r.fontType === "Monospace")
      .map((r) => r.text);
    expect(mono).toEqual(helpReport.sections.flatMap((s) => s.examples));
  });
});
