import { describe, expect, it } from "vitest";
import { createProgressLine } from "../../../src/adapters/cli/progress.js";
import { createExportCostSource } from "../../../src/cost/sources/export/index.js";

const fakeTerm = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 60, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream };
};

describe("CLI progress line", () => {
  it("rewrites one line in place on a terminal once the work has run long enough, and clears it when done", () => {
    const t = fakeTerm(true);
    const line = createProgressLine(t.stream, 0);
    line.update("reading export: 0/1 files");
    line.update("reading export: 1/1 files, 8.0 MB, 1,000 rows");
    line.done();
    expect(t.written).toEqual(["\r\x1b[Kreading export: 0/1 files", "\r\x1b[Kreading export: 1/1 files, 8.0 MB, 1,000 rows", "\r\x1b[K"]);
  });

  it("writes nothing when stderr is not a terminal", () => {
    const t = fakeTerm(false);
    const line = createProgressLine(t.stream, 0);
    line.update("reading export");
    line.done();
    expect(t.written).toEqual([]);
  });

  it("is told files, bytes and rows by the export source", async () => {
    const lines: string[] = [];
    const file = new URL("../../fixtures/reference/exports/EA_ActualCost_Small.csv", import.meta.url).pathname;
    await createExportCostSource({ path: file, progress: (l) => lines.push(l) }).query({ from: "2023-09-01", to: "2023-09-30", costType: "actual" });
    expect(lines.at(-1)).toMatch(/^reading export: 1\/1 files, [\d.]+ MB, 11 rows$/);
  });
});
