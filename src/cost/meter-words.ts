// Splits an abbreviated AI meter name ("gpt-4o-mini-0718-Inp-glbl Tokens", "5 mini pp Inp Gl 1M
// Tokens") into model words plus the direction, deployment and block-size markers around them.
// Pure string work: must not import sources, platform SDKs or the rule table.
import type { DeploymentKind, Direction } from "./types.js";

export interface MeterWords {
  /** What is left once markers are gone, lowercase, space-separated: "gpt 4o mini", "5.1 codex". */
  words: string;
  /** null when the meter name says nothing about direction. */
  direction: Direction | null;
  /** null when the meter name says nothing about deployment type. */
  deployment: DeploymentKind | null;
  /** Tokens per unit the name itself announces ("1M Tokens" -> 1e6), or null. */
  blockHint: number | null;
}

type Marker =
  | { direction: "input" | "output" }
  | { cached: true }
  | { deployment: DeploymentKind }
  | { drop: true };

// Abbreviations seen in real and published meter names; extend here when a new one appears.
const MARKERS: Record<string, Marker> = {};
const mark = (words: string, m: Marker) => words.split(" ").forEach((w) => (MARKERS[w] = m));
mark("inp input inpt inpu", { direction: "input" });
mark("outp output outpt opt out otpt outpu ouput", { direction: "output" });
mark("cached cchd cache cach cachd", { cached: true });
mark("glbl global gl glb gbl", { deployment: "global" });
mark("dzone dz dzn datazone", { deployment: "data-zone" });
mark("regnl regional rgnl regn reg", { deployment: "regional" });
mark("batch btch", { deployment: "batch" });
mark("provisioned ptu", { deployment: "provisioned" });
// Pricing tier, priority processing, context length, fine-tuning and modality qualifiers do not
// change which model was used, so they are not part of the model key.
mark("tokens token tkns tok 1k 1m std standard pp priority shortco longco ft hosting hstng", { drop: true });
mark("trng training aud txt img paygo inference", { drop: true });

// A version date written as mmdd ("0513", "0718"); "2411" (yymm, Mistral) is not one and stays.
const MMDD = /^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/** Reads the markers out of a meter name. Never throws; unknown words stay in `words`. */
export function splitMeterName(meterName: string): MeterWords {
  const lower = meterName.toLowerCase();
  const blockHint = /\b1m tokens?\b/.test(lower) ? 1e6 : /\b1k tokens?\b/.test(lower) ? 1000 : null;
  const norm = lower
    .replace(/[-_/,()]+/g, " ")
    .replace(/\bdata zone\b/g, "dzone")
    .replace(/\bpriority processing\b/g, "pp")
    .replace(/\b20\d\d \d\d \d\d\b/g, " ");
  let direction: "input" | "output" | null = null;
  let cached = false;
  let deployment: DeploymentKind | null = null;
  const kept: string[] = [];
  for (const w of norm.split(/\s+/)) {
    if (w === "") continue;
    const m = Object.hasOwn(MARKERS, w) ? MARKERS[w] : undefined;
    if (!m) {
      if (!MMDD.test(w)) kept.push(w);
    } else if ("direction" in m) direction ??= m.direction;
    else if ("cached" in m) cached = true;
    else if ("deployment" in m) deployment = strongerDeployment(deployment, m.deployment);
  }
  return {
    words: kept.join(" "),
    direction: cached ? "cached-input" : direction,
    deployment,
    blockHint,
  };
}

// "Batch ... glbl" is a batch deployment, and "provisioned ... global" is PTU: the rarer kind wins.
function strongerDeployment(a: DeploymentKind | null, b: DeploymentKind): DeploymentKind {
  const rank = (k: DeploymentKind | null) => (k === "provisioned" ? 3 : k === "batch" ? 2 : k ? 1 : 0);
  return rank(b) >= rank(a) ? b : (a as DeploymentKind);
}
