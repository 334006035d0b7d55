// The aggregated rows of a set of export files, kept in memory: each file is folded once (until it
// changes), and a question takes its dataset's rows for the dates asked without touching the files.
// Must not import platform SDKs.
import { shiftDays, startOfUtcDay } from "../../../base/dates.js";
import type { CostQuery, CostResult, CostRow, CostType } from "../../types.js";
import { createMemo } from "../cached.js";
import { chooseDataset } from "./dataset.js";
import { identify } from "./dataset.js";
import { firstBadRow, readFileTotals, rowOfTexts, type FileTotals, type KeyColumns } from "./file-totals.js";
import { fileKey, fileVersion, mb, shown, type ExportFile } from "./files.js";

type ReadCount = { files: number; bytes: number; rows: number };

/** Folded files by path, size and mtime: a file is read again only when it changed. */
export class ExportSnapshot {
  // The same cache idiom as in front of every source (../cached.ts): fetched once, in flight shared,
  // failures not kept; no TTL, since a changed file has another key. Pruned to the current files.
  private readonly files = createMemo<FileTotals, { file: ExportFile; of: number; read: ReadCount; keys: KeyColumns }>(
    (c) => this.readFile(c.file, c.of, c.read, c.keys),
    {
      ttlMs: 0,
      max: 10_000,
    },
  );
  private readonly rowSets = createMemo<RowSet, { used: FileTotals[]; costType: CostType }>((c) => buildRowSet(c.used, c.costType), {
    ttlMs: 0,
    max: 64,
  });

  /** `oneShot`: a question needing meter columns only reads those (the CLI); else files are folded whole. */
  constructor(
    private readonly progress?: (line: string) => void,
    private readonly oneShot = false,
  ) {}

  /** Answers a query over `files` (the export's current files). */
  async query(files: ExportFile[], q: CostQuery): Promise<CostResult> {
    const keys = files.map(fileKey);
    this.forgetOthers(new Set(keys), new Set(files.map(fileVersion)));
    const read: ReadCount = { files: 0, bytes: 0, rows: 0 };
    const cols: KeyColumns = this.oneShot && q.columns === "meters" ? "meters" : "all";
    const folded = await Promise.all(files.map((file, i) => this.files.get(`${keys[i]}\u0003${cols}`, { file, of: files.length, read, keys: cols })));
    // The same file as folded, with today's days to skip (a newer run may have arrived since).
    const totals = folded.map((t, i) => ({ ...t, file: files[i] }));
    const choice = chooseDataset(
      totals.map((t) => ({ file: t.file, plan: t.plan, dataset: identify(t.file, t.plan) })),
      q.costType,
    );
    const used = totals.filter((t) => choice.files.some((c) => c.file === t.file));
    const setKey = `${q.costType}\u0003${cols}\u0002${used.map((t) => fileVersion(t.file)).join("\u0002")}`;
    const { rows, warnings, latestDate } = await this.rowSets.get(setKey, { used, costType: q.costType });
    return {
      rows: slice(rows, q.from, q.to),
      dataAsOf: freshness(
        latestDate,
        used.map((t) => t.file),
      ),
      warnings: [...choice.warnings, ...warnings],
      // Rows are sorted by date: the first and last are the dates the export holds at all.
      coverage: rows.length ? { from: rows[0].date, to: rows[rows.length - 1].date } : null,
    };
  }

  /** Reads one file (not yet read, or changed), telling `progress` how the read goes. */
  private readFile(file: ExportFile, of: number, r: ReadCount, keys: KeyColumns): Promise<FileTotals> {
    this.progress?.(`reading export: ${r.files}/${of} files, ${mb(r.bytes)} (now ${file.shownAs ?? file.label}, ${mb(file.bytes)})`);
    return readFileTotals(file, { keys }).then((t) => {
      r.files++;
      r.bytes += file.bytes;
      r.rows += t.totals.reduce((n, k) => n + k.rows, 0);
      this.progress?.(`reading export: ${r.files}/${of} files, ${mb(r.bytes)}, ${r.rows.toLocaleString("en-US")} rows`);
      return t;
    });
  }

  /** Drops what belongs to files no longer in the export, so memory follows the current export. */
  private forgetOthers(current: Set<string>, versions: Set<string>): void {
    this.files.prune((k) => current.has(k.split("\u0003")[0]));
    this.rowSets.prune((k) =>
      k
        .split("\u0002")
        .slice(1)
        .every((v) => versions.has(v)),
    );
  }
}

interface RowSet {
  /** Sorted by date. */
  rows: CostRow[];
  warnings: string[];
  latestDate: string | null;
}

async function buildRowSet(used: FileTotals[], costType: CostType): Promise<RowSet> {
  // By texts, then by date: the text keys are shared strings, so nothing is joined per group.
  const merged = new Map<string, Map<string, { row: CostRow; quantity: number }>>();
  const others = new Map<string, number>();
  const warnings: string[] = [];
  let latestDate: string | null = null;
  for (const t of used) {
    if (t.latestDate && (latestDate === null || t.latestDate > latestDate)) latestDate = t.latestDate;
    const skip = t.file.skipDays ?? [];
    for (const k of t.totals) {
      // Days a newer run of the same scope covers are read from that run, not added twice.
      if (skip.some((d) => k.date >= d.from && k.date <= d.to)) continue;
      // FOCUS files may hold other clouds' rows: costbot answers for Microsoft's only.
      if (t.plan.provider >= 0 && !/^microsoft\b/i.test(k.provider.trim())) {
        const name = k.provider.trim() || "no provider";
        others.set(name, (others.get(name) ?? 0) + k.rows);
        continue;
      }
      let byDate = merged.get(k.textKey);
      if (!byDate) merged.set(k.textKey, (byDate = new Map()));
      let m = byDate.get(k.date);
      if (!m) {
        const row = rowOfTexts(t.plan, k.date, k.texts);
        byDate.set(k.date, (m = { row, quantity: 0 }));
      }
      m.row.cost += k.cost[costType];
      m.quantity += k.quantity;
    }
    const bad = t.badCost[costType];
    if (bad > 0) {
      const first = await firstBadRow(t.file, t.plan, t.names, t.types, costType);
      const col = t.names[t.plan.costs[costType]];
      warnings.push(`${shown(t.file)}: ${bad} row(s) with an unreadable ${col} value left out${first ? ` (first: data row ${first})` : ""}.`);
    }
    if (t.badDate > 0) warnings.push(`${shown(t.file)}: ${t.badDate} row(s) with an unreadable date left out.`);
  }
  if (others.size > 0) {
    const n = [...others.values()].reduce((a, b) => a + b, 0);
    // By name: the groups come in the order DuckDB's threads finish them.
    const which = [...others]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, c]) => `${p} ${c}`)
      .join(", ");
    warnings.push(`Left out ${n} FOCUS row(s) of other providers than Microsoft (${which}); costbot counts Azure costs only.`);
  }
  const rows: CostRow[] = [];
  for (const { row, quantity } of [...merged.values()].flatMap((byDate) => [...byDate.values()])) {
    // Float sums depend on the order DuckDB's threads add in; 12 significant digits do not.
    row.quantity = Number(quantity.toPrecision(12));
    rows.push(row);
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { rows, warnings, latestDate };
}

/** Fills what a format leaves out: names from the resource ID, FOCUS publisher categories. */
/** The rows dated from..to (inclusive) of date-sorted rows. */
function slice(rows: CostRow[], from: string, to: string): CostRow[] {
  const at = (d: string, after: boolean) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].date < d || (after && rows[mid].date === d)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return rows.slice(at(from, false), at(to, true));
}

/**
 * dataAsOf is the end of the latest usage date seen in any row (in range or not): the data covers
 * usage through that day. Capped by the newest file's mtime, since an export cannot hold usage
 * from after it was written; the mtime alone is used when no row had a date.
 */
function freshness(latestDate: string | null, files: ExportFile[]): string | null {
  const mtime = Math.max(...files.map((f) => f.mtimeMs));
  if (!latestDate) return Number.isFinite(mtime) ? new Date(mtime).toISOString() : null;
  const endOfDay = startOfUtcDay(shiftDays(latestDate, 1)).getTime();
  return new Date(Math.min(endOfDay, mtime)).toISOString();
}
