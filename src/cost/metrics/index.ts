// Picks the usage-metrics source that goes with a cost source: demo metrics for demo data, Azure
// Monitor for `azure` (loaded only then), none for export files (they carry no live usage).
import type { SourceOptions } from "../sources/options.js";
import { createDemoMetricsSource } from "./demo.js";
import type { MetricsSource } from "./types.js";

export async function createMetricsSource(spec: string, opts: SourceOptions = {}): Promise<MetricsSource | undefined> {
  if (spec === "demo") return createDemoMetricsSource({ clock: opts.clock });
  if (spec === "azure" && opts.scopes?.length) {
    const { createAzureMetricsSource } = await import("../sources/azure/metrics/index.js");
    return createAzureMetricsSource({
      scopes: opts.scopes,
      endpoint: opts.azure?.resourceManagerUrl,
      staticToken: opts.azure?.staticToken,
      clock: opts.clock,
    });
  }
  return undefined;
}
