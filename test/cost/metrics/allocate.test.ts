import { describe, expect, it } from "vitest";
import { splitCents } from "../../../src/cost/metrics/allocate.js";

describe("splitCents", () => {
  it.each([
    // cents, weights, expected (checked by hand: floors, then leftover cents by largest remainder)
    [350, [3, 1], [263, 87]],
    [100, [1, 1, 1], [34, 33, 33]],
    [1, [1, 2], [0, 1]],
    [0, [5, 7], [0, 0]],
    [999, [0, 0], [999, 0]],
    [-350, [3, 1], [-263, -87]],
  ])("splits %s cents by %j into %j", (cents, weights, expected) => {
    const parts = splitCents(BigInt(cents), weights.map(BigInt));
    expect(parts.map(Number)).toEqual(expected);
    expect(parts.reduce((s, c) => s + c, 0n)).toBe(BigInt(cents));
  });
});
