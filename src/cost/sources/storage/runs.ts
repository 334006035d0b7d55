// Finds the export runs in a container listing by their manifest.json (not by folder depth) and
// picks, per export and period, the latest complete run; a run whose manifest lists a blob that is
// not there is never read. Pure: no SDK, no I/O. Must not import the Azure SDK.
import { CostbotError } from "../../../base/errors.js";
import type { Dataset } from "../export/index.js";

export interface BlobInfo {
  name: string;
  etag: string;
  size: number;
  lastModified: Date;
}

/** The parts of manifest.json costbot reads (see test/fixtures/reference/azure-storage-exports/LAYOUT.md). */
export interface Manifest {
  blobCount?: number | null;
  exportConfig?: { exportName?: string; resourceId?: string; type?: string } | null;
  runInfo?: { submittedTime?: string; runId?: string; startDate?: string; endDate?: string } | null;
  blobs?: Array<{ blobName?: string; byteCount?: number | null }> | null;
}

export interface Run {
  manifest: string;
  /** Export (resource id or name) + dataset + period start: later runs of one key supersede earlier ones. */
  key: string;
  dataset: Dataset;
  period: string;
  submitted: number;
  blobs: BlobInfo[];
  /** Why it cannot be read (a listed blob is missing or not fully written), else null. */
  incomplete: string | null;
}

export interface Selection {
  runs: Run[];
  warnings: string[];
}

const DATASETS: Record<string, Dataset> = { actualcost: "actual", usage: "actual", amortizedcost: "amortized", focuscost: "focus" };

export const isManifest = (name: string) => /(^|\/)manifest\.json$/i.test(name);

/** Reads one run from its manifest; null for runs that are not cost data (price sheets, reservations, ...). */
export function runOf(manifestName: string, m: Manifest, listing: Map<string, BlobInfo>): Run | null {
  const dataset = DATASETS[(m.exportConfig?.type ?? "").toLowerCase()];
  if (!dataset) return null;
  const folder = manifestName.slice(0, manifestName.lastIndexOf("/") + 1);
  const exportId = (m.exportConfig?.resourceId || m.exportConfig?.exportName || folder).toLowerCase();
  const period = (m.runInfo?.startDate ?? "").slice(0, 10) || folder;
  const submitted = Date.parse(m.runInfo?.submittedTime ?? "") || 0;
  const blobs: BlobInfo[] = [];
  let incomplete: string | null = null;
  const listed = m.blobs ?? [];
  for (const b of listed) {
    const found = find(b.blobName ?? "", folder, listing);
    if (!found) {
      incomplete ??= `${(b.blobName ?? "").trim()} is listed in ${manifestName} but not in the container`;
      continue;
    }
    if (typeof b.byteCount === "number" && b.byteCount > 0 && found.size !== b.byteCount) {
      incomplete ??= `${found.name} has ${found.size} bytes, its manifest says ${b.byteCount}`;
    }
    blobs.push(found);
  }
  if (typeof m.blobCount === "number" && m.blobCount !== listed.length) {
    incomplete ??= `${manifestName} says ${m.blobCount} blobs but lists ${listed.length}`;
  }
  return { manifest: manifestName, key: `${exportId}|${dataset}|${period}`, dataset, period, submitted, blobs, incomplete };
}

/** The latest complete run per export and period; refuses when a period has no complete run. */
export function selectRuns(runs: Run[], where: string): Selection {
  if (runs.length === 0) {
    throw new CostbotError(`No Cost Management export runs (manifest.json of actual, amortized or FOCUS cost) under ${where}.`, "NOT_FOUND");
  }
  const byKey = new Map<string, Run[]>();
  for (const r of runs) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const chosen: Run[] = [];
  const warnings: string[] = [];
  for (const group of byKey.values()) {
    group.sort((a, b) => b.submitted - a.submitted || (a.manifest < b.manifest ? 1 : -1));
    const complete = group.find((r) => r.incomplete === null);
    const newer = group.slice(0, complete ? group.indexOf(complete) : group.length);
    if (!complete) {
      throw new CostbotError(`No complete export run for ${group[0].period}: ${group[0].incomplete}; nothing counted.`, "SOURCE_FAILED");
    }
    if (newer.length > 0) {
      warnings.push(`Skipped the incomplete export run ${folderOf(newer[0].manifest)} (${newer[0].incomplete}); using the earlier run ${folderOf(complete.manifest)}.`);
    }
    if (complete.blobs.length > 0) chosen.push(complete);
  }
  chosen.sort((a, b) => (a.manifest < b.manifest ? -1 : 1));
  return { runs: chosen, warnings };
}

function folderOf(manifest: string): string {
  return manifest.slice(0, manifest.lastIndexOf("/") + 1) || "/";
}

/** A manifest's blobName is the path inside the container; tolerate stray spaces and bare file names. */
function find(blobName: string, folder: string, listing: Map<string, BlobInfo>): BlobInfo | undefined {
  const trimmed = blobName.split("/").map((s) => s.trim()).join("/").replace(/^\/+/, "");
  return listing.get(blobName) ?? listing.get(trimmed) ?? listing.get(folder + trimmed.split("/").pop());
}
