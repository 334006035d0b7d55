// Keeps datasets apart: each export file is actual cost, amortized cost or FOCUS (from its header,
// its manifest or its path), and a question is answered from one dataset only, never a sum of
// several. Must not import platform SDKs.
import { CostbotError } from "../../../base/errors.js";
import type { CostType } from "../../types.js";
import { shown, type Dataset, type ExportFile } from "./files.js";
import { holdsFromPath, type ColumnPlan } from "./format.js";

export interface Identified {
  file: ExportFile;
  plan: ColumnPlan;
  dataset: Dataset | "unknown";
}

export interface Choice {
  files: Identified[];
  warnings: string[];
}

/** What a file holds: FOCUS from its header; EA/MCA from its manifest, else its path words. */
export function identify(file: ExportFile, plan: ColumnPlan): Dataset | "unknown" {
  if (plan.format === "focus") return "focus";
  if (file.dataset && file.dataset !== "focus") return file.dataset;
  return holdsFromPath(file.label);
}

const NAME: Record<Dataset, string> = { actual: "actual-cost", amortized: "amortized-cost", focus: "FOCUS" };

/**
 * Picks the files answering a question about `costType`. One dataset: all files (with a warning
 * when it holds the other cost type). Several: the one matching the cost type (EA/MCA first, then
 * FOCUS), naming the files left out. Refuses when a file's dataset cannot be told among others.
 */
export function chooseDataset(all: Identified[], costType: CostType): Choice {
  const known = new Set(all.map((f) => f.dataset).filter((d): d is Dataset => d !== "unknown"));
  const unknown = all.filter((f) => f.dataset === "unknown");
  if (known.size === 0) return single(all, costType);
  if (unknown.length > 0) {
    throw new CostbotError(
      `Cannot tell whether ${names(unknown.map((f) => shown(f.file)))} ${unknown.length === 1 ? "holds" : "hold"} actual or amortized costs, ` +
        `beside ${[...known].map((d) => NAME[d]).join(" and ")} data; put each export in its own folder (or name it Actual/Amortized) and point costbot at one.`,
      "BAD_INPUT",
    );
  }
  if (known.size === 1) return single(all, costType);
  const pick: Dataset = known.has(costType) ? costType : "focus";
  const files = all.filter((f) => f.dataset === pick);
  const left = all.filter((f) => f.dataset !== pick);
  const kinds = [...new Set(left.map((f) => NAME[f.dataset as Dataset]))].join(" and ");
  return {
    files,
    warnings: [`Answered from the ${NAME[pick]} export only; left out ${kinds} data, never added to it: ${names(left.map((f) => shown(f.file)))}.`],
  };
}

function single(files: Identified[], costType: CostType): Choice {
  const warnings: string[] = [];
  const other = costType === "actual" ? "amortized" : "actual";
  const mismatched = files.filter((f) => f.dataset === other).map((f) => shown(f.file));
  if (mismatched.length > 0) {
    warnings.push(
      `${list(mismatched)} ${mismatched.length === 1 ? "holds" : "hold"} ${other} costs, not the ${costType} costs asked for; showing ${other} costs.`,
    );
  }
  const undetermined = costType === "amortized" ? files.filter((f) => f.dataset === "unknown").map((f) => shown(f.file)) : [];
  if (undetermined.length > 0) {
    warnings.push(
      `Cannot tell whether ${list(undetermined)} ${undetermined.length === 1 ? "holds" : "hold"} actual or amortized costs (the export's name or folder does not say); amounts are shown as exported.`,
    );
  }
  return { files, warnings };
}

function list(paths: string[]): string {
  return paths.length === 1 ? paths[0] : `${paths.length} export files (e.g. ${paths[0]})`;
}

/** Names every file, up to five. */
function names(paths: string[]): string {
  return paths.length <= 5 ? paths.join(", ") : `${paths.slice(0, 5).join(", ")} and ${paths.length - 5} more`;
}
