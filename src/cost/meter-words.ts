// Splits an abbreviated AI meter name ("gpt-4o-mini-0718-Inp-glbl Tokens", "5 mini pp cd Inp Gl 1M
// Tokens") into model words plus the billing markers around them: direction, cached input, scope
// (global / data zone / regional) and mode (standard, batch, provisioned, priority, developer).
// Pure string work: must not import sources, platform SDKs or the rule tables.
import type { Direction } from "./types.js";

export type Scope = "global" | "data-zone" | "regional";
export type Mode = "standard" | "batch" | "provisioned" | "priority" | "developer";

export interface MeterWords {
  /** Model words left once billing markers are gone, lowercase: ["gpt", "4o", "mini"], ["5.1", "codex"]. */
  words: string[];
  /** null when the meter name says nothing about direction. */
  direction: Direction | null;
  scope: Scope | null;
  mode: Mode | null;
  /** Tokens per unit the name itself announces ("1M Tokens" -> 1e6), or null. */
  blockHint: number | null;
}

type Marker = { direction: "input" | "output" } | { cached: true } | { write: true } | { scope: Scope } | { mode: Mode } | { drop: true };

// Abbreviations seen in Azure's price list (test/fixtures/reference/meters/retail); extend here.
const MARKERS = new Map<string, Marker>();
const mark = (words: string, m: Marker) => words.split(" ").forEach((w) => MARKERS.set(w, m));
mark("inp input inpt inpu in", { direction: "input" });
mark("outp output outpt opt out otpt outpu ouput", { direction: "output" });
mark("cached cchd cache cach cachd cd cched ccchd", { cached: true });
mark("wr write", { write: true });
mark("glbl global gl glb gbl", { scope: "global" });
mark("dzone dz dzn datazone", { scope: "data-zone" });
mark("regnl regional rgnl regn reg rg", { scope: "regional" });
mark("batch btch", { mode: "batch" });
mark("provisioned ptu", { mode: "provisioned" });
mark("pp priority", { mode: "priority" });
mark("dev developer", { mode: "developer" });
// Context-length tiers, fine-tuning stages, grader use and unit words do not change the model.
mark("tokens token tkns tok tkn 1k 1m std standard shortco longco ft finetuned hosting hstng trng training", { drop: true });
mark("rft unit units ep annot grader grdr mdl deployment paygo inference", { drop: true });

const UNIT_NOUNS = /^(pages?|images?|characters?|calls?|sessions?|search|seconds?|video|gb|units?)$/;

// A version date: mmdd ("0513", "125" for 0125) or mmddyyyy ("05052026"). "2411"/"2512" (yymm,
// Mistral) are not dates and stay.
const DATE = /^((0?[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])20\d\d)$/;

/** The name's words, lowercase, with camelCase, glued versions and punctuation split apart. */
function meterTokens(meterName: string): string[] {
  return meterName
    .replace(/(short|long)co\b/gi, " ")
    .replace(/\bMoE\b/g, "moe")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/\bgpt(?=\d)/g, "gpt ")
    .replace(/\b(4o)(mini)\b/g, "$1 $2")
    .replace(/\b(aud|txt|img)(?=\d)/g, "$1 ")
    .replace(/\b(trb|turbo)(?=\d)/g, "$1 ")
    .replace(/\b20\d\d[-_ ]\d\d[-_ ]\d\d\b/g, " ")
    .replace(/[-_/,()]+/g, " ")
    .replace(/\bdata zone\b/g, "dzone")
    .replace(/\bpriority processing\b/g, "pp")
    .replace(/\bhigh res\b/g, " ")
    .replace(/\bmodel (?=grader|ft\b|in\b|out\b)/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Reads the markers out of a meter name. Never throws; unknown words stay in `words`. */
export function splitMeterName(meterName: string): MeterWords {
  const lower = meterName.toLowerCase();
  const blockHint = /\b1m tokens?\b/.test(lower) ? 1e6 : /\b1k tokens?\b/.test(lower) ? 1000 : null;
  let direction: "input" | "output" | null = null;
  let cached = false;
  let write = false;
  let scope: Scope | null = null;
  let mode: Mode | null = null;
  const words: string[] = [];
  const tokens = meterTokens(meterName);
  // The last word often names what is counted ("... glbl Pages", "... Search"), not the model.
  if (UNIT_NOUNS.test(tokens[tokens.length - 1] ?? "")) tokens.pop();
  for (const w of tokens) {
    const m = MARKERS.get(w);
    if (!m) {
      if (!DATE.test(w)) words.push(w);
    } else if ("direction" in m) direction ??= m.direction;
    else if ("cached" in m) cached = true;
    else if ("write" in m) write = true;
    else if ("scope" in m) scope = m.scope;
    else if ("mode" in m) mode = strongerMode(mode, m.mode);
  }
  // "Cd Wr" is a cache write: billed as input, not as the discounted cached read.
  const dir: Direction | null = cached && !write ? "cached-input" : cached && write ? "input" : direction;
  return { words, direction: dir, scope, mode, blockHint };
}

// "Batch ... pp" stays batch and "provisioned ... batch" stays PTU: the rarer mode wins.
function strongerMode(a: Mode | null, b: Mode): Mode {
  const rank = (k: Mode | null) => (k === "provisioned" ? 4 : k === "batch" ? 3 : k === "developer" ? 2 : k ? 1 : 0);
  return rank(b) >= rank(a) ? b : (a as Mode);
}

/** "global-batch", "data-zone-provisioned", "regional-standard"; the mode alone without a scope. */
export function deploymentType(scope: Scope | null, mode: Mode | null): string {
  const m = mode ?? "standard";
  return scope ? `${scope}-${m}` : m;
}
