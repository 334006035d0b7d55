import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/bot/intent-words.js";
import { parseBudgetAmount, parseBudgetCommand } from "../../src/budgets/parse-command.js";
import { parseAmount } from "../../src/cost/money.js";

const parse = (text: string) => parseBudgetCommand(tokenize(text));
const usd = (s: string) => parseAmount(s)!;

describe("parseBudgetCommand", () => {
  it.each([
    ["budget set 5000 monthly", { amount: usd("5000"), period: "monthly", thresholds: [80, 100], name: "monthly" }],
    ["budget set 800 weekly for gpt-4o", { amount: usd("800"), period: "weekly", model: "gpt-4o", name: "weekly gpt-4o" }],
    [
      "budget set 1200 monthly marketplace alerts 50,80,100",
      { amount: usd("1200"), channel: "marketplace", thresholds: [50, 80, 100], name: "monthly marketplace" },
    ],
    ["budget set $5,000 per month named AI total", { amount: usd("5000"), period: "monthly", name: "ai total" }],
    ["budget set 5k daily alerts 50%, 100%", { amount: usd("5000"), period: "daily", thresholds: [50, 100] }],
    ["budget set 1.5k weekly microsoft at 100,90", { amount: usd("1500"), channel: "microsoft", thresholds: [90, 100] }],
    [
      "/cost budget set 2500.50 for mistral-large-2411",
      { amount: usd("2500.5"), period: "monthly", model: "mistral-large-2411", periodDefaulted: true },
    ],
    ["budget 300 daily", { amount: usd("300"), period: "daily", periodDefaulted: false }],
  ])("reads %s", (text, expected) => {
    expect(parse(text)).toMatchObject({ kind: "set", ...expected });
  });

  it.each([
    ["budgets", { kind: "list" }],
    ["budget", { kind: "list" }],
    ["budget list", { kind: "list" }],
    ["budget remove weekly gpt-4o", { kind: "remove", name: "weekly gpt-4o" }],
    ["budget delete monthly", { kind: "remove", name: "monthly" }],
  ])("reads %s", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ["budget set monthly", "A budget needs an amount."],
    ["budget set 0 monthly", "A budget amount must be more than zero."],
    ["budget set 5000 monthly weekly", "A budget has one period; I read both monthly and weekly."],
    ["budget set 5000 monthly microsoft marketplace", "A budget counts one channel"],
    ["budget set 5000 monthly alerts 50,abc", '"abc" is not an alert threshold'],
    ["budget set 5000 monthly alerts 0,100", '"0" is not an alert threshold'],
    ["budget set 5000 monthly alerts 1200", '"1200" is not an alert threshold'],
    ["budget set 5000 monthly alerts", "Name the alert thresholds"],
    ["budget set 5000 fortnightly", 'I don\'t understand "fortnightly" in a budget.'],
    ["budget set 5,00 monthly", 'I don\'t understand "5,00" in a budget.'],
    ["budget set 5000 named", '"named" needs a name after it.'],
    ["budget remove", "Name the budget to remove."],
    ["budget frobnicate", '"frobnicate" is not a budget command.'],
  ])("says what is wrong with %s", (text, message) => {
    const r = parse(text);
    expect(r?.kind).toBe("invalid");
    expect(r?.kind === "invalid" && r.message).toContain(message);
    expect(r?.kind === "invalid" && r.hint).toMatch(/budget/);
  });

  it("leaves other messages alone", () => {
    expect(parse("this week by model")).toBeNull();
    expect(parse("digest daily 09:00")).toBeNull();
  });
});

describe("parseBudgetAmount", () => {
  it.each([
    ["5000", "5000"],
    ["$5,000", "5000"],
    ["5k", "5000"],
    ["2.5k", "2500"],
    ["1m", "1000000"],
    ["1,234,567.89", "1234567.89"],
    ["0.1", "0.1"],
  ])("reads %s exactly", (word, expected) => {
    expect(parseBudgetAmount(word)).toBe(usd(expected));
  });

  it.each(["5,00", "abc", "5kk", "-5", "1e3", ""])("refuses %j", (word) => {
    expect(parseBudgetAmount(word)).toBeNull();
  });
});
