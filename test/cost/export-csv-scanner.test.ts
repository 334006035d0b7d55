import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvScanner } from "../../src/cost/sources/export/csv-scanner.js";

/** Scans `text` fed in chunks of `chunk` bytes, keeping every column; returns header + rows as strings. */
function scanAll(text: string | Buffer, chunk = Infinity): { header: string[]; rows: string[][] } {
  let header: string[] = [];
  const rows: string[][] = [];
  const scanner = new CsvScanner(
    (names) => {
      header = names;
      return { slotOf: Int32Array.from(names.map((_, i) => i)), slots: names.length };
    },
    (buf, sp) => {
      const row: string[] = [];
      for (let s = 0; s < sp.starts.length; s++) {
        const t = buf.toString("utf8", sp.starts[s], sp.ends[s]);
        row.push(sp.flags[s] === 2 ? t.replaceAll('""', '"') : t);
      }
      rows.push(row);
    },
  );
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const step = Number.isFinite(chunk) ? chunk : bytes.length;
  for (let i = 0; i < bytes.length; i += step) scanner.push(bytes.subarray(i, i + step));
  scanner.end();
  return { header, rows };
}

const tricky =
  '\ufeff"A","B",C\r\n' +
  '1,"x, y",plain\r\n' +
  '2,"she said ""hi""","multi\nline"\r\n' +
  '3,,""\r\n' +
  "\r\n" +
  '4,"ü€ utf8",last';

describe("CsvScanner", () => {
  it.each([
    ["whole buffer", Infinity],
    ["1-byte chunks", 1],
    ["2-byte chunks", 2],
    ["7-byte chunks", 7],
  ])("parses quotes, escapes, embedded newlines, CRLF, BOM and a missing final newline (%s)", (_, chunk) => {
    const got = scanAll(tricky, chunk);
    expect(got.header).toEqual(["A", "B", "C"]);
    expect(got.rows).toEqual([
      ["1", "x, y", "plain"],
      ["2", 'she said "hi"', "multi\nline"],
      ["3", "", ""],
      ["4", "ü€ utf8", "last"],
    ]);
  });

  it("agrees with csv-parse on the real EA amortized sample, in any chunking", async () => {
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(new URL("../../test/fixtures/reference/exports/EA_AmortizedCost_Small.csv", import.meta.url));
    const expected = parse(bytes, { bom: true }) as string[][];
    for (const chunk of [Infinity, 3, 64, 1000]) {
      const got = scanAll(bytes, chunk);
      expect([got.header, ...got.rows]).toEqual(expected);
    }
  });

  it("leaves columns missing from a short row empty", () => {
    const got = scanAll("a,b,c\n1\n2,3,4\n");
    expect(got.rows).toEqual([
      ["1", "", ""],
      ["2", "3", "4"],
    ]);
  });

  it("hands out only the slots asked for", () => {
    const seen: string[] = [];
    const scanner = new CsvScanner(
      () => ({ slotOf: Int32Array.from([-1, 0, -1]), slots: 1 }),
      (buf, sp) => seen.push(buf.toString("utf8", sp.starts[0], sp.ends[0])),
    );
    scanner.push(Buffer.from("a,b,c\n1,2,3\n4,5,6\n"));
    scanner.end();
    expect(seen).toEqual(["2", "5"]);
  });
});
