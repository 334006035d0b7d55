// Validates `costbot ask` options into typed values; every problem is one sentence a user can fix.
import { isKnownZone } from "../../base/zones.js";
import { CostbotError } from "../../base/errors.js";
import type { CostType } from "../../cost/types.js";

export type OutputFormat = "text" | "json" | "slack" | "teams";

export interface AskOptions {
  source: string;
  now: Date;
  tz: string;
  format: OutputFormat;
  costType: CostType;
}

const FORMATS: OutputFormat[] = ["text", "json", "slack", "teams"];
// A full ISO 8601 date, optionally with time and zone offset; no free-form dates for --now.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function validateAskOptions(raw: Record<string, string | undefined>, clock: () => Date): AskOptions {
  const bad = (msg: string) => new CostbotError(msg, "BAD_INPUT");
  const tz = raw.tz ?? "UTC";
  if (!isKnownZone(tz)) throw bad(`--tz: unknown time zone "${tz}"; use an IANA name such as Europe/Berlin or UTC`);
  let now = clock();
  if (raw.now !== undefined) {
    const text = raw.now.trim();
    now = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (!ISO_TIME.test(text) || Number.isNaN(now.getTime()) || !sameCalendarDate(text)) {
      throw bad(`--now: "${raw.now}" is not an ISO time; use e.g. 2025-11-27T09:00:00Z`);
    }
  }
  const format = (raw.format ?? "text").toLowerCase() as OutputFormat;
  if (!FORMATS.includes(format)) throw bad(`--format: "${raw.format}" is not one of ${FORMATS.join(", ")}`);
  const costType = (raw.cost ?? "actual").toLowerCase();
  if (costType !== "actual" && costType !== "amortized") {
    throw bad(`--cost: "${raw.cost}" is not one of actual, amortized`);
  }
  const source = raw.source ?? "demo";
  if (source.trim() === "") throw bad("--source: empty; use demo, azure, or an export file or folder");
  return { source, now, tz, format, costType };
}

// Date rolls impossible days over (2025-02-30 -> Mar 2); refuse them instead.
function sameCalendarDate(text: string): boolean {
  const [y, m, day] = text.slice(0, 10).split("-").map(Number);
  const probe = new Date(Date.UTC(y, m - 1, day));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day;
}
