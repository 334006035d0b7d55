import { describe, expect, it } from "vitest";
import { previousPeriod } from "../../src/bot/periods.js";
import { eachDate, lengthInDays, shiftDays } from "../../src/base/dates.js";

describe("previousPeriod", () => {
  it.each([
    // [from, to, prevFrom, prevTo, why]
    ["2025-11-24", "2025-11-27", "2025-11-20", "2025-11-23", "a partial week: the 4 days before"],
    ["2025-11-17", "2025-11-23", "2025-11-10", "2025-11-16", "a whole week: the week before"],
    ["2025-11-01", "2025-11-30", "2025-10-01", "2025-10-31", "a whole month: the whole month before"],
    ["2025-03-01", "2025-03-31", "2025-02-01", "2025-02-28", "March: all of February"],
    ["2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29", "leap February"],
    ["2025-11-01", "2025-11-27", "2025-10-01", "2025-10-27", "month to date: same days last month"],
    ["2025-03-01", "2025-03-30", "2025-02-01", "2025-02-28", "clipped to a shorter month"],
    ["2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31", "across the year end"],
    ["2025-11-27", "2025-11-27", "2025-11-26", "2025-11-26", "one day: the day before"],
    ["2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31", "a whole year: the whole year before"],
    ["2025-01-01", "2025-11-27", "2024-01-01", "2024-11-27", "year to date: same days last year"],
    ["2025-10-01", "2025-11-27", "2025-08-01", "2025-09-27", "from the 1st over two months: two months earlier"],
  ])("%s..%s compares with %s..%s (%s)", (from, to, pf, pt) => {
    expect(previousPeriod(from, to)).toEqual({ from: pf, to: pt });
  });
});

describe("plain date arithmetic", () => {
  it("crosses DST changes without losing or repeating a day", () => {
    expect(eachDate("2025-03-29", "2025-04-01")).toEqual(["2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01"]);
    expect(eachDate("2025-10-25", "2025-10-27")).toEqual(["2025-10-25", "2025-10-26", "2025-10-27"]);
  });

  it("counts inclusive lengths and shifts across leap days", () => {
    expect(lengthInDays("2024-02-01", "2024-02-29")).toBe(29);
    expect(shiftDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(shiftDays("2024-03-01", -1)).toBe("2024-02-29");
  });
});
