// Picks the cost source a user named: "demo", "azure", or a path to an export file or folder.
// The only place that knows every source; adapters and the CLI call this.
import { existsSync } from "node:fs";
import { CostbotError } from "../errors.js";
import type { CostSource, CostType } from "../types.js";
import { createDemoCostSource } from "./demo.js";
import { createExportCostSource } from "./export/index.js";

export interface SourceOptions {
  costType?: CostType;
  clock?: () => Date;
  /** Azure scopes (COSTBOT_SCOPES) for `azure`. */
  scopes?: string[];
  azure?: { resourceManagerUrl: string; staticToken?: string };
}

export async function createCostSource(spec: string, opts: SourceOptions = {}): Promise<CostSource> {
  if (spec === "demo") return createDemoCostSource({ clock: opts.clock });
  if (spec === "azure") {
    const { createAzureSourceFromConfig } = await import("./azure-config.js");
    return createAzureSourceFromConfig(opts);
  }
  if (!existsSync(spec)) {
    throw new CostbotError(
      `No export file or folder at "${spec}". Use --source demo, --source azure, or the path of an Azure cost export (.csv, .csv.gz or a folder).`,
      "NOT_FOUND",
    );
  }
  return createExportCostSource({ path: spec, costType: opts.costType });
}
