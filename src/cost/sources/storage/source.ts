// CostSource over Cost Management exports in Azure Storage: syncs the latest complete runs into a
// local cache, keeps their aggregated rows in memory and answers from them; a sync older than
// `syncEveryMs` starts the next one in the background (the server also syncs on a timer).
import { CostbotError } from "../../../base/errors.js";
import { createFileListCostSource, filesFingerprint, mb, type ExportFile } from "../export/index.js";
import type { CostQuery, CostResult, CostSource, CostType } from "../../types.js";
import type { Fingerprinted } from "../cached.js";
import { openContainer } from "./client.js";
import type { StorageLocation } from "./location.js";
import { syncExport, type SyncProgress, type SyncResult } from "./sync.js";

export interface StorageSourceOptions {
  location: StorageLocation;
  connectionString?: string;
  cacheDir: string;
  costType?: CostType;
  /** How old a sync may get before the next one starts (default one hour). */
  syncEveryMs?: number;
  clock?: () => Date;
  onProgress?: (p: SyncProgress) => void;
  /** The CLI's progress line. */
  progress?: (line: string) => void;
  /** One question, then exit (the CLI): files are read for what the question needs, not folded whole. */
  oneShot?: boolean;
  /** Told about each finished sync (the server logs it); `changed`: it found other files than the sync before (a new run). */
  onSynced?: (r: SyncResult, ms: number, changed: boolean) => void;
  /** Server: sync at start and every `syncEveryMs`, told through onSynced / onSyncFailed. */
  syncInBackground?: { onSyncFailed: (err: CostbotError) => void };
}

export interface StorageCostSource extends CostSource, Fingerprinted {
  /** Syncs now (coalesced with a sync already running). */
  sync(): Promise<SyncResult>;
}

const HOUR = 3_600_000;

export function createStorageCostSource(opts: StorageSourceOptions): StorageCostSource {
  const now = () => (opts.clock ? opts.clock() : new Date()).getTime();
  const every = opts.syncEveryMs ?? HOUR;
  let current: { result: SyncResult; at: number } | null = null;
  let running: Promise<SyncResult> | null = null;
  let lastError: CostbotError | null = null;

  const sync = (): Promise<SyncResult> => {
    running ??= (async () => {
      const started = Date.now();
      try {
        const container = openContainer(opts.location, opts.connectionString);
        // The files of the sync before stay in the cache until the next one: a question may be reading them.
        const inUse = new Set(current?.result.files.map((f) => f.label) ?? []);
        const result = await syncExport(
          container,
          opts.location,
          opts.cacheDir,
          (p) => {
            opts.onProgress?.(p);
            opts.progress?.(progressLine(opts.location.shown, p));
          },
          inUse,
        );
        const changed = current !== null && filesFingerprint(current.result.files) !== filesFingerprint(result.files);
        current = { result, at: now() };
        lastError = null;
        opts.onSynced?.(result, Date.now() - started, changed);
        return result;
      } catch (err) {
        lastError = err instanceof CostbotError ? err : new CostbotError(String(err), "SOURCE_FAILED", { cause: err });
        throw lastError;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  /** Synced once before the first answer; a sync older than `every` starts the next in the background. */
  const synced = async (): Promise<void> => {
    if (!current) await sync();
    else if (now() - current.at >= every && !running) sync().catch(() => {});
  };
  const files = async (): Promise<ExportFile[]> => (current ?? { result: await sync() }).result.files;
  const inner = createFileListCostSource(`Azure Storage ${opts.location.shown}`, files, opts.costType, opts.progress, opts.oneShot);

  if (opts.syncInBackground) {
    const { onSyncFailed } = opts.syncInBackground;
    const tick = () => void sync().catch((err: CostbotError) => onSyncFailed(err));
    tick();
    setInterval(tick, every).unref();
  }

  return {
    name: inner.name,
    sync,
    // The one cache's key: the synced files' sizes and mtimes, and what the answers say about syncs.
    async fingerprint() {
      await synced();
      return [await inner.fingerprint(), ...current!.result.warnings, lastError?.message ?? ""].join("\u0003");
    },
    async query(q: CostQuery): Promise<CostResult> {
      await synced();
      const answer = await inner.query(q);
      const warnings = [...current!.result.warnings, ...answer.warnings];
      if (lastError) warnings.push(`The last sync from Azure Storage failed (${lastError.message}); answering from the previous one.`);
      return { ...answer, warnings };
    },
  };
}

/** The CLI's line for a sync step: blobs listed, or files and bytes downloaded (and the blob downloading now). */
function progressLine(where: string, p: SyncProgress): string {
  if (p.phase === "listing") return `syncing ${where}: ${p.done} blobs listed`;
  const now = p.current ? `; now ${p.current.name.split("/").pop()}, ${mb(p.current.loaded, 1)} of ${mb(p.current.size, 1)}` : "";
  return `syncing ${where}: ${p.done}/${p.total} files, ${mb(p.bytes, 1)} downloaded${now}`;
}
