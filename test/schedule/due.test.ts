import { describe, expect, it } from "vitest";
import { localDate } from "../../src/base/zones.js";
import { cronPattern, digestDecision, latestDue, nextDue } from "../../src/schedule/due.js";

const daily = (time: string, tz: string) => ({ cadence: "daily" as const, time, tz });

describe("due times", () => {
  it.each([
    [{ cadence: "daily" as const, time: "09:00", tz: "UTC" }, "0 9 * * *"],
    [{ cadence: "weekly" as const, weekday: 1, time: "08:30", tz: "UTC" }, "30 8 * * 1"],
    [{ cadence: "weekly" as const, weekday: 7, time: "23:59", tz: "UTC" }, "59 23 * * 0"],
  ])("writes %j as cron %s", (sub, pattern) => {
    expect(cronPattern(sub)).toBe(pattern);
  });

  it.each([
    ["09:00 Berlin before the change", daily("09:00", "Europe/Berlin"), "2025-10-24T12:00:00Z", "2025-10-25T07:00:00.000Z"],
    ["09:00 Berlin on the day clocks go back", daily("09:00", "Europe/Berlin"), "2025-10-25T12:00:00Z", "2025-10-26T08:00:00.000Z"],
    ["09:00 New York before the change", daily("09:00", "America/New_York"), "2025-10-31T14:00:00Z", "2025-11-01T13:00:00.000Z"],
    ["09:00 New York on the day clocks go back", daily("09:00", "America/New_York"), "2025-11-01T14:00:00Z", "2025-11-02T14:00:00.000Z"],
    ["02:30 Berlin, a time that happens twice: once", daily("02:30", "Europe/Berlin"), "2025-10-25T12:00:00Z", "2025-10-26T00:30:00.000Z"],
    [
      "02:30 Berlin, a time that does not exist: right after the gap",
      daily("02:30", "Europe/Berlin"),
      "2025-03-29T12:00:00Z",
      "2025-03-30T01:00:00.000Z",
    ],
    [
      "weekly Monday 08:30 Berlin",
      { cadence: "weekly" as const, weekday: 1, time: "08:30", tz: "Europe/Berlin" },
      "2025-10-25T00:00:00Z",
      "2025-10-27T07:30:00.000Z",
    ],
  ])("next %s", (_name, sub, after, expected) => {
    expect(nextDue(sub, new Date(after))?.toISOString()).toBe(expected);
  });

  it("counts an occurrence exactly at the reference as the latest", () => {
    expect(latestDue(daily("09:00", "UTC"), new Date("2025-11-27T09:00:00Z"))?.toISOString()).toBe("2025-11-27T09:00:00.000Z");
    expect(latestDue(daily("09:00", "UTC"), new Date("2025-11-27T08:59:59Z"))?.toISOString()).toBe("2025-11-26T09:00:00.000Z");
  });

  it.each([
    ["2025-11-27T23:30:00Z", "Europe/Berlin", "2025-11-28"],
    ["2025-11-27T03:30:00Z", "America/New_York", "2025-11-26"],
    ["2025-11-27T12:00:00Z", "Pacific/Kiritimati", "2025-11-28"],
  ])("dates %s in %s as %s", (instant, tz, date) => {
    expect(localDate(new Date(instant), tz)).toBe(date);
  });
});

describe("digestDecision", () => {
  const sub = { ...daily("09:00", "Europe/Berlin"), targetId: "t1", createdAt: new Date("2025-11-01T00:00:00Z") };
  it.each([
    ["before today's time: yesterday's, to skip if it was missed", "2025-11-27T07:59:00Z", { action: "skip", key: "digest:t1:2025-11-26" }],
    ["at the time", "2025-11-27T08:00:00Z", { action: "send", key: "digest:t1:2025-11-27" }],
    ["late the same local day", "2025-11-27T22:59:00Z", { action: "send", key: "digest:t1:2025-11-27" }],
    ["after local midnight", "2025-11-27T23:00:00Z", { action: "skip", key: "digest:t1:2025-11-27" }],
  ])("%s", (_name, now, expected) => {
    expect(digestDecision(sub, new Date(now))).toMatchObject(expected);
  });

  it("ignores occurrences from before the digest was set", () => {
    expect(digestDecision({ ...sub, createdAt: new Date("2025-11-27T10:00:00Z") }, new Date("2025-11-27T11:00:00Z"))).toBeNull();
  });
});
