// Finds the export runs in a listing (a storage container's or a local folder's) by their
// manifest.json (not by folder depth) and picks, per scope, dataset and period, the latest complete
// run; a run whose manifest lists a blob that is not there is never read. Runs of several exports of
// one scope (a daily month-to-date and a monthly export, as FinOps hubs set up) hold the same costs:
// each day is read from the newest run covering it, never added twice. Older exports wrote one CSV
// per run straight into the month folder, without a manifest: the newest file there is that month's
// run. Pure: no SDK, no I/O. Must not import platform SDKs.
import { endOfMonth, shiftDays } from "../../../base/dates.js";
import { CostbotError } from "../../../base/errors.js";
import type { CostType } from "../../types.js";

/** What an export holds: one cost type of EA/MCA cost details, or FOCUS (both cost types). */
export type Dataset = CostType | "focus";

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

/** Inclusive ISO dates. */
export interface DayRange {
  from: string;
  to: string;
}

export interface Run {
  /** The run's manifest.json, or "" for an older export's run read by folder layout. */
  manifest: string;
  /** Scope (the export's resource id without the export) + dataset + period start: later runs of one key supersede earlier ones. */
  key: string;
  /** Scope + dataset: runs sharing it hold the same costs wherever their days overlap. */
  costs: string;
  /** The days the run covers, from its manifest (null without one). */
  days: DayRange | null;
  /** Days a newer run of the same scope and dataset covers: this run's rows for them are not read. */
  skip: DayRange[];
  /** From the manifest; undefined for a run without one (the file's header or path tells). */
  dataset?: Dataset;
  period: string;
  submitted: number;
  blobs: BlobInfo[];
  /**
   * Gzip blobs whose manifest byteCount is not their size: it may count the uncompressed bytes
   * (no captured gzip manifest says which), so it is checked against the file's gzip trailer
   * once downloaded (checkUnpackedSize).
   */
  unpacked: Record<string, number>;
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
function runOf(manifestName: string, m: Manifest, listing: Map<string, BlobInfo>): Run | null {
  const dataset = DATASETS[(m.exportConfig?.type ?? "").toLowerCase()];
  if (!dataset) return null;
  const folder = manifestName.slice(0, manifestName.lastIndexOf("/") + 1);
  // "<scope>/providers/Microsoft.CostManagement/exports/<name>": exports of one scope hold the same costs.
  const resourceId = (m.exportConfig?.resourceId ?? "").trim().toLowerCase();
  const scope = resourceId.split("/providers/microsoft.costmanagement/exports/")[0] || (m.exportConfig?.exportName || folder).toLowerCase();
  const start = isoDay(m.runInfo?.startDate);
  const period = start ?? folder;
  const submitted = Date.parse(m.runInfo?.submittedTime ?? "") || 0;
  const blobs: BlobInfo[] = [];
  const unpacked: Record<string, number> = {};
  let incomplete: string | null = null;
  const listed = m.blobs ?? [];
  for (const b of listed) {
    const found = find(b.blobName ?? "", folder, listing);
    if (!found) {
      incomplete ??= `${(b.blobName ?? "").trim()} is listed in ${manifestName} but not in the container`;
      continue;
    }
    if (typeof b.byteCount === "number" && b.byteCount > 0 && found.size !== b.byteCount) {
      if (/\.gz$/i.test(found.name) && b.byteCount > found.size) unpacked[found.name] = b.byteCount;
      else incomplete ??= `${found.name} has ${found.size} bytes, its manifest says ${b.byteCount}`;
    }
    blobs.push(found);
  }
  if (typeof m.blobCount === "number" && m.blobCount !== listed.length) {
    incomplete ??= `${manifestName} says ${m.blobCount} blobs but lists ${listed.length}`;
  }
  const end = isoDay(m.runInfo?.endDate);
  // Without a readable end (or with one before the start), a run covers the rest of its start's month.
  const days = start ? { from: start, to: end && end >= start ? end : endOfMonth(start) } : null;
  const costs = `${scope}|${dataset}`;
  return { manifest: manifestName, key: `${costs}|${period}`, costs, days, skip: [], dataset, period, submitted, blobs, unpacked, incomplete };
}

/** The date of a manifest timestamp as written ("2025-07-01T00:00:00", "...Z", "...+00:00"): UTC, so its first ten characters. */
function isoDay(stamp: string | undefined): string | null {
  const day = /^\s*(\d{4}-\d{2}-\d{2})/.exec(stamp ?? "")?.[1];
  return day ?? null;
}

/**
 * Each day to the newest chosen run covering it: an older run of the same scope and dataset keeps
 * only the days no newer one covers (its `skip` lists the others), and is dropped when none are left.
 */
function claimDays(runs: Run[]): Run[] {
  const newestFirst = [...runs].sort((a, b) => b.submitted - a.submitted || (a.manifest < b.manifest ? 1 : -1));
  const claimed = new Map<string, DayRange[]>();
  const kept = new Set<Run>();
  for (const r of newestFirst) {
    const taken = claimed.get(r.costs) ?? [];
    if (r.days) {
      const days = r.days;
      r.skip = taken.filter((t) => t.from <= days.to && t.to >= days.from).map((t) => ({ from: max(t.from, days.from), to: min(t.to, days.to) }));
      if (covered(days, r.skip)) continue;
      claimed.set(r.costs, [...taken, days]);
    }
    kept.add(r);
  }
  return runs.filter((r) => kept.has(r));
}

const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);

/** Whether `parts` (each within `range`) cover every day of it. */
function covered(range: DayRange, parts: DayRange[]): boolean {
  let next = range.from;
  for (const p of [...parts].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (p.from > next) return false;
    if (p.to >= next) next = shiftDays(p.to, 1);
  }
  return next > range.to;
}

/** The latest complete run per export and period; refuses when a period has no complete run. */
function selectRuns(runs: Run[], where: string): Selection {
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
      warnings.push(
        `Skipped the incomplete export run ${folderOf(newer[0].manifest)} (${newer[0].incomplete}); using the earlier run ${folderOf(complete.manifest)}.`,
      );
    }
    if (complete.blobs.length > 0) chosen.push(complete);
  }
  return { runs: claimDays(chosen).sort((a, b) => (a.manifest < b.manifest ? -1 : 1)), warnings };
}

function folderOf(manifest: string): string {
  return manifest.slice(0, manifest.lastIndexOf("/") + 1) || "/";
}

export const DATA_FILE = /\.(csv(\.gz)?|parquet)$/i;
const MONTH_FOLDER = /(^|\/)\d{8}-\d{8}\/$/;

/** What to do with data files that belong to no run: refuse (storage) or read them all (a local folder of files). */
export type LooseFiles = "refuse" | "read";

/**
 * The runs to read from a listing and its parsed manifests: the latest complete run per export
 * and period; an older export's month folder without a manifest by its newest file (with a
 * warning). Other data files that belong to no run are left out with a warning, or, when there is
 * no run at all, refused (`loose` "refuse") or returned as one run of their own ("read").
 */
export function chooseRuns(
  listing: Map<string, BlobInfo>,
  manifests: Array<{ name: string; manifest: Manifest }>,
  where: string,
  loose: LooseFiles,
): Selection {
  // A manifest.json that is no export's (neither exportConfig nor blobs) is a side file like any other.
  const exportManifests = manifests.filter((m) => m.manifest.exportConfig || m.manifest.blobs);
  const runs = exportManifests.map((m) => runOf(m.name, m.manifest, listing)).filter((r): r is Run => r !== null);
  const runFolders = exportManifests.map((m) => folderOf(m.name));
  const listed = new Set(runs.flatMap((r) => r.blobs.map((b) => b.name)));
  const stray = [...listing.values()].filter((b) => DATA_FILE.test(b.name) && !listed.has(b.name) && !runFolders.some((f) => b.name.startsWith(f)));
  const warnings: string[] = [];
  const byMonth = new Map<string, BlobInfo[]>();
  const other: BlobInfo[] = [];
  for (const b of stray) {
    const folder = folderOf(b.name);
    if (MONTH_FOLDER.test(folder)) byMonth.set(folder, [...(byMonth.get(folder) ?? []), b]);
    else other.push(b);
  }
  const legacy: Run[] = [];
  const shadowed: string[] = [];
  for (const [folder, files] of byMonth) {
    // A month folder that also holds runs with a manifest (below it) is read from those.
    if (runs.some((r) => r.manifest.startsWith(folder))) {
      shadowed.push(...files.map((f) => f.name));
      continue;
    }
    files.sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime() || (a.name < b.name ? 1 : -1));
    legacy.push({
      manifest: "",
      key: `folder|${folder}`,
      costs: `folder|${folder}`,
      days: null,
      skip: [],
      period: folder,
      submitted: files[0].lastModified.getTime(),
      blobs: [files[0]],
      unpacked: {},
      incomplete: null,
    });
  }
  if (legacy.length > 0) {
    const older = [...byMonth.values()].reduce((n, f) => n + f.length, 0) - legacy.length - shadowed.length;
    warnings.push(
      `Read ${legacy.length} export run(s) without manifest.json by folder layout (older exports write one file per run into the month folder): ` +
        `the newest file in each month folder, e.g. ${legacy[0].blobs[0].name}` +
        (older > 0 ? `; ${older} older file(s) there taken as superseded runs and left out.` : "."),
    );
  }
  if (shadowed.length > 0)
    warnings.push(`Left out ${shadowed.length} file(s) lying beside export runs with manifest.json in the same month folder, e.g. ${shadowed[0]}.`);
  if (runs.length + legacy.length === 0 && other.length > 0) {
    if (loose === "read")
      return {
        runs: [
          {
            manifest: "",
            key: "files",
            costs: "files",
            days: null,
            skip: [],
            period: "",
            submitted: 0,
            blobs: other,
            unpacked: {},
            incomplete: null,
          },
        ],
        warnings,
      };
    const folder = folderOf(other[0].name);
    throw new CostbotError(
      `No manifest.json beside the export files under ${where} (e.g. in ${folder}), and they are not in a month folder (YYYYMMDD-YYYYMMDD): ` +
        `costbot reads the runs Cost Management exports write, by their manifest.json (or an older export's one file per month folder); ` +
        `point it at the export's folder, or at a local copy of the files.`,
      "NOT_FOUND",
    );
  }
  if (other.length > 0)
    warnings.push(
      `Left out ${other.length} file(s) that belong to no export run (no manifest.json beside them, not in a month folder), e.g. ${other[0].name}.`,
    );
  const selection = selectRuns([...runs, ...legacy], where);
  return { runs: selection.runs, warnings: [...selection.warnings, ...warnings] };
}

/** A manifest's text as JSON; one line naming it when it is not. */
export function parseManifest(text: string, name: string): Manifest {
  try {
    const m = JSON.parse(text.replace(/^\uFEFF/, "")) as Manifest;
    if (m && typeof m === "object") return m;
  } catch {
    // reported below
  }
  throw new CostbotError(`${name} is not a readable export manifest (JSON); nothing counted.`, "SOURCE_FAILED");
}

/** A manifest's blobName is the path inside the container; tolerate stray spaces and bare file names. */
function find(blobName: string, folder: string, listing: Map<string, BlobInfo>): BlobInfo | undefined {
  const trimmed = blobName
    .split("/")
    .map((s) => s.trim())
    .join("/")
    .replace(/^\/+/, "");
  return listing.get(blobName) ?? listing.get(trimmed) ?? listing.get(folder + trimmed.split("/").pop());
}
