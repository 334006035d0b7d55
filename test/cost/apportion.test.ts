import { describe, expect, it } from "vitest";
import { apportionMoney } from "../../src/cost/apportion.js";
import { parseAmount } from "../../src/cost/money.js";

const amounts = (...xs: string[]) => xs.map((x) => parseAmount(x)!);

describe("apportionMoney", () => {
  it.each([
    // parts, expected shown parts (hand-computed), why
    [["1.005", "1.005", "1.005"], [1.01, 1.01, 1], "3.015 rounds to 3.02: two leftover cents, to the first of equal remainders"],
    [["0.333", "0.333", "0.334"], [0.33, 0.33, 0.34], "exactly one dollar: largest remainder gets the cent"],
    [["2897.585", "2897.585"], [2897.59, 2897.58], "each rounded alone would show 5795.18 against a total of 5795.17"],
    [["10.004", "5.004", "0.006"], [10, 5, 0.01], "15.014 rounds to 15.01: the leftover cent goes to the largest remainder"],
    [["-1.005", "3.01"], [-1, 3.01], "a credit floors to -1.01, then takes the cent: 2.005 rounds to 2.01"],
    [[], [], "nothing to share"],
  ])("%j shows as %j (%s)", (parts, shown) => {
    const got = apportionMoney(amounts(...parts));
    expect(got).toEqual(shown);
  });

  it("always adds up to the rounded total", () => {
    const parts = amounts("0.125", "0.125", "0.125", "0.125", "0.004", "7.995");
    const cents = apportionMoney(parts).reduce((s, x) => s + Math.round(x * 100), 0);
    expect(cents).toBe(850); // 8.499 rounds half-up to 8.50
  });
});
