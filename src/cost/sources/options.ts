// How a cost source is asked to be built (from config or the CLI), shared by the source factory
// and the Azure wiring. Types only.
import type { CostType } from "../types.js";
import type { StorageSourceOptions } from "./storage/source.js";

export interface SourceOptions {
  costType?: CostType;
  clock?: () => Date;
  /** How long an answer is reused for the same question and data (default one minute; 0 turns it off). */
  cacheTtlMs?: number;
  /** Azure scopes (COSTBOT_SCOPES) for `azure`. */
  scopes?: string[];
  azure?: { resourceManagerUrl: string; staticToken?: string };
  /** For an Azure Storage location (config.storage), plus what the server wants told. */
  storage?: { connectionString?: string; cacheDir: string; syncEveryMs: number };
  /**
   * One question, then exit (the CLI): an export file is read for what that question needs (for
   * most, meter columns only), not folded whole and kept for questions to come as a server does.
   */
  oneShot?: boolean;
  /** Told what long work (syncing, reading an export) is doing, as one line of text. */
  progress?: (line: string) => void;
  storageEvents?: Pick<StorageSourceOptions, "onProgress" | "onSynced" | "syncInBackground">;
}
