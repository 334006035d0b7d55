// Picks the cost source a user named: "demo", "azure", an Azure Storage export location, or a path
// to an export file or folder.
// The only place that knows every source; adapters and the CLI call this. Every source is built
// with the same two wrappers: health (what /healthz reports) and the one cache in front of it.
import { existsSync } from "node:fs";
import { CostbotError } from "../../base/errors.js";
import type { CostSource } from "../types.js";
import { cachedSource } from "./cached.js";
import { createDemoCostSource } from "./demo.js";
import { createExportCostSource } from "./export/index.js";
import { looksLikeUrl, parseStorageLocation } from "./storage/location.js";
import type { SourceOptions } from "./options.js";
import { watchedSource } from "./watched.js";

export async function createCostSource(spec: string, opts: SourceOptions = {}): Promise<CostSource> {
  const source = await createBareSource(spec, opts);
  // Health inside the cache: /healthz tells how the source's own last query went, not a kept answer.
  return cachedSource(watchedSource(source), { ttlMs: opts.cacheTtlMs, ...(opts.clock ? { nowMs: () => opts.clock!().getTime() } : {}) });
}

async function createBareSource(spec: string, opts: SourceOptions): Promise<CostSource> {
  if (spec === "demo") return createDemoCostSource({ clock: opts.clock });
  if (spec === "azure") {
    const { createAzureSourceFromConfig } = await import("./azure-config.js");
    return createAzureSourceFromConfig(opts);
  }
  if (looksLikeUrl(spec)) {
    const location = parseStorageLocation(spec);
    const { createStorageCostSource } = await import("./storage/source.js");
    const storage = opts.storage ?? { cacheDir: "./data/exports-cache", syncEveryMs: 3_600_000 };
    return createStorageCostSource({
      location,
      ...storage,
      costType: opts.costType,
      clock: opts.clock,
      progress: opts.progress,
      oneShot: opts.oneShot,
      ...opts.storageEvents,
    });
  }
  if (!existsSync(spec)) {
    throw new CostbotError(
      `No export file or folder at "${spec}". Use --source demo, --source azure, or the path of an Azure cost export (.csv, .csv.gz, .parquet or a folder), or https://<account>.blob.core.windows.net/<container>/<folder>.`,
      "NOT_FOUND",
    );
  }
  return createExportCostSource({ path: spec, costType: opts.costType, progress: opts.progress, oneShot: opts.oneShot });
}
