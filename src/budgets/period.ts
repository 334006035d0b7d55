// A budget's current period in the target's zone: today, this week (Monday start) or this month,
// as inclusive plain dates plus the key delivery keys use. Pure: base/dates only, no store or platform.
import { endOfMonth, shiftDays, startOfMonth, startOfWeek } from "../base/dates.js";
import { localDate } from "../base/zones.js";
import type { BudgetPeriod } from "../store/types.js";

export interface PeriodWindow {
  period: BudgetPeriod;
  /** First and last day of the period, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Today in the zone; spend counts from `from` to here. */
  today: string;
  /** Stable per period: "2025-11-27" (daily), "2025-11-24" (weekly: its Monday), "2025-11" (monthly). */
  key: string;
  /** "Today", "This week", "This month". */
  label: string;
}

export function periodWindow(period: BudgetPeriod, now: Date, tz: string): PeriodWindow {
  const today = localDate(now, tz);
  return { ...periodContaining(period, today), today };
}

/**
 * The budget period (day, Monday-start week, month) that `day` falls in: the one definition the
 * budget checks and the digest's budget lines both count from.
 */
export function periodContaining(period: BudgetPeriod, day: string): Omit<PeriodWindow, "today"> {
  switch (period) {
    case "daily":
      return { period, from: day, to: day, key: day, label: "Today" };
    case "weekly": {
      const from = startOfWeek(day, 1);
      return { period, from, to: shiftDays(from, 6), key: from, label: "This week" };
    }
    case "monthly": {
      const from = startOfMonth(day);
      return { period, from, to: endOfMonth(from), key: day.slice(0, 7), label: "This month" };
    }
  }
}

/** Plural-free adjective for messages: "monthly" -> "month". */
export function periodNoun(period: BudgetPeriod): "day" | "week" | "month" {
  return period === "daily" ? "day" : period === "weekly" ? "week" : "month";
}
