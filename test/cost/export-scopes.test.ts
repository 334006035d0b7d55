// Several exports of one scope hold the same costs: FinOps hubs set up a daily month-to-date and a
// monthly export per scope, and for the first five days of a month the daily one also re-exports the
// month before. Each day is read from the newest run covering it, never added twice; exports of
// other scopes are added. Through a local copy and through Azure Storage (Azurite). Expected totals
// come from the fixture's own CSV sums (csv-parse + BigInt), not from the code under test.
import { describe, expect, it } from "vitest";
import { chooseRuns, type BlobInfo } from "../../src/cost/sources/export/index.js";
import { exportHarness } from "./export-harness.js";
import { ACTUAL, ALL, cents, head, manifestOf, rowsWhere, runFolder, total, type RunSpec } from "./export-runs-fixture.js";

const SUB2 = "/subscriptions/00000000-0000-0000-0000-000000000002";
/** September 2023, as the daily export re-exports it on 3 October and the monthly one closes it on 1 October. */
const daily = { root: "costs", exportName: "daily-mtd", type: "ActualCost", startDate: "2023-09-01", stamp: "202310030944", runId: "d1" } as const;
const monthly = {
  root: "costs",
  exportName: "monthly-close",
  type: "ActualCost",
  startDate: "2023-09-01",
  stamp: "202310010600",
  runId: "m1",
} as const;
const FOUR = head(ACTUAL, 4);
const part = (body: Buffer) => [{ name: "part_0_0001.csv", body }];
/** The data lines of several CSVs under the first one's header: their exact sum is rounded once, as costbot's is. */
const joined = (...csvs: Buffer[]) =>
  Buffer.concat([csvs[0], ...csvs.slice(1).map((c) => Buffer.from(c.toString("utf8").split("\n").slice(1).join("\n")))]);

// ACTUAL holds 4, 5 and 21 September 2023; an on-demand run of 5 September only, newer than both.
const onSept5 = (date: string) => date === "09/05/2023";
const FIRST_SEPT5 = head(rowsWhere(ACTUAL, "Date", onSept5), 1);
const adhoc = { ...daily, exportName: "adhoc", stamp: "202310040900", runId: "o1", startDate: "2023-09-05", endDate: "2023-09-05" } as const;

const cases: Array<[string, RunSpec[], bigint]> = [
  [
    "the daily run is newer: the daily run's costs, once",
    [
      { ...daily, files: part(ACTUAL) },
      { ...monthly, files: part(FOUR) },
    ],
    cents(ACTUAL, "Cost"),
  ],
  [
    "the monthly run is newer: the monthly run's costs, once",
    [
      { ...daily, stamp: "202310010600", files: part(ACTUAL) },
      { ...monthly, stamp: "202310030944", files: part(FOUR) },
    ],
    cents(FOUR, "Cost"),
  ],
  [
    "two scopes: both added",
    [
      { ...daily, files: part(ACTUAL) },
      { ...monthly, scope: SUB2, files: part(FOUR) },
    ],
    cents(joined(ACTUAL, FOUR), "Cost"),
  ],
  [
    "a newer run of one day: that day from it, the other days from the month's run",
    [
      { ...daily, files: part(ACTUAL) },
      { ...adhoc, files: part(FIRST_SEPT5) },
    ],
    cents(
      joined(
        rowsWhere(ACTUAL, "Date", (d) => !onSept5(d)),
        FIRST_SEPT5,
      ),
      "Cost",
    ),
  ],
];

const h = exportHarness();

describe.each([
  ["a local copy", (runs: RunSpec[]) => h.localCopy(runs)],
  ["Azure Storage", (runs: RunSpec[]) => h.inStorage(runs)],
])("exports of one scope, %s: each day from the newest run covering it", (_where, source) => {
  it.each(cases)("%s", async (_name, runs, expected) => {
    const got = await (await source(runs)).query({ ...ALL, costType: "actual" });
    expect(total(got.rows)).toBe(expected);
  });
});

describe("which days each run of one scope keeps (chooseRuns)", () => {
  const run = (runId: string, stamp: string, startDate: string, endDate: string): RunSpec => ({
    ...daily,
    exportName: `export-${runId}`,
    runId,
    stamp,
    startDate,
    endDate,
    files: part(FOUR),
  });
  /** Each chosen run's id and the days it leaves to newer runs, worked out by hand. */
  const cases: Array<[string, RunSpec[], Array<[string, string[]]>]> = [
    [
      "two newer runs inside the month, overlapping each other",
      [
        run("a", "202310010000", "2023-09-01", "2023-09-30"),
        run("b", "202310020000", "2023-09-05", "2023-09-10"),
        run("c", "202310030000", "2023-09-08", "2023-09-20"),
      ],
      [
        ["a", ["2023-09-08..2023-09-20", "2023-09-05..2023-09-10"]],
        ["b", ["2023-09-08..2023-09-10"]],
        ["c", []],
      ],
    ],
    [
      "two newer halves cover the month: the month's run is not read",
      [
        run("a", "202310010000", "2023-09-01", "2023-09-30"),
        run("b", "202310020000", "2023-09-01", "2023-09-15"),
        run("c", "202310030000", "2023-09-16", "2023-09-30"),
      ],
      [
        ["b", []],
        ["c", []],
      ],
    ],
    [
      "an older run inside a newer month's run is not read",
      [run("a", "202310030000", "2023-09-01", "2023-09-30"), run("b", "202310020000", "2023-09-05", "2023-09-10")],
      [["a", []]],
    ],
    [
      "an end before the start reads as the rest of the month",
      [run("a", "202310010000", "2023-09-01", "2023-09-30"), run("b", "202310020000", "2023-09-20", "2023-09-02")],
      [
        ["a", ["2023-09-20..2023-09-30"]],
        ["b", []],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, runs, expected) => {
    const listing = new Map<string, BlobInfo>();
    const manifests = runs.map((r) => {
      const name = `${runFolder(r)}/part_0_0001.csv`;
      listing.set(name, { name, etag: "", size: r.files[0].body.length, lastModified: new Date(0) });
      return { name: `${runFolder(r)}/manifest.json`, manifest: JSON.parse(manifestOf(r)) };
    });
    const { runs: chosen } = chooseRuns(listing, manifests, "test", "refuse");
    const idOf = (manifest: string) => manifest.split("/").at(-2)!;
    expect(chosen.map((r) => [idOf(r.manifest), r.skip.map((d) => `${d.from}..${d.to}`)]).sort()).toEqual(expected);
  });
});
