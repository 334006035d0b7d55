// Reads `digest ...` words: show, off, or a daily/weekly time with an optional zone. Pure; every
// bad input gets a message naming the word that was wrong and, as its hint, what works instead.
import { checkTimeZone } from "../store/validate.js";
import { wordTable } from "../bot/intent-words.js";
import type { InvalidIntent } from "../bot/intent-types.js";

export type DigestWords =
  | { kind: "show" }
  | { kind: "off" }
  | { kind: "set"; cadence: "daily" | "weekly"; weekday?: number; time: string; tz?: string };

export const DIGEST_EXAMPLES = "Try `digest daily 09:00 Europe/Berlin`, `digest weekly mon 08:30` or `digest off`.";

const OFF = new Set(["off", "stop", "remove", "cancel", "none", "disable"]);
const FILLER = new Set(["at", "on", "every", "in", "each", "tz", "zone", "time"]);
const WEEKDAYS = wordTable<number>({
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
});
const TIME_HELP = "use HH:MM on a 24-hour clock (00:00 to 23:59), e.g. 09:00 or 17:30";
const ZONE_HELP = "use an IANA zone name like Europe/Berlin, America/New_York or UTC";
const WEEKDAY_HELP = "use mon, tue, wed, thu, fri, sat or sun, e.g. `digest weekly mon 08:30`";

const invalid = (message: string): InvalidIntent => ({ kind: "invalid", message, hint: DIGEST_EXAMPLES });

/** "09:00", "9:30", "9am", "5:30pm" -> "HH:MM"; a time-shaped word that is out of range -> Error. */
function readTime(word: string): string | Error | null {
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(word);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (m[3]) {
    if (h < 1 || h > 12) return new Error(`"${word}" is not a time of day: ${TIME_HELP}`);
    h = (h % 12) + (m[3] === "pm" ? 12 : 0);
  }
  if (h > 23 || min > 59) return new Error(`"${word}" is not a time of day: ${TIME_HELP}`);
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** `words` come from tokenize (lowercase) and start with "digest"; null if they are not a digest command. */
export function readDigestWords(words: string[]): DigestWords | InvalidIntent | null {
  if (words[0] !== "digest" && words[0] !== "digests") return null;
  const rest = words.slice(1).filter((w) => !FILLER.has(w));
  if (rest.length === 0 || (rest.length === 1 && ["show", "status", "list"].includes(rest[0]))) return { kind: "show" };
  if (rest.length === 1 && OFF.has(rest[0])) return { kind: "off" };
  let cadence: "daily" | "weekly" | undefined;
  let weekday: number | undefined;
  let time: string | undefined;
  let zone: string | undefined;
  for (const w of rest) {
    if (w === "daily" || w === "day") {
      cadence = "daily";
      continue;
    }
    if (w === "weekly" || w === "week") {
      cadence = "weekly";
      continue;
    }
    const day = WEEKDAYS[w];
    if (day !== undefined) {
      weekday = day;
      cadence ??= "weekly";
      continue;
    }
    const t = readTime(w);
    if (t instanceof Error) return invalid(t.message);
    if (t) {
      time = t;
      continue;
    }
    if (/^\d{1,2}:?\d*$/.test(w) || /^\d+(am|pm)$/.test(w)) return invalid(`"${w}" is not a time of day: ${TIME_HELP}`);
    if (w.includes("/") || /^(utc|gmt)/.test(w) || time) {
      try {
        zone = checkTimeZone(w);
        continue;
      } catch {
        return invalid(`"${w}" is not a time zone I know: ${ZONE_HELP}`);
      }
    }
    if (cadence === "weekly" && weekday === undefined) return invalid(`"${w}" is not a weekday: ${WEEKDAY_HELP}`);
    return invalid(
      `I don't know "${w}" in a digest command. Try \`digest daily 09:00 Europe/Berlin\`, \`digest weekly mon 08:30\`, \`digest off\` or \`digest\`.`,
    );
  }
  if (cadence === "weekly" && weekday === undefined) return invalid(`A weekly digest needs a weekday: ${WEEKDAY_HELP}`);
  if (!time) return invalid(`A digest needs a time of day: ${TIME_HELP}, e.g. \`digest daily 09:00\`.`);
  const out: DigestWords = { kind: "set", cadence: cadence ?? "daily", time };
  if (cadence === "weekly") out.weekday = weekday;
  if (zone) out.tz = zone;
  return out;
}
