// One export file folded by DuckDB into exact totals per (usage date, text columns, provider):
// both cost columns summed as DECIMAL(38,12), never as floats (the quantity, never money, as a float). Dates and text are
// normalised here on the distinct values only. Must not import platform SDKs.
import { CostbotError } from "../../../base/errors.js";
import { parseAmount, type Amount } from "../../money.js";
import { classify } from "../../classify.js";
import { makeRow, type CostRow, type CostType } from "../../types.js";
import { marketplaceHint, money, quantityOf, RESOURCE_FIELDS, text } from "./columns-sql.js";
import { columnsOf, queryRows, quoteIdent, tableOf } from "./duckdb.js";
import { shown, type ExportFile } from "./files.js";
import { EXPECTED_COLUMNS, planColumns, TEXT_FIELDS, type ColumnPlan } from "./format.js";
import { normaliseDate } from "./dates.js";

/** Totals of one distinct (usage date, text columns, provider). */
interface KeyTotal {
  date: string;
  /** TEXT_FIELDS' values in order; one shared (read-only) array for every date of the same texts. */
  texts: readonly string[];
  /** The texts and provider joined: the same string for equal texts, to merge on without joining again. */
  textKey: string;
  provider: string;
  /** Exact sums in 1e-12 units; rows whose value could not be read are left out and counted. */
  cost: Record<CostType, Amount>;
  /** A float, as CostRow keeps it (never money): summed as DOUBLE, which the reader parses far faster than DECIMAL(38,12). */
  quantity: number;
  rows: number;
}

export interface FileTotals {
  file: ExportFile;
  plan: ColumnPlan;
  names: string[];
  /** The type DuckDB reads each column as (VARCHAR for every CSV column). */
  types: string[];
  /**
   * How DuckDB grouped it: by meter texts only ("meters", a one-shot question; "models", a file
   * without AI models), or the models' rows also by every text: by a hash ("hash"), or by the
   * texts themselves ("texts": two texts shared a hash).
   */
  keyedBy: "meters" | "models" | "hash" | "texts";
  totals: KeyTotal[];
  latestDate: string | null;
  /** Rows with an unreadable date, and per cost type rows with an unreadable cost. */
  badDate: number;
  badCost: Record<CostType, number>;
}

/** Reads a file's header; throws BAD_INPUT naming the file when it is not a cost export. */
async function planFile(file: ExportFile): Promise<{ names: string[]; types: string[]; plan: ColumnPlan }> {
  const { names, types } = await columnsOf(file).catch((cause: unknown) => unreadable(file, cause));
  const plan = planColumns(names, "actual", file.label);
  if (plan) return { names, types, plan };
  const list = names.slice(0, 12).join(", ") + (names.length > 12 ? ", ..." : "");
  throw new CostbotError(
    `${shown(file)} is not a recognised Azure cost export: expected cost columns (${EXPECTED_COLUMNS}), found: ${list}.`,
    "BAD_INPUT",
  );
}

/** Which text columns a file is folded by: all of them, or what classifies a meter ("meters"). */
export type KeyColumns = "all" | "meters";

export interface ReadOptions {
  keys?: KeyColumns;
  /** The SQL hashing the text columns (given as a list) into the grouping key; tests narrow it to force collisions. */
  keyHash?: (texts: string) => string;
}

/**
 * Folds one file; a file DuckDB cannot read fails as a whole, naming the file.
 * First (and, for "meters", only) a scan grouped by the date and the meter's texts: tens of groups a
 * day; resource columns are left empty except on rows that may be Marketplace (see marketplaceHint).
 * All text columns: only the meters that are AI models need their resources (only models are shown
 * by resource; every other cost is one "other" total), so a second scan reads just those meters'
 * rows (by a hash of their meter texts; the texts themselves decide here) with every text, and
 * their meter-level groups give way to these. An export of every Azure cost is mostly other
 * services: their resources are never held in memory (a 3M-row export of 200,000 resources took
 * 1.7 GB and 17 s, all of it folded by resource).
 * Every text of many rows: DuckDB groups by the usage date and a 64-bit hash of the texts (two
 * narrow keys: grouping by thirteen long texts costs it twice the time and memory), and a scan lists
 * the distinct (hash, texts) pairs: each hash's texts, and proof that it has only one. If two texts
 * ever share a hash, the rows are grouped by the texts themselves. (A salted hash cannot prove it:
 * DuckDB's hash(texts, salt) is a one-to-one function of hash(texts), so it collides exactly when the
 * key does.) DISTINCT keys spill to disk past DuckDB's memory limit; per-hash string aggregates
 * (any_value, min/max) do not, and ran out of memory on that export.
 */
export async function readFileTotals(file: ExportFile, opts: ReadOptions = {}): Promise<FileTotals> {
  const { names, types, plan } = await planFile(file);
  const keep = marketplaceHint(plan, names);
  const provider = text(plan.provider, names);
  const allTexts = [...TEXT_FIELDS.map((f) => text(plan.text[f], names)), provider];
  const meterTexts = [
    ...TEXT_FIELDS.map((f) => {
      if (!f.startsWith("resource")) return text(plan.text[f], names);
      return RESOURCE_FIELDS.has(f) ? `CASE WHEN ${keep} THEN ${text(plan.text[f], names)} END` : "''";
    }),
    provider,
  ];
  // What a meter is, without its resource: one hash of it picks a model's rows for the second scan.
  const meterHash = `hash(${[...METER_FIELDS.map((f) => text(plan.text[f], names)), provider].join(", ")})`;
  // Grouped by the date as the file types it, turned to text per group: a Parquet TIMESTAMP cast per row costs more than the rest.
  const date = plan.date < 0 ? "''" : quoteIdent(names[plan.date]);
  // One row per key, its groups (date and sums) as one JSON text: every value read out of DuckDB's
  // result costs JS time (~0.15 s for the 4,000 groups of a 1M-row export), one JSON.parse per key does not.
  const sums = (keys: string[], where: string) => `SELECT ${keys.map((_, i) => `k${i}`).join(", ")},
      to_json(list([CAST(d AS VARCHAR), sa, sm, CAST(sq AS VARCHAR), CAST(n AS VARCHAR), CAST(ba AS VARCHAR), CAST(bm AS VARCHAR)]))
    FROM (SELECT ${date} AS d, ${keys.map((k, i) => `${k} AS k${i}`).join(", ")},
      CAST(sum(a) AS VARCHAR) AS sa, CAST(sum(m) AS VARCHAR) AS sm, CAST(sum(q) AS DOUBLE) AS sq, count(*) AS n,
      count(*) FILTER (WHERE a IS NULL) AS ba, count(*) FILTER (WHERE m IS NULL) AS bm
    FROM (SELECT *, ${money(plan.costs.actual, names, types)} AS a,
      ${plan.costs.amortized === plan.costs.actual ? "a" : money(plan.costs.amortized, names, types)} AS m,
      ${quantityOf(plan.quantity, names)} AS q FROM ${tableOf(file)} WHERE ${where})
    GROUP BY ALL)
    GROUP BY ALL`;
  /** Each group as [date, the key's Text, actual, amortized, quantity, rows, bad actual, bad amortized]. */
  const run = async (keys: string[], textOf: (key: unknown[]) => Text, where = "true"): Promise<Group[]> => {
    const rows = await queryRows(sums(keys, where)).catch((cause: unknown) => unreadable(file, cause));
    return rows.flatMap((r) => {
      const t = textOf(r.slice(0, keys.length));
      return (JSON.parse(String(r[keys.length])) as (string | null)[][]).map(
        ([d, a, m, q, ...counts]) => [d, t, a, m, q === null ? null : Number(q), ...counts] as Group,
      );
    });
  };
  const interned = new Map<string, Text>();
  if (opts.keys === "meters") return fold(file, plan, names, types, "meters", await run(meterTexts, (key) => intern(key, interned)));
  // The meter-level scan also returns each group's meter hash (one per meter text: no more groups).
  const hashOf = new Map<Text, Set<unknown>>();
  const byMeter = await run([...meterTexts, meterHash], (key) => {
    const t = intern(key.slice(0, -1), interned);
    hashOf.set(t, (hashOf.get(t) ?? new Set()).add(key[key.length - 1]));
    return t;
  });
  const models = new Set([...hashOf.keys()].filter((t) => classify(rowOfTexts(plan, "", t.texts)).isModel).map(meterKey));
  if (models.size === 0) return fold(file, plan, names, types, "models", byMeter);
  const hashes = [...hashOf].filter(([t]) => models.has(meterKey(t))).flatMap(([, hs]) => [...hs]);
  const where = `${meterHash} IN (${hashes.join(", ")})`;
  const ofModels = (g: Group) => models.has(meterKey(g[1]));
  const byText = await byEveryText(file, allTexts, where, (keys, textOf) => run(keys, textOf, where), interned, opts.keyHash);
  return fold(file, plan, names, types, byText.keyedBy, [...byMeter.filter((g) => !ofModels(g)), ...byText.groups.filter(ofModels)]);
}

/** A fold's group: [raw date, Text, actual, amortized, quantity, rows, bad actual, bad amortized]. */
type Group = [string | null, Text, unknown, unknown, number | null, string, string, string];

/** TEXT_FIELDS without the resource ones: what a meter is, wherever it is used. */
const METER_FIELDS = TEXT_FIELDS.filter((f) => !f.startsWith("resource"));
const METER_AT = METER_FIELDS.map((f) => TEXT_FIELDS.indexOf(f));
/** A Text's meter, as one string (the same for every resource of it). */
const meterKey = (t: Text) => [...METER_AT.map((i) => t.texts[i]), t.provider].join("\u0001");

/**
 * The rows `where` picks, grouped by the date and every text: by a hash of the texts, named by a
 * DISTINCT scan, or by the texts themselves when two texts share a hash.
 */
async function byEveryText(
  file: ExportFile,
  texts: string[],
  where: string,
  run: (keys: string[], textOf: (key: unknown[]) => Text) => Promise<Group[]>,
  interned: Map<string, Text>,
  keyHash: ReadOptions["keyHash"],
): Promise<{ keyedBy: FileTotals["keyedBy"]; groups: Group[] }> {
  const hash = (keyHash ?? ((t: string) => `hash(${t})`))(texts.join(", "));
  const named = await queryRows(`SELECT DISTINCT ${hash} AS h, ${texts.join(", ")} FROM ${tableOf(file)} WHERE ${where}`).catch((cause: unknown) =>
    unreadable(file, cause),
  );
  // Texts that differ only as NULL and empty are one text (intern), so they may share a hash.
  const byHash = new Map<unknown, Text>();
  const collided = named.some((r) => {
    const t = intern(r.slice(1), interned);
    const seen = byHash.get(r[0]);
    byHash.set(r[0], t);
    return seen !== undefined && seen !== t;
  });
  if (!collided) return { keyedBy: "hash", groups: await run([hash], ([h]) => byHash.get(h)!) };
  return { keyedBy: "texts", groups: await run(texts, (key) => intern(key, interned)) };
}

/** A CostRow of a fold's texts (no cost yet), with what the format leaves to be derived. */
export function rowOfTexts(plan: ColumnPlan, date: string, texts: readonly string[]): CostRow {
  const row = makeRow({ date, cost: 0n });
  TEXT_FIELDS.forEach((f, i) => (row[f] = texts[i]));
  // Only when the format has no such column: an empty cell is what the export says (e.g. purchases).
  if (plan.text.resourceName < 0 && row.resourceId) row.resourceName = row.resourceId.replace(/\/+$/, "").split("/").pop() ?? "";
  if (plan.text.resourceGroup < 0 && row.resourceId) row.resourceGroup = /\/resourcegroups\/([^/]+)/i.exec(row.resourceId)?.[1] ?? "";
  if (plan.format === "focus") {
    // FOCUS says "Cloud Provider" / "Vendor"; CostRow uses the EA words.
    if (/^vendor$|marketplace/i.test(row.publisherType)) row.publisherType = "Marketplace";
    else if (/cloud provider/i.test(row.publisherType)) row.publisherType = "Microsoft";
  }
  return row;
}

/** Sums a file's groups per normalised date and text; dates that cannot be read are counted. */
function fold(file: ExportFile, plan: ColumnPlan, names: string[], types: string[], keyedBy: FileTotals["keyedBy"], groups: Group[]): FileTotals {
  const out: FileTotals = { file, plan, names, types, keyedBy, totals: [], latestDate: null, badDate: 0, badCost: { actual: 0, amortized: 0 } };
  const dates = new Map<string, string | null>();
  const merged = new Map<string, KeyTotal>();
  for (const [rawDate, t, a, m, q, count, badA, badM] of groups) {
    let date = dates.get(rawDate ?? "");
    if (date === undefined) dates.set(rawDate ?? "", (date = normaliseDate(rawDate ?? "")));
    if (date === null) {
      out.badDate += Number(count);
      continue;
    }
    if (out.latestDate === null || date > out.latestDate) out.latestDate = date;
    out.badCost.actual += Number(badA);
    out.badCost.amortized += Number(badM);
    // Raw dates (and NULL vs empty texts) that mean the same thing merge here.
    const key = `${date}\u0001${t.id}`;
    let k = merged.get(key);
    if (!k)
      merged.set(
        key,
        (k = { date, texts: t.texts, textKey: t.key, provider: t.provider, cost: { actual: 0n, amortized: 0n }, quantity: 0, rows: 0 }),
      );
    k.cost.actual += amount(a);
    k.cost.amortized += amount(m);
    k.quantity += q ?? 0;
    k.rows += Number(count);
  }
  out.totals = [...merged.values()];
  return out;
}

interface Text {
  id: number;
  texts: readonly string[];
  provider: string;
  key: string;
}

/** One Text per distinct (normalised) texts + provider, shared by all their groups. */
function intern(raw: unknown[], seen: Map<string, Text>): Text {
  const values = raw.map(cell);
  const key = values.join("\u0001");
  let t = seen.get(key);
  if (!t) seen.set(key, (t = { id: seen.size, texts: values.slice(0, -1), provider: values[values.length - 1], key }));
  return t;
}

/** The 1-based data row number of the first row whose cost (or date) cannot be read. */
export async function firstBadRow(file: ExportFile, plan: ColumnPlan, names: string[], types: string[], what: CostType | "date"): Promise<number> {
  const bad = what === "date" ? `${text(plan.date, names)} IS NULL` : `${money(plan.costs[what], names, types)} IS NULL`;
  const sql = `SELECT min(n) FROM (SELECT *, row_number() OVER () AS n FROM ${tableOf(file)}) WHERE ${bad}`;
  const rows = await queryRows(sql).catch(() => [[null]]);
  return Number(rows[0]?.[0] ?? 0);
}

function cell(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

function amount(v: unknown): Amount {
  return v === null || v === undefined ? 0n : (parseAmount(String(v)) ?? 0n);
}

function unreadable(file: ExportFile, cause: unknown): never {
  if (cause instanceof CostbotError) throw cause;
  const reason = String((cause as Error)?.message ?? cause)
    .split("\n")[0]
    .replace(/^[A-Za-z ]+Error: /, "");
  throw new CostbotError(`Could not read ${shown(file)}: ${reason}`, "SOURCE_FAILED", { cause });
}
