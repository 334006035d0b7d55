// A run's manifest gives each part's byteCount. A part of another size is not the file the run
// wrote (a run overwritten meanwhile): the run is incomplete. A gzip part may be counted unpacked
// (no captured gzip manifest says which), so there the gzip trailer's size is checked instead.
// Through a local copy and Azure Storage (Azurite).
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import type { CostSource } from "../../src/cost/types.js";
import { exportHarness } from "./export-harness.js";
import { ACTUAL, ALL, cents, head, total, type RunSpec } from "./export-runs-fixture.js";

const h = exportHarness();
const GZ = gzipSync(ACTUAL);
const run = (other: Partial<RunSpec>): RunSpec => ({
  root: "costs",
  exportName: "daily",
  type: "ActualCost",
  stamp: "202309170944",
  runId: "r2",
  startDate: "2023-09-01",
  files: [{ name: "part_0_0001.csv.gz", body: GZ }],
  ...other,
});
/** An older complete run of four rows, to fall back on. */
const older = run({ stamp: "202309160944", runId: "r1", files: [{ name: "part_0_0001.csv", body: head(ACTUAL, 4) }] });

const where: Array<[string, (runs: RunSpec[]) => Promise<CostSource>]> = [
  ["a local copy", (runs) => h.localCopy(runs)],
  ["Azure Storage", (runs) => h.inStorage(runs)],
];
const ask = async (s: CostSource) => s.query({ ...ALL, costType: "actual" });
const failure = (s: CostSource) =>
  ask(s).then(
    () => null,
    (e: unknown) => e as Error,
  );

describe.each(where)("manifest byte counts, %s", (_where, source) => {
  it("reads a gzip part whose byteCount counts it unpacked", async () => {
    const s = await source([run({ byteCounts: { "part_0_0001.csv.gz": gunzipSync(GZ).length } })]);
    expect(total((await ask(s)).rows)).toBe(cents(ACTUAL, "Cost"));
  });

  it("refuses a gzip part that is neither its byteCount packed nor unpacked, naming both sizes", async () => {
    const claimed = ACTUAL.length + 7;
    const err = await failure(await source([run({ byteCounts: { "part_0_0001.csv.gz": claimed } })]));
    expect(err).toBeInstanceOf(CostbotError);
    expect(err!.message).toMatch(
      new RegExp(
        `part_0_0001\\.csv\\.gz does not match its export run's manifest \\(${claimed} bytes; the file has ${GZ.length}, ${ACTUAL.length} unpacked\\); nothing counted\\.$`,
      ),
    );
  });

  it("skips a newer run whose plain part is not its byteCount, for the earlier complete run", async () => {
    const newer = run({ files: [{ name: "part_0_0001.csv", body: ACTUAL }], byteCounts: { "part_0_0001.csv": ACTUAL.length + 1 } });
    const got = await ask(await source([older, newer]));
    expect(total(got.rows)).toBe(cents(head(ACTUAL, 4), "Cost"));
    expect(got.warnings.join("\n")).toMatch(
      new RegExp(`part_0_0001\\.csv has ${ACTUAL.length} bytes, its manifest says ${ACTUAL.length + 1}\\); using the earlier run`),
    );
  });
});
