import { describe, expect, it } from "vitest";
import { hashBytes } from "../../src/cost/sources/export/csv-scanner.js";
import { FieldInterner } from "../../src/cost/sources/export/field-interner.js";
import { KeyTable } from "../../src/cost/sources/export/key-table.js";

describe("KeyTable", () => {
  it("gives each distinct tuple one dense index, across growth and with every hash colliding", () => {
    for (const hashOf of [(i: number) => i * 2654435761, () => 7]) {
      const table = new KeyTable(3, 4);
      const key = new Int32Array(3);
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 500; i++) {
          key.set([i, i % 7, -i]);
          expect(table.indexOf(key, hashOf(i) | 0)).toBe(i);
        }
      }
      expect(table.size).toBe(500);
      expect([...table.keyAt(123)]).toEqual([123, 123 % 7, -123]);
    }
  });
});

describe("FieldInterner", () => {
  const buf = Buffer.from("gpt-4o,gpt-4o,gpt-4o-mini,NULL,a\"\"b");
  const span = (s: number, e: number, flag = 0, hash?: number) => [s, e, flag, hash ?? hashBytes(buf, s, e)] as const;

  it("returns the same id for the same bytes and a new one for other bytes", () => {
    const col = new FieldInterner();
    const a = col.intern(buf, ...span(0, 6));
    expect(col.intern(buf, ...span(7, 13))).toBe(a);
    const b = col.intern(buf, ...span(14, 25));
    expect(b).not.toBe(a);
    expect(col.text(b)).toBe("gpt-4o-mini");
  });

  it("keeps values apart when their hashes collide", () => {
    const col = new FieldInterner();
    const a = col.intern(buf, ...span(0, 6, 0, 42));
    const b = col.intern(buf, ...span(14, 25, 0, 42));
    const c = col.intern(buf, ...span(26, 30, 0, 42));
    expect(new Set([a, b, c]).size).toBe(3);
    expect(col.intern(buf, ...span(7, 13, 0, 42))).toBe(a);
    expect(col.intern(buf, ...span(14, 25, 0, 42))).toBe(b);
  });

  it("decodes escapes and a bare NULL, and tells quoted from bare bytes apart", () => {
    const col = new FieldInterner();
    expect(col.text(col.intern(buf, ...span(26, 30, 0)))).toBe("");
    expect(col.text(col.intern(buf, ...span(26, 30, 1)))).toBe("NULL");
    expect(col.text(col.intern(buf, ...span(31, 35, 2)))).toBe('a"b');
  });
});
