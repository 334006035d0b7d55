import { describe, expect, it } from "vitest";
import { parseAmount } from "../../src/cost/money.js";
import { fastPico, normaliseDate, slowQuantity } from "../../src/cost/sources/export/values.js";

const bytes = (s: string) => Buffer.from(s, "latin1");

describe("fastPico", () => {
  it.each([
    ["0.493152"],
    ["3.25"],
    ["-0.01288992000"],
    ["0.006000000468"],
    ["0.4838709677419368"],
    ["0.0000000072922557592391990000"],
    ["0.0000000000005"],
    ["-0.0000000000005"],
    ["3999.999999999999"],
    ["+2"],
    [".5"],
    ["0"],
  ])("matches parseAmount exactly for %s", (text) => {
    const v = fastPico(bytes(text), 0, text.length);
    expect(Number.isSafeInteger(v)).toBe(true);
    expect(BigInt(v)).toBe(parseAmount(text));
  });

  it.each([["1.2E-05"], ["$11.00"], ["12345.67"], [""], ["-"], ["1,5"], ["NULL"]])(
    "defers %j to the general parser",
    (text) => {
      expect(fastPico(bytes(text), 0, text.length)).toBeNaN();
    },
  );
});

describe("slowQuantity", () => {
  it.each<[string, bigint | number]>([
    ["1200", 1_200_000_000_000_000n],
    ["4000.000001", 4_000_000_001_000_000n],
    ["-2", -2_000_000_000_000n],
    ["", 0n],
    [" NULL ", 0n],
    ["1.5E+3", 1_500_000_000_000_000n],
    ["n/a", NaN],
  ])("reads %j as %s (1e-12 units)", (text, want) => {
    expect(slowQuantity(bytes(text), 0, text.length)).toEqual(want);
  });
});

describe("normaliseDate", () => {
  it.each([
    ["09/21/2023", "2023-09-21"],
    ["9/3/2023", "2023-09-03"],
    ["2024-09-04", "2024-09-04"],
    ["2024-09-04 00:00:00", "2024-09-04"],
    ["2025-03-31T00:00:00Z", "2025-03-31"],
    ["2025-03-31T00:00:00.000+02:00", "2025-03-31"],
    ["20240229", "2024-02-29"],
    ["02/30/2024", null],
    ["13/01/2024", null],
    ["yesterday", null],
    ["", null],
  ])("%j -> %j", (raw, want) => {
    expect(normaliseDate(raw)).toBe(want);
  });
});
