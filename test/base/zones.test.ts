import { describe, expect, it } from "vitest";
import { isKnownZone, localDate } from "../../src/base/zones.js";

describe("localDate: the calendar date an instant falls on in a zone", () => {
  // Worked by hand from each zone's offset on that day.
  it.each([
    ["2025-11-27T11:30:00Z", "UTC", "2025-11-27"],
    ["2025-11-27T11:30:00Z", "Pacific/Auckland", "2025-11-28"], // UTC+13: 00:30 on the 28th
    ["2025-11-27T10:59:59Z", "Pacific/Auckland", "2025-11-27"], // 23:59:59 on the 27th
    ["2025-11-01T05:00:00Z", "America/Los_Angeles", "2025-10-31"], // UTC-7: 22:00 on Oct 31
    ["2025-03-09T08:30:00Z", "America/Los_Angeles", "2025-03-09"], // 01:30 PST, half an hour before DST
    ["2026-01-01T04:59:00Z", "America/New_York", "2025-12-31"], // 23:59 on New Year's Eve
    ["2026-01-01T05:00:00Z", "America/New_York", "2026-01-01"],
    ["2024-02-29T20:00:00Z", "Asia/Kolkata", "2024-03-01"], // UTC+5:30: 01:30 on Mar 1
    ["2025-06-15T12:00:00Z", "Pacific/Kiritimati", "2025-06-16"], // UTC+14
  ])("%s in %s is %s", (instant, tz, expected) => {
    expect(localDate(new Date(instant), tz)).toBe(expected);
  });

  it("refuses an unknown zone and an invalid instant with a RangeError", () => {
    expect(() => localDate(new Date("2025-11-27T00:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
    expect(() => localDate(new Date(Number.NaN), "UTC")).toThrow(RangeError);
    expect(isKnownZone("Mars/Olympus")).toBe(false);
    expect(isKnownZone("Europe/Berlin")).toBe(true);
  });
});
