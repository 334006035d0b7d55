// Builds the Azure source from configuration (scopes, endpoint, token); loaded only when asked for,
// so the CLI on demo or export data never loads the Azure SDK.
import { CostbotError } from "../../base/errors.js";
import type { CostSource } from "../types.js";
import type { SourceOptions } from "./options.js";

export async function createAzureSourceFromConfig(opts: SourceOptions): Promise<CostSource> {
  if (!opts.scopes?.length) {
    throw new CostbotError(
      "COSTBOT_SCOPES is not set: name the Azure scopes to read, e.g. COSTBOT_SCOPES=/subscriptions/<id>/resourceGroups/<rg>",
      "CONFIG",
    );
  }
  const { createAzureCostSource } = await import("./azure/index.js");
  return createAzureCostSource({
    scopes: opts.scopes,
    endpoint: opts.azure?.resourceManagerUrl,
    staticToken: opts.azure?.staticToken,
    costType: opts.costType,
    clock: opts.clock,
  });
}
