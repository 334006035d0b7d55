import { describe, expect, it } from "vitest";
import { fromCents, parseAmount, sumAmounts, toCents, toMoneyNumber } from "../../src/cost/money.js";

describe("parseAmount", () => {
  it.each([
    ["0.493152", 493152000000n],
    ["3.25", 3250000000000n],
    ["-1.5", -1500000000000n],
    ["0.00001500000", 15000000n],
    ["1e-7", 100000n],
    ["2.5E+3", 2500000000000000n],
    ["$11,111.00", 11111000000000000n],
    ["0.0000000000005", 1n],
    ["0.0000000000004", 0n],
    [" 7 ", 7000000000000n],
    [".5", 500000000000n],
  ])("reads %s exactly", (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each([[""], ["abc"], ["1.2.3"], ["NaN"], ["-"]])("refuses %j", (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it("reads numbers through their shortest decimal form", () => {
    expect(parseAmount(2.10333307059661)).toBe(2103333070597n);
    expect(parseAmount(1e-7)).toBe(100000n);
    expect(parseAmount(123456789.5)).toBe(123456789500000000000n);
  });
});

describe("rounding to cents", () => {
  it.each([
    ["1.005", 101n],
    ["1.004999", 100n],
    ["-1.005", -101n],
    ["0.125", 13n],
    ["2.675", 268n],
  ])("rounds %s half-up to %i cents", (text, cents) => {
    expect(toCents(parseAmount(text)!)).toBe(cents);
  });

  it("converts cents back exactly", () => {
    expect(toMoneyNumber(fromCents(123456))).toBe(1234.56);
  });
});

describe("exact sums", () => {
  it("is right to the cent where a float sum is a cent off", () => {
    // 3 x 0.145 = 0.435 exactly, which rounds half-up to 0.44; the float sum is 0.43499999999999994.
    const values = ["0.145", "0.145", "0.145"];
    const floatSum = values.reduce((s, v) => s + Number(v), 0);
    expect(Math.round(floatSum * 100) / 100).toBe(0.43);
    expect(toMoneyNumber(sumAmounts(values.map((v) => parseAmount(v)!)))).toBe(0.44);
  });

  it("keeps a million tiny charges exact", () => {
    let total = 0n;
    let float = 0;
    for (let i = 0; i < 1_000_000; i++) {
      total += parseAmount("0.000015")!;
      float += 0.000015;
    }
    expect(total).toBe(parseAmount("15")!);
    expect(float).not.toBe(15);
  });
});
