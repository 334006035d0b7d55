import { describe, expect, it } from "vitest";
import { eachDate } from "../../src/base/dates.js";
import { crossingDate, projectSpend } from "../../src/cost/forecast.js";
import { parseAmount } from "../../src/cost/money.js";

const usd = (s: string) => parseAmount(s)!;

// Weekdays cost $10, weekends $2, from 2025-10-01; Nov 2025: the 1st is a Saturday.
function rhythm(to: string): Map<string, bigint> {
  const daily = new Map<string, bigint>();
  for (const d of eachDate("2025-10-01", to)) {
    const day = new Date(`${d}T12:00:00Z`).getUTCDay();
    daily.set(d, day === 0 || day === 6 ? usd("2") : usd("10"));
  }
  return daily;
}

describe("projectSpend", () => {
  it("projects the rest of the month from the weekday rhythm", () => {
    const p = projectSpend(rhythm("2025-11-26"), "2025-11-01", "2025-11-30", "2025-11-26");
    // Nov 1-26: 18 weekdays, 8 weekend days = 196; Nov 27-30: Thu, Fri (10 each), Sat, Sun (2 each).
    expect(p.actual).toBe(usd("196"));
    expect(p.days.map((d) => d.date)).toEqual(["2025-11-27", "2025-11-28", "2025-11-29", "2025-11-30"]);
    expect(p.forecast).toBe(usd("24"));
    expect(p.projected).toBe(usd("220"));
  });

  it("forecasts nothing once the period is over", () => {
    const p = projectSpend(rhythm("2025-11-26"), "2025-10-01", "2025-10-31", "2025-11-26");
    expect(p.days).toEqual([]);
    expect(p.projected).toBe(p.actual);
  });

  it("names the day cumulative spend first exceeds a limit", () => {
    const p = projectSpend(rhythm("2025-11-26"), "2025-11-01", "2025-11-30", "2025-11-26");
    expect(crossingDate(p.actual, p.days, usd("210"))).toBe("2025-11-28");
    expect(crossingDate(p.actual, p.days, usd("220"))).toBeNull();
  });
});
