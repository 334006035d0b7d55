// Folds export records into one CostRow per (date + every text column + unit), summing cost exactly
// and quantity, so memory grows with distinct keys, not with file size. Rows outside the date range
// are dropped before any other work. Must not import platform SDKs.
import type { Amount } from "../../money.js";
import { makeRow, type CostRow } from "../../types.js";
import type { FieldSpans, SlotPlan } from "./csv-scanner.js";
import { FieldInterner } from "./field-interner.js";
import { KeyTable } from "./key-table.js";
import { TEXT_FIELDS, type ColumnPlan, type ExportFormat, type TextField } from "./format.js";
import { fastPico, normaliseDate, parseQuantity, slowAmount } from "./values.js";

const SLOT_DATE = 0;
const SLOT_COST = 1;
const SLOT_QTY = 2;
const SLOT_TEXT = 3;
const N_TEXT = TEXT_FIELDS.length;
/** Flush the double accumulator into the bigint before it could lose integer precision. */
const FLUSH_AT = 2 ** 52;
const FORMATS: ExportFormat[] = ["ea", "mca", "focus"];

/** Per-file counts the source turns into warnings. */
export interface FileStats {
  rows: number;
  inRange: number;
  badCost: number;
  firstBadCostRow: number;
  badDate: number;
  firstBadDateRow: number;
}

export class RowAggregator {
  private readonly dateIds = new FieldInterner();
  /** Date id -> YYYY-MM-DD, or null when unreadable. */
  private readonly dateOf: (string | null)[] = [];
  private readonly textIds = TEXT_FIELDS.map(() => new FieldInterner());
  /** Raw key = format, date id, text ids. */
  private readonly ids = new Int32Array(2 + N_TEXT);
  private readonly keys = new KeyTable(2 + N_TEXT);
  // Per raw key (KeyTable index): exact cost as integer 1e-12 units in a double, quantity, and
  // the bigint the double is flushed into (sparse); typed arrays keep the hot path cache-friendly.
  private sums = new Float64Array(2048);
  private readonly bigs: (Amount | undefined)[] = [];
  /** Raw key index -> output row; several raw keys may decode to the same row. */
  private readonly rowOf: CostRow[] = [];
  private readonly byNorm = new Map<string, CostRow>();
  private readonly textNo = new Map<string, number>();
  /** Latest valid usage date in any row read, in range or not. */
  latestDate: string | null = null;

  constructor(
    private readonly from: string,
    private readonly to: string,
  ) {}

  /** Column index -> slot for a file's header (slots: date, cost, quantity, then TEXT_FIELDS). */
  slotsFor(plan: ColumnPlan, columnCount: number): SlotPlan {
    const slotOf = new Int32Array(columnCount).fill(-1);
    const set = (col: number, slot: number) => {
      if (col >= 0) slotOf[col] = slot;
    };
    set(plan.date, SLOT_DATE);
    set(plan.cost, SLOT_COST);
    set(plan.quantity, SLOT_QTY);
    TEXT_FIELDS.forEach((f, i) => set(plan.text[f], SLOT_TEXT + i));
    const hashed = new Uint8Array(SLOT_TEXT + N_TEXT).fill(1);
    hashed[SLOT_COST] = 0;
    hashed[SLOT_QTY] = 0;
    return { slotOf, slots: SLOT_TEXT + N_TEXT, hashed };
  }

  /** Handles one record of a file whose plan is `plan`; updates `stats`. */
  add(buf: Buffer, sp: FieldSpans, rowNumber: number, plan: ColumnPlan, stats: FileStats): void {
    const { starts, ends, flags, hashes } = sp;
    stats.rows++;
    const dateId = this.dateIds.intern(buf, starts[SLOT_DATE], ends[SLOT_DATE], flags[SLOT_DATE], hashes[SLOT_DATE]);
    const date = dateId < this.dateOf.length ? this.dateOf[dateId] : this.newDate(dateId);
    if (date === null) {
      if (stats.badDate++ === 0) stats.firstBadDateRow = rowNumber;
      return;
    }
    if (date < this.from || date > this.to) return;
    stats.inRange++;

    const cs = starts[SLOT_COST];
    const ce = ends[SLOT_COST];
    let pico = fastPico(buf, cs, ce);
    let exact: Amount | null = null;
    if (Number.isNaN(pico)) {
      exact = slowAmount(buf, cs, ce);
      if (exact === null) {
        if (stats.badCost++ === 0) stats.firstBadCostRow = rowNumber;
        return;
      }
      pico = 0;
    }

    const ids = this.ids;
    // The format is part of the key: the same bytes can decode differently per format (FOCUS publisher words).
    ids[0] = FORMATS.indexOf(plan.format);
    ids[1] = dateId;
    let h = Math.imul(0x811c9dc5 ^ ids[0], 0x01000193);
    h = Math.imul(h ^ dateId, 0x01000193);
    for (let k = 0; k < N_TEXT; k++) {
      const s = SLOT_TEXT + k;
      const id = this.textIds[k].intern(buf, starts[s], ends[s], flags[s], hashes[s]);
      ids[2 + k] = id;
      h = Math.imul(h ^ id, 0x01000193);
    }
    const idx = this.keys.indexOf(ids, mix(h));
    if (idx === this.rowOf.length) this.newKey(idx, date, plan);
    const sums = this.sums;
    const small = sums[2 * idx] + pico;
    if (small > FLUSH_AT || small < -FLUSH_AT) {
      this.bigs[idx] = (this.bigs[idx] ?? 0n) + BigInt(small);
      sums[2 * idx] = 0;
    } else sums[2 * idx] = small;
    if (exact !== null) this.bigs[idx] = (this.bigs[idx] ?? 0n) + exact;
    sums[2 * idx + 1] += parseQuantity(buf, starts[SLOT_QTY], ends[SLOT_QTY]);
  }

  /** The aggregated rows (one per distinct decoded key). */
  rows(): CostRow[] {
    for (const row of this.byNorm.values()) {
      row.cost = 0n;
      row.quantity = 0;
    }
    for (let idx = 0; idx < this.rowOf.length; idx++) {
      const row = this.rowOf[idx];
      row.cost += BigInt(this.sums[2 * idx]) + (this.bigs[idx] ?? 0n);
      row.quantity += this.sums[2 * idx + 1];
    }
    return [...this.byNorm.values()];
  }

  private newDate(id: number): string | null {
    const date = normaliseDate(this.dateIds.latin1(id));
    this.dateOf[id] = date;
    if (date && (this.latestDate === null || date > this.latestDate)) this.latestDate = date;
    return date;
  }

  /** First sight of a raw key: decode its text and merge with any key that decodes the same. */
  private newKey(idx: number, date: string, plan: ColumnPlan): void {
    if (2 * idx + 2 > this.sums.length) {
      const grown = new Float64Array(this.sums.length * 2);
      grown.set(this.sums);
      this.sums = grown;
    }
    const row = makeRow({ date, cost: 0n });
    TEXT_FIELDS.forEach((f, k) => (row[f] = this.textIds[k].text(this.ids[2 + k])));
    fillDerived(row, plan);
    // Short key: each decoded text is numbered once, so 100k keys do not mean 100k long strings.
    let norm = date;
    for (const f of TEXT_FIELDS) {
      let n = this.textNo.get(row[f]);
      if (n === undefined) this.textNo.set(row[f], (n = this.textNo.size));
      norm += "," + n;
    }
    const known = this.byNorm.get(norm);
    if (known) this.rowOf.push(known);
    else {
      this.byNorm.set(norm, row);
      this.rowOf.push(row);
    }
  }
}

/** Final avalanche (murmur3 fmix32) so the table's low bits depend on every id. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Fills what a format leaves out: names from the resource ID, FOCUS publisher categories. */
function fillDerived(t: Pick<CostRow, TextField>, plan: ColumnPlan): void {
  // Only when the format has no such column: an empty cell is what the export says (e.g. purchases).
  if (plan.text.resourceName < 0 && t.resourceId) t.resourceName = t.resourceId.replace(/\/+$/, "").split("/").pop() ?? "";
  if (plan.text.resourceGroup < 0 && t.resourceId) t.resourceGroup = /\/resourcegroups\/([^/]+)/i.exec(t.resourceId)?.[1] ?? "";
  if (plan.format === "focus") {
    // FOCUS says "Cloud Provider" / "Vendor"; CostRow uses the EA words.
    if (/^vendor$|marketplace/i.test(t.publisherType)) t.publisherType = "Marketplace";
    else if (/cloud provider/i.test(t.publisherType)) t.publisherType = "Microsoft";
  }
}
