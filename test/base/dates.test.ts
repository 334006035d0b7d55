import { afterEach, describe, expect, it } from "vitest";
import {
  addMonths,
  dayFraction,
  eachDate,
  endOfMonth,
  isMonthEnd,
  lengthInDays,
  monthsBetween,
  noonUtc,
  shiftDays,
  startOfMonth,
  startOfUtcDay,
  startOfWeek,
  weekday,
} from "../../src/base/dates.js";

// Worked out on a calendar: 27 Nov 2025 is a Thursday; 2024 is a leap year; Europe's clocks went
// forward on 30 Mar 2025.
describe("plain calendar dates (noon UTC)", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("shifts, lists and counts days across month, year and DST edges", () => {
    expect(shiftDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(shiftDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(shiftDays("2025-03-29", 2)).toBe("2025-03-31");
    expect(eachDate("2025-03-29", "2025-04-01")).toEqual(["2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01"]);
    expect(eachDate("2025-11-02", "2025-11-01")).toEqual([]);
    expect(lengthInDays("2025-03-29", "2025-03-31")).toBe(3);
    expect(lengthInDays("2025-01-01", "2025-12-31")).toBe(365);
  });

  it("turns days into ranges of instants: where a UTC day begins and how much of it has passed", () => {
    expect(startOfUtcDay("2025-03-30").toISOString()).toBe("2025-03-30T00:00:00.000Z");
    expect(startOfUtcDay("2024-02-29").getTime()).toBe(Date.UTC(2024, 1, 29));
    expect(dayFraction(new Date("2025-11-27T00:00:00Z"))).toBe(0);
    expect(dayFraction(new Date("2025-11-27T06:00:00Z"))).toBe(0.25);
    expect(dayFraction(new Date("2025-11-27T18:00:00Z"))).toBe(0.75);
  });

  it("knows weekdays and week starts", () => {
    expect(weekday("2025-11-27")).toBe(4);
    expect(weekday("2025-11-30")).toBe(0);
    expect(startOfWeek("2025-11-27")).toBe("2025-11-24");
    expect(startOfWeek("2025-11-30", 1)).toBe("2025-11-24");
    expect(startOfWeek("2025-11-30", 0)).toBe("2025-11-30");
    expect(startOfWeek("2025-11-27", 6)).toBe("2025-11-22");
  });

  it("does month arithmetic, clipping to a shorter month's last day", () => {
    expect(startOfMonth("2025-11-27")).toBe("2025-11-01");
    expect(endOfMonth("2024-02-10")).toBe("2024-02-29");
    expect(endOfMonth("2025-12-05")).toBe("2025-12-31");
    expect(isMonthEnd("2025-11-30")).toBe(true);
    expect(isMonthEnd("2025-12-30")).toBe(false);
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-11-15", -12)).toBe("2024-11-15");
    expect(addMonths("2025-01-10", -3)).toBe("2024-10-10");
    expect(monthsBetween("2025-10-15", "2026-01-01")).toBe(3);
    expect(monthsBetween("2025-11-01", "2025-11-30")).toBe(0);
  });

  it("gives the same days whatever zone the process runs in", () => {
    for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
      process.env.TZ = tz;
      expect(noonUtc("2025-03-30").toISOString()).toBe("2025-03-30T12:00:00.000Z");
      expect(shiftDays("2025-03-30", 1)).toBe("2025-03-31");
      expect(weekday("2025-11-30")).toBe(0);
      expect(endOfMonth("2025-02-01")).toBe("2025-02-28");
    }
  });
});
