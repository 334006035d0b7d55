// Folds export records into one CostRow per (date + every text column + unit), summing cost and
// quantity exactly, so memory grows with distinct keys, not with file size, and totals do not
// depend on the order rows arrive in (worker threads merge partial totals). Rows outside the date range
// are dropped before any other work. Must not import platform SDKs.
import type { Amount } from "../../money.js";
import { makeRow, type CostRow } from "../../types.js";
import type { FieldSpans, SlotPlan } from "./csv-scanner.js";
import { FieldInterner } from "./field-interner.js";
import { KeyTable, mix } from "./key-table.js";
import { TEXT_FIELDS, type ColumnPlan, type ExportFormat, type TextField } from "./format.js";
import { fastPico, normaliseDate, slowAmount, slowQuantity } from "./values.js";

const SLOT_DATE = 0;
const SLOT_COST = 1;
const SLOT_QTY = 2;
const SLOT_TEXT = 3;
const N_TEXT = TEXT_FIELDS.length;
/** Flush the double accumulator into the bigint before it could lose integer precision. */
const FLUSH_AT = 2 ** 52;
const FORMATS: ExportFormat[] = ["ea", "mca", "focus"];

/** One distinct decoded key's exact totals: cost is in `row.cost`, quantity (1e-12 units) apart. */
export interface RowTotal {
  row: CostRow;
  quantity: Amount;
  /** Sum of quantities that are not numbers (NaN) or too large to hold exactly; usually 0. */
  oddQuantity: number;
}

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
  // Per raw key (KeyTable index): exact cost and quantity as integer 1e-12 units in doubles, and
  // the bigints they are flushed into (sparse); typed arrays keep the hot path cache-friendly.
  private sums = new Float64Array(2048);
  private readonly bigs: (Amount | undefined)[] = [];
  private readonly bigQty: (Amount | undefined)[] = [];
  private readonly oddQty: (number | undefined)[] = [];
  /** Raw key index -> output total; several raw keys may decode to the same row. */
  private readonly rowOf: RowTotal[] = [];
  /** Decoded key (numbers of its date and texts) -> index in `decoded`. */
  private readonly decodedKeys = new KeyTable(1 + N_TEXT);
  private readonly decodedKey = new Int32Array(1 + N_TEXT);
  private readonly decoded: RowTotal[] = [];
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

    const qs = starts[SLOT_QTY];
    const qe = ends[SLOT_QTY];
    let q = qe > qs ? fastPico(buf, qs, qe) : 0;
    if (Number.isNaN(q)) {
      this.addSlowQuantity(idx, slowQuantity(buf, qs, qe));
      q = 0;
    }
    const qty = sums[2 * idx + 1] + q;
    if (qty > FLUSH_AT || qty < -FLUSH_AT) {
      this.bigQty[idx] = (this.bigQty[idx] ?? 0n) + BigInt(qty);
      sums[2 * idx + 1] = 0;
    } else sums[2 * idx + 1] = qty;
  }

  /** Exact totals per distinct decoded key, in the order keys were first seen. */
  totals(): RowTotal[] {
    for (const t of this.decoded) {
      t.row.cost = 0n;
      t.quantity = 0n;
      t.oddQuantity = 0;
    }
    for (let idx = 0; idx < this.rowOf.length; idx++) {
      const t = this.rowOf[idx];
      t.row.cost += BigInt(this.sums[2 * idx]) + (this.bigs[idx] ?? 0n);
      t.quantity += BigInt(this.sums[2 * idx + 1]) + (this.bigQty[idx] ?? 0n);
      t.oddQuantity += this.oddQty[idx] ?? 0;
    }
    return [...this.decoded];
  }

  /** The aggregated rows (one per distinct decoded key). */
  rows(): CostRow[] {
    return this.totals().map(finishRow);
  }

  private addSlowQuantity(idx: number, q: Amount | number): void {
    if (typeof q === "bigint") this.bigQty[idx] = (this.bigQty[idx] ?? 0n) + q;
    else this.oddQty[idx] = (this.oddQty[idx] ?? 0) + q;
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
    // Each decoded text is numbered once and a decoded key is a tuple of those numbers, so 100k
    // keys do not mean 100k long strings.
    const key = this.decodedKey;
    let h = 0x811c9dc5;
    for (let k = 0; k <= N_TEXT; k++) {
      const text = k === 0 ? date : row[TEXT_FIELDS[k - 1]];
      let n = this.textNo.get(text);
      if (n === undefined) this.textNo.set(text, (n = this.textNo.size));
      key[k] = n;
      h = Math.imul(h ^ n, 0x01000193);
    }
    const at = this.decodedKeys.indexOf(key, mix(h));
    if (at === this.decoded.length) this.decoded.push({ row, quantity: 0n, oddQuantity: 0 });
    this.rowOf.push(this.decoded[at]);
  }
}

/** Sets a total's row quantity from its exact sum (rounded once, so any adding order agrees). */
export function finishRow(t: RowTotal): CostRow {
  t.row.quantity = Number(t.quantity) / 1e12 + t.oddQuantity;
  return t.row;
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
