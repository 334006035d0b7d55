// Which period each question is compared with, by hand, with a pinned clock (issue 13): a period
// to date with the same span of the period before, whole periods with whole periods, last N days
// with the N days before, and `X vs Y` with exactly Y.
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/bot/intent.js";
import type { ParseContext } from "../../src/bot/intent-types.js";

function compared(text: string, now: string, weekStartsOn?: ParseContext["weekStartsOn"]) {
  const intent = parseIntent(text, { now: new Date(now), tz: "UTC", weekStartsOn });
  if (intent.kind !== "spend") throw new Error(`"${text}" gave ${JSON.stringify(intent)}`);
  return { range: [intent.range.from, intent.range.to], previous: [intent.previous?.from, intent.previous?.to], label: intent.previous?.label };
}

// Wednesday 25 Nov 2026
const WED = "2026-11-25T10:00:00Z";

describe("on Wednesday 25 Nov 2026", () => {
  it.each([
    ["this week", "2026-11-23", "2026-11-25", "2026-11-16", "2026-11-18", "Same days of the week before"],
    ["last week", "2026-11-16", "2026-11-22", "2026-11-09", "2026-11-15", "The week before"],
    ["this month", "2026-11-01", "2026-11-25", "2026-10-01", "2026-10-25", "Same days of the month before"],
    ["11/2026", "2026-11-01", "2026-11-25", "2026-10-01", "2026-10-25", "Same days of the month before"],
    ["last month", "2026-10-01", "2026-10-31", "2026-09-01", "2026-09-30", "The month before"],
    ["october", "2026-10-01", "2026-10-31", "2026-09-01", "2026-09-30", "The month before"],
    ["this quarter", "2026-10-01", "2026-11-25", "2026-07-01", "2026-08-25", "Same days of the quarter before"],
    ["last quarter", "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30", "The quarter before"],
    ["q3", "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30", "The quarter before"],
    ["this year", "2026-01-01", "2026-11-25", "2025-01-01", "2025-11-25", "Same days of the year before"],
    ["last year", "2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31", "The year before"],
    ["today", "2026-11-25", "2026-11-25", "2026-11-24", "2026-11-24", "The day before"],
    ["yesterday", "2026-11-24", "2026-11-24", "2026-11-23", "2026-11-23", "The day before"],
    ["last 7 days", "2026-11-19", "2026-11-25", "2026-11-12", "2026-11-18", "The 7 days before"],
    ["last 30 days", "2026-10-27", "2026-11-25", "2026-09-27", "2026-10-26", "The 30 days before"],
    ["last 3 days", "2026-11-23", "2026-11-25", "2026-11-20", "2026-11-22", "The 3 days before"],
    ["nov 5 to nov 20", "2026-11-05", "2026-11-20", "2026-10-20", "2026-11-04", "The 16 days before"],
    ["2026-11-01 to 2026-11-25", "2026-11-01", "2026-11-25", "2026-10-01", "2026-10-25", "Same days of the month before"],
    ["vs last week", "2026-11-23", "2026-11-25", "2026-11-16", "2026-11-18", "Same days of the week before"],
    ["this month vs last month", "2026-11-01", "2026-11-25", "2026-10-01", "2026-10-25", "Same days of the month before"],
    ["last week vs the week before", "2026-11-16", "2026-11-22", "2026-11-09", "2026-11-15", "The week before"],
    ["last 7 days vs previous", "2026-11-19", "2026-11-25", "2026-11-12", "2026-11-18", "The 7 days before"],
    ["this week vs last month", "2026-11-23", "2026-11-25", "2026-10-01", "2026-10-31", "Last month"],
    ["last month vs 2025-10", "2026-10-01", "2026-10-31", "2025-10-01", "2025-10-31", "October 2025"],
    ["today vs yesterday", "2026-11-25", "2026-11-25", "2026-11-24", "2026-11-24", "The day before"],
  ])("%j: %s..%s compares with %s..%s (%s)", (text, from, to, pf, pt, label) => {
    expect(compared(text, WED)).toEqual({ range: [from, to], previous: [pf, pt], label });
  });

  it("says when the two periods named differ in length", () => {
    const intent = parseIntent("this week vs last month", { now: new Date(WED), tz: "UTC" });
    expect(intent).toMatchObject({ kind: "spend", compare: true, notes: [expect.stringMatching(/3 vs 31 days/)] });
  });

  it("weeks starting on Sunday compare Sun–Wed with Sun–Wed", () => {
    expect(compared("this week", WED, 0)).toMatchObject({ range: ["2026-11-22", "2026-11-25"], previous: ["2026-11-15", "2026-11-18"] });
  });
});

describe("month, quarter and year edges", () => {
  it.each([
    // [clock, words, range, previous, why]
    ["2026-12-31T10:00:00Z", "this month", "2026-12-01", "2026-12-31", "2026-11-01", "2026-11-30", "31 days against November's 30"],
    ["2026-10-31T10:00:00Z", "this month", "2026-10-01", "2026-10-31", "2026-09-01", "2026-09-30", "31 -> 30"],
    ["2026-10-30T10:00:00Z", "this month", "2026-10-01", "2026-10-30", "2026-09-01", "2026-09-30", "the 30th against the 30th"],
    ["2026-03-30T10:00:00Z", "this month", "2026-03-01", "2026-03-30", "2026-02-01", "2026-02-28", "clipped to February"],
    ["2026-03-31T10:00:00Z", "this month", "2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28", "all of March against all of February"],
    ["2024-03-30T10:00:00Z", "this month", "2024-03-01", "2024-03-30", "2024-02-01", "2024-02-29", "leap February"],
    ["2026-03-15T10:00:00Z", "last month", "2026-02-01", "2026-02-28", "2026-01-01", "2026-01-31", "all of February against all of January"],
    ["2026-03-15T10:00:00Z", "this month", "2026-03-01", "2026-03-15", "2026-02-01", "2026-02-15", "15 days against 15 days"],
    ["2026-11-01T10:00:00Z", "this month", "2026-11-01", "2026-11-01", "2026-10-01", "2026-10-01", "the 1st against the 1st"],
    ["2026-11-02T10:00:00Z", "this week", "2026-11-02", "2026-11-02", "2026-10-26", "2026-10-26", "Monday against Monday"],
    ["2026-05-31T10:00:00Z", "this quarter", "2026-04-01", "2026-05-31", "2026-01-01", "2026-02-28", "two whole months against two whole months"],
    ["2026-02-10T10:00:00Z", "this quarter", "2026-01-01", "2026-02-10", "2025-10-01", "2025-11-10", "across the year end"],
    ["2024-02-29T10:00:00Z", "this year", "2024-01-01", "2024-02-29", "2023-01-01", "2023-02-28", "leap day to the year before"],
    ["2026-01-20T10:00:00Z", "this year", "2026-01-01", "2026-01-20", "2025-01-01", "2025-01-20", "January to date against last January"],
    ["2026-03-01T10:00:00Z", "last 28 days", "2026-02-02", "2026-03-01", "2026-01-05", "2026-02-01", "rolling days ignore months"],
  ])("at %s %j is %s..%s against %s..%s (%s)", (now, text, from, to, pf, pt) => {
    expect(compared(text, now)).toMatchObject({ range: [from, to], previous: [pf, pt] });
  });
});

describe("words people type", () => {
  it.each([
    ["nov 5 2025 to nov 1", /runs backwards: 1 Nov 2025 is before 5 Nov 2025/],
    ["2026-11-20 to 2026-11-05", /runs backwards: 5 Nov 2026 is before 20 Nov 2026/],
    ["13/2026", /there is no month 13/],
  ])("%j is refused clearly", (text, why) => {
    const intent = parseIntent(text, { now: new Date(WED), tz: "UTC" });
    expect(intent.kind).toBe("invalid");
    if (intent.kind === "invalid") expect(intent.message).toMatch(why);
  });

  it("hide comparison turns the per-row change off even with vs", () => {
    const intent = parseIntent("2026-11-23 to 2026-11-25 vs 2026-11-16 to 2026-11-18 no comparison", { now: new Date(WED), tz: "UTC" });
    expect(intent).toMatchObject({ compare: false, previous: { from: "2026-11-16", to: "2026-11-18" } });
  });
});
