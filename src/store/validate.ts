// Checks and normalises what callers hand the store, so both databases hold the same clean values.
// Throws CostbotError BAD_INPUT with a message a chat user can act on. No database access here.
import { CostbotError } from "../base/errors.js";
import { supportedLocale } from "../base/locale.js";
import { SCALE_DIGITS, type Amount } from "../cost/money.js";
import type { BudgetInput, DigestInput } from "./types.js";

const bad = (message: string) => new CostbotError(message, "BAD_INPUT");

/** The canonical IANA name of `tz` (e.g. "utc" -> "UTC"), or a BAD_INPUT error. */
export function checkTimeZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz.trim() }).resolvedOptions().timeZone;
  } catch {
    throw bad(`"${tz}" is not a time zone I know; use an IANA name like Europe/Berlin or UTC`);
  }
}

/** The canonical tag of a locale Intl accepts for dates ("en_US" -> "en-US"), or a BAD_INPUT error. */
export function checkLocale(locale: string): string {
  const tag = supportedLocale(locale);
  if (!tag) throw bad(`"${locale}" is not a locale I can write dates in; use a BCP 47 tag like en-US`);
  return tag;
}

export function checkDigest(input: DigestInput): DigestInput {
  const m = /^(\d{1,2}):(\d{2})$/.exec(input.time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw bad(`"${input.time}" is not a time of day; use HH:MM, e.g. 09:00`);
  }
  const time = `${m[1].padStart(2, "0")}:${m[2]}`;
  if (input.cadence !== "daily" && input.cadence !== "weekly") throw bad(`a digest is daily or weekly, not "${input.cadence}"`);
  if (input.cadence === "weekly" && !(Number.isInteger(input.weekday) && input.weekday! >= 1 && input.weekday! <= 7)) {
    throw bad("a weekly digest needs a weekday (1 = Monday .. 7 = Sunday)");
  }
  if (input.cadence === "daily" && input.weekday !== undefined) throw bad("a daily digest has no weekday");
  const out: DigestInput = { targetId: input.targetId, cadence: input.cadence, time, tz: checkTimeZone(input.tz), createdBy: input.createdBy };
  if (input.cadence === "weekly") out.weekday = input.weekday;
  return out;
}

export function checkBudget(input: BudgetInput): BudgetInput {
  const name = input.name.trim();
  if (name === "" || name.length > 80) throw bad("a budget needs a name of 1 to 80 characters");
  if (typeof input.amount !== "bigint" || input.amount <= 0n) throw bad("a budget amount must be more than zero");
  if (!["daily", "weekly", "monthly"].includes(input.period)) throw bad(`a budget period is daily, weekly or monthly, not "${input.period}"`);
  if (input.channel !== undefined && input.channel !== "microsoft" && input.channel !== "marketplace") {
    throw bad(`a budget channel is microsoft or marketplace, not "${input.channel}"`);
  }
  const thresholds = [...new Set(input.thresholds)].sort((a, b) => a - b);
  if (thresholds.length === 0 || thresholds.length > 10 || thresholds.some((t) => !Number.isFinite(t) || t <= 0 || t > 1000)) {
    throw bad("alert thresholds are 1 to 10 percentages between 0 and 1000, e.g. 50,80,100");
  }
  const out: BudgetInput = { ...input, name, thresholds };
  if (input.model !== undefined) {
    const model = input.model.trim().toLowerCase();
    if (model === "") throw bad("a budget's model filter cannot be empty");
    out.model = model;
  }
  return out;
}

/** Exact decimal text of an amount (1e-12 units), e.g. 1234500000000000n -> "1234.5". */
export function amountToText(a: Amount): string {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const scale = 10n ** BigInt(SCALE_DIGITS);
  const frac = (abs % scale).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${abs / scale}${frac ? "." + frac : ""}`;
}
