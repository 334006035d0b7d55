import { describe, expect, it } from "vitest";
import { periodWindow } from "../../src/budgets/period.js";

describe("periodWindow", () => {
  it.each([
    ["daily", "2025-11-27T10:00:00Z", "UTC", "2025-11-27", "2025-11-27", "2025-11-27"],
    ["weekly", "2025-11-27T10:00:00Z", "UTC", "2025-11-24", "2025-11-30", "2025-11-24"],
    ["weekly", "2025-11-30T23:30:00Z", "UTC", "2025-11-24", "2025-11-30", "2025-11-24"],
    // Already Monday 1 Dec in Berlin: a new week and a new month there.
    ["weekly", "2025-11-30T23:30:00Z", "Europe/Berlin", "2025-12-01", "2025-12-07", "2025-12-01"],
    ["monthly", "2025-11-30T23:30:00Z", "Europe/Berlin", "2025-12-01", "2025-12-31", "2025-12"],
    ["monthly", "2025-12-01T03:00:00Z", "America/Los_Angeles", "2025-11-01", "2025-11-30", "2025-11"],
    ["monthly", "2024-02-10T00:00:00Z", "UTC", "2024-02-01", "2024-02-29", "2024-02"],
    // Across the DST change in Europe (26 Oct 2025): still one week, Monday to Sunday.
    ["weekly", "2025-10-26T12:00:00Z", "Europe/Berlin", "2025-10-20", "2025-10-26", "2025-10-20"],
    ["daily", "2025-11-27T11:30:00Z", "Pacific/Kiritimati", "2025-11-28", "2025-11-28", "2025-11-28"],
  ])("%s at %s in %s runs %s..%s (key %s)", (period, now, tz, from, to, key) => {
    expect(periodWindow(period as "daily", new Date(now), tz)).toMatchObject({ from, to, key });
  });
});
