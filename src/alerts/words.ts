// Reads `alerts ...` words: `alerts` / `alerts status` (show the routing), `alerts here` (route
// alerts to this channel), `alerts off`. Pure; bad words name what was wrong and what works.
import type { InvalidIntent } from "../bot/intent-types.js";

export type AlertsWords = { kind: "status" } | { kind: "here" } | { kind: "off" };

const HERE = new Set(["here", "on", "this"]);
const OFF = new Set(["off", "stop", "remove", "none", "disable"]);
const HINT = "Try: alerts here · alerts off · alerts";

/** `words` come from tokenize (lowercase) and start with the head (`alerts` or `alert`). */
export function readAlertsWords(words: string[]): AlertsWords | InvalidIntent {
  const verb = words[1];
  const rest = words.slice(2).filter((w) => w !== "channel");
  if (verb !== undefined && !HERE.has(verb) && !OFF.has(verb) && verb !== "status") {
    return { kind: "invalid", message: `"${verb}" is not an alerts command.`, hint: HINT };
  }
  if (rest.length) return { kind: "invalid", message: `I don't understand "${rest.join(" ")}" after "alerts ${verb}".`, hint: HINT };
  if (verb === undefined || verb === "status") return { kind: "status" };
  return OFF.has(verb) ? { kind: "off" } : { kind: "here" };
}
