import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/bot/intent.js";
import type { ParseContext } from "../../src/bot/intent-types.js";

function rangeOf(text: string, now: string, tz = "UTC", weekStartsOn?: ParseContext["weekStartsOn"]) {
  const intent = parseIntent(text, { now: new Date(now), tz, weekStartsOn });
  if (intent.kind !== "spend") throw new Error(`"${text}" gave ${JSON.stringify(intent)}`);
  return intent.range;
}

// Thursday 2025-11-27, 10:00 UTC
const THU = "2025-11-27T10:00:00Z";

describe("date words on a plain UTC Thursday", () => {
  it.each([
    ["today", "2025-11-27", "2025-11-27", "Today"],
    ["yesterday", "2025-11-26", "2025-11-26", "Yesterday"],
    ["this week", "2025-11-24", "2025-11-27", "This week"],
    ["wtd", "2025-11-24", "2025-11-27", "This week"],
    ["last week", "2025-11-17", "2025-11-23", "Last week"],
    ["previous week", "2025-11-17", "2025-11-23", "Last week"],
    ["this month", "2025-11-01", "2025-11-27", "This month"],
    ["mtd", "2025-11-01", "2025-11-27", "This month"],
    ["show me costs", "2025-11-01", "2025-11-27", "This month"],
    ["by channel", "2025-11-01", "2025-11-27", "This month"],
    ["last month", "2025-10-01", "2025-10-31", "Last month"],
    ["this year", "2025-01-01", "2025-11-27", "This year"],
    ["ytd", "2025-01-01", "2025-11-27", "This year"],
    ["last year", "2024-01-01", "2024-12-31", "Last year"],
    ["this quarter", "2025-10-01", "2025-11-27", "This quarter"],
    ["last quarter", "2025-07-01", "2025-09-30", "Last quarter"],
    ["q3", "2025-07-01", "2025-09-30", "Q3 2025"],
    ["q4", "2025-10-01", "2025-11-27", "Q4 2025"],
    ["q1 2024", "2024-01-01", "2024-03-31", "Q1 2024"],
    ["last 7 days", "2025-11-21", "2025-11-27", "Last 7 days"],
    ["past 7 days", "2025-11-21", "2025-11-27", "Last 7 days"],
    ["last 1 day", "2025-11-27", "2025-11-27", "Last 1 day"],
    ["30d", "2025-10-29", "2025-11-27", "Last 30 days"],
    ["last 2 weeks", "2025-11-14", "2025-11-27", "Last 2 weeks"],
    ["last 3 months", "2025-08-28", "2025-11-27", "Last 3 months"],
    ["november", "2025-11-01", "2025-11-27", "November 2025"],
    ["nov", "2025-11-01", "2025-11-27", "November 2025"],
    ["November 2025", "2025-11-01", "2025-11-27", "November 2025"],
    ["2025-11", "2025-11-01", "2025-11-27", "November 2025"],
    ["october", "2025-10-01", "2025-10-31", "October 2025"],
    ["december", "2024-12-01", "2024-12-31", "December 2024"],
    ["dec 2024", "2024-12-01", "2024-12-31", "December 2024"],
    ["2024-02", "2024-02-01", "2024-02-29", "February 2024"],
    ["2024", "2024-01-01", "2024-12-31", "2024"],
    ["2025", "2025-01-01", "2025-11-27", "2025"],
    ["2025-11-05", "2025-11-05", "2025-11-05", "5 Nov 2025"],
    ["nov 5", "2025-11-05", "2025-11-05", "5 Nov 2025"],
    ["5th nov 2024", "2024-11-05", "2024-11-05", "5 Nov 2024"],
    ["2025-11-01 to 2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["from 2025-11-01 to 2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["2025-11-01..2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["2025-11-01 .. 2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["2025-11-01 - 2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["2025-11-01–2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["Nov 1 – Nov 15, 2025", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["between 2025-11-01 and 2025-11-15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["nov 1 to nov 15", "2025-11-01", "2025-11-15", "1–15 Nov 2025"],
    ["2025-11-20 to 2025-12-31", "2025-11-20", "2025-11-27", "20–27 Nov 2025"],
    ["dec 20 to jan 5", "2024-12-20", "2025-01-05", "20 Dec 2024 – 5 Jan 2025"],
    ["2025-09 to 2025-10", "2025-09-01", "2025-10-31", "1 Sept – 31 Oct 2025"],
    ["since 2025-11-01", "2025-11-01", "2025-11-27", "Since 1 Nov 2025"],
    ["from 2025-11-01", "2025-11-01", "2025-11-27", "Since 1 Nov 2025"],
    ["since october", "2025-10-01", "2025-11-27", "Since 1 Oct 2025"],
    ["since yesterday", "2025-11-26", "2025-11-27", "Since 26 Nov 2025"],
  ])("%j is %s..%s (%s)", (text, from, to, label) => {
    expect(rangeOf(text, THU)).toEqual({ from, to, label });
  });
});

describe("date words read the clock in the asker's zone", () => {
  it.each([
    // 00:30 on Friday Nov 28 in Auckland (UTC+13) while UTC is still Thursday
    ["Pacific/Auckland", "2025-11-27T11:30:00Z", "today", "2025-11-28", "2025-11-28"],
    ["Pacific/Auckland", "2025-11-27T11:30:00Z", "yesterday", "2025-11-27", "2025-11-27"],
    ["Pacific/Auckland", "2025-11-27T11:30:00Z", "this week", "2025-11-24", "2025-11-28"],
    ["UTC", "2025-11-27T11:30:00Z", "today", "2025-11-27", "2025-11-27"],
    // 00:15 on Monday Dec 1 in Kolkata (UTC+5:30): a new week and a new month
    ["Asia/Kolkata", "2025-11-30T18:45:00Z", "this month", "2025-12-01", "2025-12-01"],
    ["Asia/Kolkata", "2025-11-30T18:45:00Z", "last month", "2025-11-01", "2025-11-30"],
    ["Asia/Kolkata", "2025-11-30T18:45:00Z", "this week", "2025-12-01", "2025-12-01"],
    ["Asia/Kolkata", "2025-11-30T18:45:00Z", "last week", "2025-11-24", "2025-11-30"],
    ["Asia/Kolkata", "2025-11-30T18:15:00Z", "this month", "2025-11-01", "2025-11-30"],
    // 22:00 on Oct 31 in Los Angeles while UTC is already November
    ["America/Los_Angeles", "2025-11-01T05:00:00Z", "this month", "2025-10-01", "2025-10-31"],
    ["America/Los_Angeles", "2025-11-01T05:00:00Z", "november", "2024-11-01", "2024-11-30"],
    // 00:30 on Jan 1 2026 in Berlin: a new year that UTC has not reached
    ["Europe/Berlin", "2025-12-31T23:30:00Z", "this year", "2026-01-01", "2026-01-01"],
    ["Europe/Berlin", "2025-12-31T23:30:00Z", "last year", "2025-01-01", "2025-12-31"],
    ["Europe/Berlin", "2025-12-31T23:30:00Z", "last month", "2025-12-01", "2025-12-31"],
    ["Europe/Berlin", "2025-12-31T23:30:00Z", "yesterday", "2025-12-31", "2025-12-31"],
  ])("in %s at %s, %j is %s..%s", (tz, now, text, from, to) => {
    expect(rangeOf(text, now, tz)).toMatchObject({ from, to });
  });
});

describe("date words across daylight-saving changes", () => {
  it.each([
    // Berlin springs forward 2025-03-30 02:00 -> 03:00
    ["Europe/Berlin", "2025-03-30T10:00:00Z", "this week", "2025-03-24", "2025-03-30"],
    ["Europe/Berlin", "2025-03-30T10:00:00Z", "last 7 days", "2025-03-24", "2025-03-30"],
    ["Europe/Berlin", "2025-03-30T22:30:00Z", "today", "2025-03-31", "2025-03-31"],
    ["Europe/Berlin", "2025-03-30T22:30:00Z", "yesterday", "2025-03-30", "2025-03-30"],
    ["Europe/Berlin", "2025-03-30T22:30:00Z", "last week", "2025-03-24", "2025-03-30"],
    ["Europe/Berlin", "2025-03-30T22:30:00Z", "this week", "2025-03-31", "2025-03-31"],
    // Berlin falls back 2025-10-26 03:00 -> 02:00
    ["Europe/Berlin", "2025-10-26T23:30:00Z", "today", "2025-10-27", "2025-10-27"],
    ["Europe/Berlin", "2025-10-26T23:30:00Z", "yesterday", "2025-10-26", "2025-10-26"],
    ["Europe/Berlin", "2025-10-26T23:30:00Z", "last week", "2025-10-20", "2025-10-26"],
    ["Europe/Berlin", "2025-10-26T23:30:00Z", "last 7 days", "2025-10-21", "2025-10-27"],
    // US springs forward 2025-03-09 02:00 local
    ["America/Los_Angeles", "2025-03-09T08:30:00Z", "today", "2025-03-09", "2025-03-09"],
    ["America/Los_Angeles", "2025-03-09T08:30:00Z", "this week", "2025-03-03", "2025-03-09"],
    ["America/Los_Angeles", "2025-03-09T08:30:00Z", "last week", "2025-02-24", "2025-03-02"],
    ["America/Los_Angeles", "2025-03-10T07:30:00Z", "this week", "2025-03-10", "2025-03-10"],
    ["America/Los_Angeles", "2025-03-10T07:30:00Z", "last week", "2025-03-03", "2025-03-09"],
    // US falls back 2025-11-02 02:00 local; 23:30 PST on Sunday is Monday in UTC
    ["America/Los_Angeles", "2025-11-03T07:30:00Z", "today", "2025-11-02", "2025-11-02"],
    ["America/Los_Angeles", "2025-11-03T07:30:00Z", "this week", "2025-10-27", "2025-11-02"],
    ["America/Los_Angeles", "2025-11-03T07:30:00Z", "this month", "2025-11-01", "2025-11-02"],
    ["America/Los_Angeles", "2025-11-03T07:30:00Z", "last 7 days", "2025-10-27", "2025-11-02"],
  ])("in %s at %s, %j is %s..%s", (tz, now, text, from, to) => {
    expect(rangeOf(text, now, tz)).toMatchObject({ from, to });
  });
});

describe("date words at month, year and leap-year edges", () => {
  it.each([
    ["2026-01-05T12:00:00Z", "last month", "2025-12-01", "2025-12-31", "Last month"],
    ["2026-01-05T12:00:00Z", "last week", "2025-12-29", "2026-01-04", "Last week"],
    ["2026-01-05T12:00:00Z", "december", "2025-12-01", "2025-12-31", "December 2025"],
    ["2026-01-05T12:00:00Z", "last quarter", "2025-10-01", "2025-12-31", "Last quarter"],
    ["2024-03-10T12:00:00Z", "last month", "2024-02-01", "2024-02-29", "Last month"],
    ["2024-03-10T12:00:00Z", "last 30 days", "2024-02-10", "2024-03-10", "Last 30 days"],
    ["2024-03-10T12:00:00Z", "2024-02-29", "2024-02-29", "2024-02-29", "29 Feb 2024"],
    ["2024-03-10T12:00:00Z", "feb 29", "2024-02-29", "2024-02-29", "29 Feb 2024"],
    ["2024-02-29T12:00:00Z", "this month", "2024-02-01", "2024-02-29", "This month"],
    ["2024-02-29T12:00:00Z", "last 1 year", "2023-03-01", "2024-02-29", "Last 1 year"],
    ["2025-03-31T12:00:00Z", "last month", "2025-02-01", "2025-02-28", "Last month"],
    ["2025-03-31T12:00:00Z", "last 1 month", "2025-03-01", "2025-03-31", "Last 1 month"],
  ])("at %s, %j is %s..%s", (now, text, from, to, label) => {
    expect(rangeOf(text, now)).toEqual({ from, to, label });
  });
});

describe("weeks", () => {
  const SUN = "2025-11-30T12:00:00Z";
  it.each([
    [SUN, undefined, "this week", "2025-11-24", "2025-11-30"],
    [SUN, undefined, "last week", "2025-11-17", "2025-11-23"],
    [SUN, 0, "this week", "2025-11-30", "2025-11-30"],
    [SUN, 0, "last week", "2025-11-23", "2025-11-29"],
    [THU, 0, "this week", "2025-11-23", "2025-11-27"],
    [THU, 6, "this week", "2025-11-22", "2025-11-27"],
    [THU, 6, "last week", "2025-11-15", "2025-11-21"],
  ] as const)("at %s starting on day %s, %j is %s..%s", (now, start, text, from, to) => {
    expect(rangeOf(text, now, "UTC", start)).toMatchObject({ from, to });
  });
});

describe("date words that cannot be answered", () => {
  it.each([
    ["2025-02-30", "2025-02-30", /February 2025 has 28 days/],
    ["2023-02-29", "2023-02-29", /February 2023 has 28 days/],
    ["feb 30", "feb 30", /not a real date/],
    ["2025-13", "2025-13", /no month 13/],
    ["2025-13-01", "2025-13-01", /no month 13/],
    ["2025-11-15 to 2025-11-01", "2025-11-01", /runs backwards/],
    ["2025-12-01 to 2025-12-05", "2025-12-01", /future/],
    ["since 2025-12-01", "2025-12-01", /future/],
    ["december 2025", "december 2025", /future/],
    ["2026", "2026", /future/],
    ["q1 2026", "q1 2026", /future/],
    ["next week", "next", /future/],
    ["tomorrow", "tomorrow", /future/],
    ["last 0 days", "last 0 days", /look back/],
    ["last 99999 days", "last 99999 days", /look back/],
    ["since", "since", /as a date/],
    ["since fortnight", "fortnight", /as a date/],
    ["2025-11-01 to", "to", /as a date/],
    ["this fortnight", "fortnight", /don't know/],
    ["today yesterday", "yesterday", /second date range/],
  ])("%j is refused, naming %j", (text, word, why) => {
    const intent = parseIntent(text, { now: new Date(THU), tz: "UTC" });
    expect(intent).toMatchObject({ kind: "invalid", word });
    if (intent.kind !== "invalid") return;
    expect(intent.message).toContain(word);
    expect(intent.message).toMatch(why);
  });

  it("refuses an unknown time zone instead of throwing", () => {
    expect(parseIntent("today", { now: new Date(THU), tz: "Mars/Olympus" })).toMatchObject({
      kind: "invalid",
      word: "Mars/Olympus",
    });
  });
});
