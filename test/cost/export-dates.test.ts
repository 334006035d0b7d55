import { describe, expect, it } from "vitest";
import { normaliseDate } from "../../src/cost/sources/export/dates.js";

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
