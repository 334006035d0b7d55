// One date style (issue 13): the asker's locale where the platform gives one, else "23–29 Nov 2026".
// Expected strings written by hand from how each locale writes dates (plain spaces around dashes).
import { describe, expect, it } from "vitest";
import { dateLocale, formatDate, formatDates, formatDay, formatMonth } from "../../src/bot/date-style.js";

describe("date style", () => {
  it.each([
    // locale, same month, across months, across years, one day
    [undefined, "23–29 Nov 2026", "28 Oct – 3 Nov 2025", "30 Dec 2024 – 5 Jan 2025", "27 Nov 2025"],
    ["en-US", "Nov 23 – 29, 2026", "Oct 28 – Nov 3, 2025", "Dec 30, 2024 – Jan 5, 2025", "Nov 27, 2025"],
    ["en_US", "Nov 23 – 29, 2026", "Oct 28 – Nov 3, 2025", "Dec 30, 2024 – Jan 5, 2025", "Nov 27, 2025"],
    ["en-GB", "23 – 29 Nov 2026", "28 Oct – 3 Nov 2025", "30 Dec 2024 – 5 Jan 2025", "27 Nov 2025"],
    ["de-DE", "23.–29. Nov. 2026", "28. Okt. – 3. Nov. 2025", "30. Dez. 2024 – 5. Jan. 2025", "27. Nov. 2025"],
    ["fr-FR", "23–29 nov. 2026", "28 oct. – 3 nov. 2025", "30 déc. 2024 – 5 janv. 2025", "27 nov. 2025"],
  ])("%s writes ranges and days", (locale, month, months, years, day) => {
    expect(formatDates("2026-11-23", "2026-11-29", locale)).toBe(month);
    expect(formatDates("2025-10-28", "2025-11-03", locale)).toBe(months);
    expect(formatDates("2024-12-30", "2025-01-05", locale)).toBe(years);
    expect(formatDates("2025-11-27", "2025-11-27", locale)).toBe(day);
    expect(formatDate("2025-11-27", true, locale)).toBe(day);
  });

  it.each([
    [undefined, "Wed 26 Nov", "26 Nov", "November 2025"],
    ["en-US", "Wed, Nov 26", "Nov 26", "November 2025"],
    ["de-DE", "Mi., 26. Nov.", "26. Nov.", "November 2025"],
  ])("%s writes a weekday, a day without year and a month", (locale, weekday, noYear, month) => {
    expect(formatDay("2025-11-26", locale)).toBe(weekday);
    expect(formatDate("2025-11-26", false, locale)).toBe(noYear);
    expect(formatMonth("2025-11-01", locale)).toBe(month);
  });

  it("falls back to the default for a missing, unknown or malformed locale", () => {
    for (const l of [undefined, "", "xx-bogus", "not a tag!"]) {
      expect(dateLocale(l)).toBeUndefined();
      expect(formatDates("2026-11-23", "2026-11-29", l)).toBe("23–29 Nov 2026");
    }
  });

  it("never shifts a calendar day, whatever the machine's zone", () => {
    expect(formatDates("2026-03-29", "2026-03-29")).toBe("29 Mar 2026");
    expect(formatDay("2026-10-25")).toBe("Sun 25 Oct");
  });

  it("leaves text that is not a date as it is", () => {
    expect(formatDate("soon")).toBe("soon");
  });
});
