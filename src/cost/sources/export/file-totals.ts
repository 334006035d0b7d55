// One export file folded by DuckDB into exact totals per (usage date, text columns, provider):
// both cost columns and the quantity summed as DECIMAL(38,12), never as floats. Dates and text are
// normalised here on the distinct values only. Must not import platform SDKs.
import { CostbotError } from "../../../base/errors.js";
import { parseAmount, type Amount } from "../../money.js";
import type { CostType } from "../../types.js";
import { columnsOf, queryRows, quoteIdent, tableOf } from "./duckdb.js";
import { shown, type ExportFile } from "./files.js";
import { EXPECTED_COLUMNS, planColumns, TEXT_FIELDS, type ColumnPlan } from "./format.js";
import { normaliseDate } from "./dates.js";

/** Totals of one distinct key: `fields` is the date then TEXT_FIELDS, in that order. */
export interface KeyTotal {
  fields: string[];
  provider: string;
  /** Exact sums in 1e-12 units; rows whose value could not be read are left out and counted. */
  cost: Record<CostType, Amount>;
  quantity: Amount;
  rows: number;
}

export interface FileTotals {
  file: ExportFile;
  plan: ColumnPlan;
  names: string[];
  totals: KeyTotal[];
  latestDate: string | null;
  /** Rows with an unreadable date, and per cost type rows with an unreadable cost. */
  badDate: number;
  badCost: Record<CostType, number>;
}

const DECIMAL = "DECIMAL(38,12)";
/** A money or quantity column as exact DECIMAL; NULL when absent or unreadable (counted). */
const money = (col: number, names: string[], typed = false) =>
  col < 0 ? `NULL::${DECIMAL}` : typed ? quoteIdent(names[col]) : `TRY_CAST(${quoteIdent(names[col])} AS ${DECIMAL})`;
const text = (col: number, names: string[]) => (col < 0 ? "''" : `CAST(${quoteIdent(names[col])} AS VARCHAR)`);

/** Reads a file's header; throws BAD_INPUT naming the file when it is not a cost export. */
export async function planFile(file: ExportFile): Promise<{ names: string[]; plan: ColumnPlan }> {
  const names = await columnsOf(file).catch((cause: unknown) => unreadable(file, cause));
  const plan = planColumns(names, "actual", file.label);
  if (plan) return { names, plan };
  const list = names.slice(0, 12).join(", ") + (names.length > 12 ? ", ..." : "");
  throw new CostbotError(
    `${shown(file)} is not a recognised Azure cost export: expected cost columns (${EXPECTED_COLUMNS}), found: ${list}.`,
    "BAD_INPUT",
  );
}

/** Folds one file; a file DuckDB cannot read fails as a whole, naming the file. */
export async function readFileTotals(file: ExportFile): Promise<FileTotals> {
  const { names, plan } = await planFile(file);
  const cols = [text(plan.date, names), ...TEXT_FIELDS.map((f) => text(plan.text[f], names)), text(plan.provider, names)];
  const numeric = [...new Set([plan.costs.actual, plan.costs.amortized, plan.quantity])].filter((c) => c >= 0);
  const sql = (typed: boolean) => `SELECT ${cols.map((c, i) => `${c} AS k${i}`).join(", ")},
      CAST(sum(a) AS VARCHAR), CAST(sum(m) AS VARCHAR), CAST(sum(q) AS VARCHAR), count(*),
      count(*) FILTER (WHERE a IS NULL), count(*) FILTER (WHERE m IS NULL)
    FROM (SELECT *, ${money(plan.costs.actual, names, typed)} AS a,
      ${plan.costs.amortized === plan.costs.actual ? "a" : money(plan.costs.amortized, names, typed)} AS m,
      ${money(plan.quantity, names, typed)} AS q FROM ${tableOf(file, typed ? numeric.map((c) => names[c]) : [])})
    GROUP BY ALL`;
  // CSV: the reader parses the numbers (fast); if one is not a plain decimal, read them as text
  // instead so each unreadable value is counted and left out, not the whole file refused.
  const typed = file.kind === "csv" && numeric.length > 0;
  const rows = await queryRows(sql(typed))
    .catch((cause: unknown) => (typed && /Conversion Error|Could not convert/i.test(String((cause as Error)?.message)) ? queryRows(sql(false)) : Promise.reject(cause)))
    .catch((cause: unknown) => unreadable(file, cause));
  const out: FileTotals = { file, plan, names, totals: [], latestDate: null, badDate: 0, badCost: { actual: 0, amortized: 0 } };
  const dates = new Map<string, string | null>();
  const merged = new Map<string, KeyTotal>();
  const n = cols.length;
  for (const r of rows) {
    const rawDate = (r[0] as string | null) ?? "";
    let date = dates.get(rawDate);
    if (date === undefined) dates.set(rawDate, (date = normaliseDate(rawDate)));
    const count = Number(r[n + 3]);
    if (date === null) {
      out.badDate += count;
      continue;
    }
    if (out.latestDate === null || date > out.latestDate) out.latestDate = date;
    out.badCost.actual += Number(r[n + 4]);
    out.badCost.amortized += Number(r[n + 5]);
    const fields = [date];
    for (let i = 1; i <= TEXT_FIELDS.length; i++) fields.push(cell(r[i]));
    const provider = cell(r[n - 1]);
    const key = fields.join("\u0001") + "\u0001" + provider;
    let t = merged.get(key);
    if (!t) merged.set(key, (t = { fields, provider, cost: { actual: 0n, amortized: 0n }, quantity: 0n, rows: 0 }));
    t.cost.actual += amount(r[n]);
    t.cost.amortized += amount(r[n + 1]);
    t.quantity += amount(r[n + 2]);
    t.rows += count;
  }
  out.totals = [...merged.values()];
  return out;
}

/** The 1-based data row number of the first row whose cost (or date) cannot be read. */
export async function firstBadRow(file: ExportFile, plan: ColumnPlan, names: string[], what: CostType | "date"): Promise<number> {
  const bad = what === "date"
    ? `${text(plan.date, names)} IS NULL`
    : `${money(plan.costs[what], names)} IS NULL`;
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
  const reason = String((cause as Error)?.message ?? cause).split("\n")[0].replace(/^[A-Za-z ]+Error: /, "");
  throw new CostbotError(`Could not read ${shown(file)}: ${reason}`, "SOURCE_FAILED", { cause });
}
