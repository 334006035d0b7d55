import { describe, expect, it } from "vitest";
import { bucketSeries, sparkline, trendLine } from "../../../src/bot/render/chart.js";
import {
  channelName,
  filterLine,
  formatChange,
  formatDates,
  formatMoney,
  formatShare,
  formatTokens,
  freshnessLine,
  prepaymentNote,
  sumMoney,
  tokensLine,
} from "../../../src/bot/render/format.js";
import { rollUp } from "../../../src/bot/render/rollup.js";
import { normalReport } from "../../fixtures/reports.js";

describe("formatMoney", () => {
  it.each([
    [1234.56, "USD", "$1,234.56"],
    [0, "USD", "$0.00"],
    [-0, "USD", "$0.00"],
    [-12.3, "USD", "-$12.30"],
    [1_140_121, "USD", "$1,140,121.00"],
    [1234.56, "EUR", "€1,234.56"],
    [1234.56, "eur", "€1,234.56"],
    [1234.56, "GBP", "£1,234.56"],
    [1234.56, "JPY", "¥1,235"],
    [1234.56, "CHF", "CHF 1,234.56"],
    [1234.5, "QQQQ", "1,234.50 QQQQ"],
  ])("writes %s %s as %s", (amount, currency, expected) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, " ")).toBe(expected);
  });
});

describe("sumMoney", () => {
  it("adds cent amounts exactly where a float sum drifts", () => {
    const values = Array.from({ length: 10 }, () => 0.1);
    expect(values.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(sumMoney(values)).toBe(1);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
  });
});

describe("formatTokens", () => {
  it.each([
    [0, "0"],
    [950, "950"],
    [1_000, "1K"],
    [1_500, "1.5K"],
    [350_000, "350K"],
    [999_950, "1M"],
    [1_200_000, "1.2M"],
    [12_340_000, "12M"],
    [3_400_000_000, "3.4B"],
  ])("writes %d as %s", (n, expected) => {
    expect(formatTokens(n)).toBe(expected);
  });

  it("says hourly (PTU) for provisioned groups with no token count", () => {
    expect(tokensLine({ inputTokens: 0, outputTokens: 0, hourly: true })).toBe("hourly (PTU)");
    expect(tokensLine({ inputTokens: 1_200_000, outputTokens: 300_000, hourly: false })).toBe("1.2M in / 300K out");
    expect(tokensLine({ inputTokens: 1_000, outputTokens: 0, hourly: true })).toBe("1K in / 0 out + hourly (PTU)");
  });
});

describe("formatChange", () => {
  it.each([
    [110, 100, "▲ 10.0%", "up"],
    [90, 100, "▼ 10.0%", "down"],
    [100, 100, "no change", "flat"],
    [5, 0, "n/a", "none"],
    [0, 0, "n/a", "none"],
    [1140121, 98765.43, "▲ 1,054%", "up"],
    [0, 50, "▼ 100.0%", "down"],
  ])("from %d after %d is %s", (cur, prev, text, direction) => {
    expect(formatChange(cur, prev)).toMatchObject({ text, direction });
  });
});

describe("wording", () => {
  it("names both channels and their Prepayment status", () => {
    expect([channelName("microsoft"), prepaymentNote(true)]).toEqual(["Microsoft", "Prepayment eligible"]);
    expect([channelName("marketplace"), prepaymentNote(false)]).toEqual(["Marketplace", "not payable with Prepayment"]);
  });

  it.each([
    ["2025-11-27", "2025-11-27", "27 Nov 2025"],
    ["2025-11-24", "2025-11-27", "24–27 Nov 2025"],
    ["2025-10-28", "2025-11-03", "28 Oct – 3 Nov 2025"],
    ["2024-12-30", "2025-01-05", "30 Dec 2024 – 5 Jan 2025"],
  ])("writes %s..%s as %s", (from, to, expected) => {
    expect(formatDates(from, to)).toBe(expected);
  });

  it("writes the freshness line in UTC, or says freshness is unknown", () => {
    expect(freshnessLine("2025-11-27T06:00:00Z", "demo data")).toBe("Data as of 27 Nov 2025 06:00 UTC (source: demo data)");
    expect(freshnessLine("2025-11-27T08:30:00+02:00", "x")).toBe("Data as of 27 Nov 2025 06:30 UTC (source: x)");
    expect(freshnessLine(null, "demo data")).toBe("Data freshness unknown (source: demo data)");
  });

  it("describes filters, and nothing when there are none", () => {
    expect(filterLine({})).toBe("");
    expect(filterLine({ channel: "marketplace", model: "mistral-large-2411" })).toBe("Filtered to Marketplace, model mistral-large-2411");
  });

  it("gives shares with one decimal and a dash for a zero total", () => {
    expect(formatShare(812.4, 1246.56)).toBe("65.2%");
    expect(formatShare(0, 0)).toBe("–");
  });
});

describe("rollUp", () => {
  const groups = normalReport.groups;

  it("keeps the top groups and sums the rest exactly", () => {
    const { shown, rest } = rollUp(groups, 5);
    expect(shown.map((g) => g.key)).toEqual(["gpt-4o", "gpt-4o-mini", "mistral-large-2411", "deepseek-r1", "gpt-4.1"]);
    expect(rest).toEqual({ count: 2, cost: 12, earlier: false });
  });

  it("by day keeps the newest days and rolls the oldest up, whatever top says", () => {
    const days = Array.from({ length: 40 }, (_, i) => ({ ...groups[0], key: `2025-10-${String(i + 1).padStart(2, "0")}`, cost: 1 }));
    const { shown, rest } = rollUp(days, 8, 31, true);
    expect(shown).toHaveLength(31);
    expect(shown[30].key).toBe("2025-10-40");
    expect(rest).toEqual({ count: 9, cost: 9, earlier: true });
    expect(rollUp(days.slice(0, 31), 8, 31, true).rest).toBeNull();
  });

  it("shows a lone remaining group instead of rolling up one", () => {
    expect(rollUp(groups, 6)).toEqual({ shown: groups, rest: null });
  });

  it("never shows more than the platform cap", () => {
    const { shown, rest } = rollUp(groups, 100, 3);
    expect(shown).toHaveLength(3);
    expect(rest?.count).toBe(4);
  });
});

describe("trend", () => {
  it("scales bars from zero to the largest value", () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([0, 0, 0])).toBe("▁▁▁");
    expect(sparkline([5, 5])).toBe("██");
  });

  it("buckets long series with exact sums and no lost days", () => {
    const series = Array.from({ length: 365 }, (_, i) => ({
      date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      cost: 0.1,
    }));
    const points = bucketSeries(series, 31);
    expect(points.length).toBeLessThanOrEqual(31);
    expect(points[0]).toEqual({ date: "2025-01-01", to: "2025-01-12", cost: 1.2 });
    expect(points.at(-1)?.to).toBe("2025-12-31");
    expect(sumMoney(points.map((p) => p.cost))).toBe(36.5);
  });

  it("draws no trend for a single day", () => {
    expect(trendLine([{ date: "2025-11-27", cost: 3 }])).toBe("");
    expect(
      trendLine([
        { date: "2025-11-26", cost: 1 },
        { date: "2025-11-27", cost: 2 },
      ]),
    ).toBe("Trend (daily) ▅█ 26 Nov – 27 Nov");
  });
});
