// Folds export records into one CostRow per (date + every text column + unit), summing cost exactly
// and quantity, so memory grows with distinct keys, not with file size. Rows outside the date range
// are dropped before any other work. Must not import platform SDKs.
import type { Amount } from "../../money.js";
import type { CostRow } from "../../types.js";
import type { FieldSpans } from "./csv-scanner.js";
import { FieldInterner } from "./field-interner.js";
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

/** Running sum for one output row: a double of exact integer 1e-12 units plus a bigint overflow. */
interface Acc {
  row: CostRow;
  small: number;
  big: Amount;
}

/** One raw key: the format, date id and text ids (several raw keys may decode to the same Acc). */
interface Entry {
  ids: Int32Array;
  acc: Acc;
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
  private readonly ids = new Int32Array(2 + N_TEXT);
  /** Hash of ids -> entries; collisions are resolved by comparing the ids. */
  private readonly byHash = new Map<number, Entry | Entry[]>();
  private readonly byNorm = new Map<string, Acc>();
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
    return { slotOf, slots: SLOT_TEXT + N_TEXT };
  }

  /** Handles one record of a file whose plan is `plan`; updates `stats`. */
  add(buf: Buffer, sp: FieldSpans, rowNumber: number, plan: ColumnPlan, stats: FileStats): void {
    const { starts, ends, flags } = sp;
    stats.rows++;
    const dateId = this.dateIds.intern(buf, starts[SLOT_DATE], ends[SLOT_DATE], flags[SLOT_DATE]);
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
      const id = this.textIds[k].intern(buf, starts[s], ends[s], flags[s]);
      ids[2 + k] = id;
      h = Math.imul(h ^ id, 0x01000193);
    }
    const acc = this.accFor(h, date, plan);
    const small = acc.small + pico;
    if (small > FLUSH_AT || small < -FLUSH_AT) {
      acc.big += BigInt(small);
      acc.small = 0;
    } else acc.small = small;
    if (exact !== null) acc.big += exact;
    acc.row.quantity += parseQuantity(buf, starts[SLOT_QTY], ends[SLOT_QTY]);
  }

  /** The aggregated rows (one per distinct key). */
  rows(): CostRow[] {
    const out: CostRow[] = [];
    for (const a of this.byNorm.values()) {
      a.row.cost = a.big + BigInt(a.small);
      out.push(a.row);
    }
    return out;
  }

  private newDate(id: number): string | null {
    const date = normaliseDate(this.dateIds.latin1(id));
    this.dateOf[id] = date;
    if (date && (this.latestDate === null || date > this.latestDate)) this.latestDate = date;
    return date;
  }

  private accFor(h: number, date: string, plan: ColumnPlan): Acc {
    const found = this.byHash.get(h);
    if (found !== undefined) {
      if (!Array.isArray(found)) {
        if (sameIds(found.ids, this.ids)) return found.acc;
      } else {
        for (const e of found) if (sameIds(e.ids, this.ids)) return e.acc;
      }
    }
    const entry: Entry = { ids: this.ids.slice(), acc: this.accByText(date, plan) };
    if (found === undefined) this.byHash.set(h, entry);
    else if (Array.isArray(found)) found.push(entry);
    else this.byHash.set(h, [found, entry]);
    return entry.acc;
  }

  /** First sight of a raw key: decode the text and merge with any key that decodes the same. */
  private accByText(date: string, plan: ColumnPlan): Acc {
    const text = {} as Record<TextField, string>;
    TEXT_FIELDS.forEach((f, k) => (text[f] = this.textIds[k].text(this.ids[2 + k])));
    fillDerived(text, plan);
    const norm = date + "\u001f" + TEXT_FIELDS.map((f) => text[f]).join("\u001f");
    let acc = this.byNorm.get(norm);
    if (!acc) {
      acc = { row: { date, cost: 0n, quantity: 0, ...text }, small: 0, big: 0n };
      this.byNorm.set(norm, acc);
    }
    return acc;
  }
}

function sameIds(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
