// Packs a task's row totals into a few strings and typed arrays for the trip from a worker thread
// (cloning ~75k small row objects costs about half a second each way, a handful of arrays a few
// milliseconds), and merges packed parts by key. Must not import platform SDKs.
import { makeRow, type CostRow } from "../../types.js";
import { TEXT_FIELDS } from "./format.js";
import { KeyTable, mix } from "./key-table.js";
import { finishRow, type RowTotal } from "./row-aggregator.js";

/** One column: its distinct values and, per row, the index of its value. */
export interface PackedColumn {
  values: string[];
  ids: Int32Array;
}

export interface PackedTotals {
  dates: PackedColumn;
  /** In TEXT_FIELDS order. */
  text: PackedColumn[];
  /** Comma-joined exact integers (1e-12 units): bigints may exceed 64 bits. */
  cost: string;
  quantity: string;
  oddQuantity: Float64Array;
}

export function packTotals(totals: RowTotal[]): PackedTotals {
  const column = (get: (t: RowTotal) => string): PackedColumn => {
    const index = new Map<string, number>();
    const values: string[] = [];
    const ids = new Int32Array(totals.length);
    totals.forEach((t, i) => {
      const v = get(t);
      let id = index.get(v);
      if (id === undefined) {
        index.set(v, (id = values.length));
        values.push(v);
      }
      ids[i] = id;
    });
    return { values, ids };
  };
  return {
    dates: column((t) => t.row.date),
    text: TEXT_FIELDS.map((f) => column((t) => t.row[f])),
    cost: totals.map((t) => t.row.cost).join(","),
    quantity: totals.map((t) => t.quantity).join(","),
    oddQuantity: Float64Array.from(totals, (t) => t.oddQuantity),
  };
}

/** Merges packed totals by decoded key, keeping the order keys were first seen; sums stay exact. */
export class TotalsMerger {
  /** Per column (date, then TEXT_FIELDS): value -> id shared by every packed part. */
  private readonly ids = Array.from({ length: 1 + TEXT_FIELDS.length }, () => new Map<string, number>());
  private readonly keys = new KeyTable(1 + TEXT_FIELDS.length);
  private readonly key = new Int32Array(1 + TEXT_FIELDS.length);
  private readonly totals: RowTotal[] = [];

  add(p: PackedTotals): void {
    const columns = [p.dates, ...p.text];
    const shared = columns.map((c, k) =>
      c.values.map((v) => {
        let id = this.ids[k].get(v);
        if (id === undefined) this.ids[k].set(v, (id = this.ids[k].size));
        return id;
      }),
    );
    const n = p.dates.ids.length;
    if (n === 0) return;
    const cost = p.cost.split(",");
    const quantity = p.quantity.split(",");
    for (let i = 0; i < n; i++) {
      let h = 0x811c9dc5;
      for (let k = 0; k < columns.length; k++) {
        const id = shared[k][columns[k].ids[i]];
        this.key[k] = id;
        h = Math.imul(h ^ id, 0x01000193);
      }
      const idx = this.keys.indexOf(this.key, mix(h));
      if (idx === this.totals.length) {
        const row = makeRow({ date: p.dates.values[p.dates.ids[i]], cost: BigInt(cost[i]) });
        TEXT_FIELDS.forEach((f, k) => (row[f] = p.text[k].values[p.text[k].ids[i]]));
        this.totals.push({ row, quantity: BigInt(quantity[i]), oddQuantity: p.oddQuantity[i] });
      } else {
        const t = this.totals[idx];
        t.row.cost += BigInt(cost[i]);
        t.quantity += BigInt(quantity[i]);
        t.oddQuantity += p.oddQuantity[i];
      }
    }
  }

  rows(): CostRow[] {
    return this.totals.map(finishRow);
  }
}
