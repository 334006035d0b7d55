// Lists the AI accounts (kind AIServices or OpenAI) in the configured scopes through ARM, and each
// account's deployments. Failures become warnings naming the scope and the role it needs.
import type { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import type { DeploymentInfo } from "../../../metrics/types.js";
import type { AzureScope } from "../scopes.js";
import type { MetricsClients } from "./clients.js";
import { describeFailure } from "./failures.js";

/** Account kinds that host model deployments (Foundry / AI Services and Azure OpenAI). */
const AI_KINDS = new Set(["aiservices", "openai"]);

export interface AiAccount {
  /** ARM id, lower case (the batch API wants lower-case resource ids). */
  id: string;
  subscriptionId: string;
  region: string;
  deployments: DeploymentInfo[];
}

export interface Discovery {
  accounts: AiAccount[];
  warnings: string[];
}

export async function discoverAccounts(clients: MetricsClients, scopes: AzureScope[]): Promise<Discovery> {
  const warnings: string[] = [];
  const found = new Map<string, AiAccount>();
  await Promise.all(
    scopes.map(async (scope) => {
      const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?(\/providers\/.+)?$/i.exec(scope.id);
      if (!m) return; // billing scopes have no resources to list
      const [, sub, rg] = m;
      const client = clients.cognitive(sub);
      try {
        const pages = rg ? client.accounts.listByResourceGroup(rg) : client.accounts.list();
        for await (const a of pages) {
          if (!a.id || !AI_KINDS.has((a.kind ?? "").toLowerCase())) continue;
          const id = a.id.toLowerCase();
          if (scope.kind === "resource" && id !== scope.id.toLowerCase()) continue;
          found.set(id, { id, subscriptionId: sub, region: (a.location ?? "global").toLowerCase(), deployments: [] });
        }
      } catch (e) {
        warnings.push(`Could not list AI accounts in ${scope.id}: ${describeFailure(e, "Reader")}`);
      }
    }),
  );
  const accounts = [...found.values()];
  await Promise.all(
    accounts.map(async (acct) => {
      try {
        acct.deployments = await listDeployments(clients.cognitive(acct.subscriptionId), acct.id);
      } catch (e) {
        warnings.push(`Could not list deployments of ${accountName(acct.id)}: ${describeFailure(e, "Reader")}`);
      }
    }),
  );
  return { accounts, warnings };
}

async function listDeployments(client: CognitiveServicesManagementClient, accountId: string): Promise<DeploymentInfo[]> {
  const m = /\/resourcegroups\/([^/]+)\/providers\/microsoft\.cognitiveservices\/accounts\/([^/]+)$/i.exec(accountId);
  if (!m) return [];
  const out: DeploymentInfo[] = [];
  for await (const d of client.deployments.list(m[1], m[2])) {
    if (!d.name) continue;
    out.push({
      account: accountId,
      name: d.name,
      model: modelKey(d.properties?.model?.name ?? d.name),
      modelVersion: d.properties?.model?.version ?? "",
      type: d.sku?.name ?? "unknown",
    });
  }
  return out;
}

/** Model as the cost data names it: lower case (`Mistral-Large-2411` → `mistral-large-2411`). */
export const modelKey = (name: string) => name.trim().toLowerCase();
export const accountName = (id: string) => id.split("/").pop() ?? id;
