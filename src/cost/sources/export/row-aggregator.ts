// Folds export records into one CostRow per (date + every text column + unit), summing cost exactly
// and quantity, so memory grows with distinct keys, not with file size. Rows outside the date range
// are dropped before any other work. Must not import platform SDKs.
import type { Amount } from "../../money.js";
import type { CostRow } from "../../types.js";
import type { FieldSpans } from "./csv-scanner.js";
import { TEXT_FIELDS, type ColumnPlan, type TextField } from "./format.js";
import { fastPico, fieldText, normaliseDate, parseQuantity, slowAmount } from "./values.js";

const SLOT_DATE = 0;
const SLOT_COST = 1;
const SLOT_QTY = 2;
const SLOT_TEXT = 3;
const SEP = 0x1f;
/** Flush the double accumulator into the bigint before it could lose integer precision. */
const FLUSH_AT = 2 ** 52;

interface Entry {
  row: CostRow;
  small: number;
  big: Amount;
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
  private readonly byRaw = new Map<string, Entry>();
  private readonly byNorm = new Map<string, Entry>();
  private readonly dates = new Map<string, string | null>();
  private scratch = Buffer.allocUnsafe(4096);
  /** Latest valid usage date in any row read, in range or not. */
  latestDate: string | null = null;

  constructor(
    private readonly from: string,
    private readonly to: string,
  ) {}

  /** Column index -> slot for a file's header (slots: date, cost, quantity, then TEXT_FIELDS). */
  slotsFor(plan: ColumnPlan, columnCount: number): { slotOf: Int32Array; slots: number } {
    const slotOf = new Int32Array(columnCount).fill(-1);
    const set = (col: number, slot: number) => {
      if (col >= 0) slotOf[col] = slot;
    };
    set(plan.date, SLOT_DATE);
    set(plan.cost, SLOT_COST);
    set(plan.quantity, SLOT_QTY);
    TEXT_FIELDS.forEach((f, i) => set(plan.text[f], SLOT_TEXT + i));
    return { slotOf, slots: SLOT_TEXT + TEXT_FIELDS.length };
  }

  /** Handles one record of a file whose plan is `plan`; updates `stats`. */
  add(buf: Buffer, sp: FieldSpans, rowNumber: number, plan: ColumnPlan, stats: FileStats): void {
    const { starts, ends } = sp;
    stats.rows++;
    const rawDate = buf.toString("latin1", starts[SLOT_DATE], ends[SLOT_DATE]);
    let date = this.dates.get(rawDate);
    if (date === undefined) {
      date = normaliseDate(rawDate);
      this.dates.set(rawDate, date);
      if (date && (this.latestDate === null || date > this.latestDate)) this.latestDate = date;
    }
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

    const key = this.rawKey(buf, sp, plan.format.charCodeAt(0));
    let entry = this.byRaw.get(key);
    if (entry === undefined) {
      entry = this.entryFor(buf, sp, date, plan);
      this.byRaw.set(key, entry);
    }
    const small = entry.small + pico;
    if (small > FLUSH_AT || small < -FLUSH_AT) {
      entry.big += BigInt(small);
      entry.small = 0;
    } else entry.small = small;
    if (exact !== null) entry.big += exact;
    entry.row.quantity += parseQuantity(buf, starts[SLOT_QTY], ends[SLOT_QTY]);
  }

  /** The aggregated rows (one per distinct key). */
  rows(): CostRow[] {
    const out: CostRow[] = [];
    for (const e of this.byNorm.values()) {
      e.row.cost = e.big + BigInt(e.small);
      out.push(e.row);
    }
    return out;
  }

  /** Raw bytes of date + text fields, one latin1 string: cheap to build and hash. */
  private rawKey(buf: Buffer, sp: FieldSpans, format: number): string {
    const { starts, ends, flags } = sp;
    let need = 1;
    for (let s = 0; s < starts.length; s++) need += ends[s] - starts[s] + 2;
    if (need > this.scratch.length) this.scratch = Buffer.allocUnsafe(need * 2);
    const out = this.scratch;
    // The format is part of the key: the same bytes can decode differently per format (FOCUS publisher words).
    out[0] = format;
    let p = 1;
    for (let s = 0; s < starts.length; s++) {
      if (s === SLOT_COST || s === SLOT_QTY) continue;
      const e = ends[s];
      for (let i = starts[s]; i < e; i++) out[p++] = buf[i];
      out[p++] = flags[s] === 2 ? 1 : SEP;
    }
    return out.toString("latin1", 0, p);
  }

  /** First sight of a raw key: decode the text and merge with any key that decodes the same. */
  private entryFor(buf: Buffer, sp: FieldSpans, date: string, plan: ColumnPlan): Entry {
    const text = {} as Record<TextField, string>;
    TEXT_FIELDS.forEach((f, i) => {
      const s = SLOT_TEXT + i;
      text[f] = fieldText(buf, sp.starts[s], sp.ends[s], sp.flags[s]).trim();
    });
    fillDerived(text, plan);
    const norm = date + "\u001f" + TEXT_FIELDS.map((f) => text[f]).join("\u001f");
    let entry = this.byNorm.get(norm);
    if (!entry) {
      entry = { row: { date, cost: 0n, quantity: 0, ...text }, small: 0, big: 0n };
      this.byNorm.set(norm, entry);
    }
    return entry;
  }
}

/** Fills what a format leaves out: names from the resource ID, FOCUS publisher categories. */
function fillDerived(t: Record<TextField, string>, plan: ColumnPlan): void {
  // Only when the format has no such column: an empty cell is what the export says (e.g. purchases).
  if (plan.text.resourceName < 0 && t.resourceId) t.resourceName = t.resourceId.replace(/\/+$/, "").split("/").pop() ?? "";
  if (plan.text.resourceGroup < 0 && t.resourceId) t.resourceGroup = /\/resourcegroups\/([^/]+)/i.exec(t.resourceId)?.[1] ?? "";
  if (plan.format === "focus") {
    // FOCUS says "Cloud Provider" / "Vendor"; CostRow uses the EA words.
    if (/^vendor$|marketplace/i.test(t.publisherType)) t.publisherType = "Marketplace";
    else if (/cloud provider/i.test(t.publisherType)) t.publisherType = "Microsoft";
  }
}
