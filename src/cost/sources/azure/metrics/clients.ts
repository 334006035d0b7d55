// Builds the two SDK clients the usage metrics need — ARM Cognitive Services (accounts,
// deployments) and the Azure Monitor metrics batch client — with the cost source's credential and
// endpoint rules: a static token or DefaultAzureCredential, plain http only for loopback fakes.
import { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import type { TokenCredential } from "@azure/core-auth";
import { bearerTokenAuthenticationPolicyName, type Pipeline } from "@azure/core-rest-pipeline";
import { DefaultAzureCredential } from "@azure/identity";
import { MetricsClient } from "@azure/monitor-query-metrics";
import { loopbackSigningPolicy, parseEndpoint, PUBLIC_ARM, staticTokenCredential } from "../client.js";

/** ARM api-version of the account and deployment lists (the shapes in our reference examples). */
export const COGNITIVE_API_VERSION = "2024-10-01";
const METRICS_AUDIENCE = "https://metrics.monitor.azure.com";

export interface MetricsClientsOptions {
  endpoint?: string;
  credential?: TokenCredential;
  staticToken?: string;
}

export interface MetricsClients {
  cognitive(subscriptionId: string): CognitiveServicesManagementClient;
  /** The batch client for one region (`https://{region}.metrics.monitor.azure.com`). */
  metrics(region: string): MetricsClient;
  /** HTTP requests sent (each retry counts). */
  readonly requests: number;
}

export function createMetricsClients(opts: MetricsClientsOptions = {}): MetricsClients {
  const base = parseEndpoint(opts.endpoint ?? PUBLIC_ARM);
  const insecure = base.protocol === "http:";
  const credential = opts.credential ?? (opts.staticToken ? staticTokenCredential(opts.staticToken) : new DefaultAzureCredential());
  let requests = 0;
  const prepare = (pipeline: Pipeline, scopes: string[]) => {
    pipeline.addPolicy({ name: "costbotCount", sendRequest: (req, next) => (requests++, next(req)) });
    if (!insecure) return;
    // The SDKs' bearer policies refuse plain http; a loopback fake gets the token this way.
    pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
    pipeline.addPolicy(loopbackSigningPolicy(credential, scopes), { phase: "Sign" });
  };
  const armScopes = [`${insecure ? PUBLIC_ARM : base.origin}/.default`];
  const cognitive = new Map<string, CognitiveServicesManagementClient>();
  const metrics = new Map<string, MetricsClient>();
  return {
    get requests() {
      return requests;
    },
    cognitive(subscriptionId) {
      let c = cognitive.get(subscriptionId);
      if (!c) {
        c = new CognitiveServicesManagementClient(credential, subscriptionId, {
          endpoint: base.origin, credentialScopes: armScopes, allowInsecureConnection: insecure,
          apiVersion: COGNITIVE_API_VERSION, userAgentOptions: { userAgentPrefix: "costbot" },
        });
        prepare(c.pipeline, armScopes);
        cognitive.set(subscriptionId, c);
      }
      return c;
    },
    metrics(region) {
      let c = metrics.get(region);
      if (!c) {
        // A loopback fake stands in for every regional endpoint.
        const endpoint = insecure ? base.origin : `https://${region}.metrics.monitor.azure.com`;
        const scopes = [`${METRICS_AUDIENCE}/.default`];
        c = new MetricsClient(endpoint, credential, {
          audience: `${METRICS_AUDIENCE}/.default`, allowInsecureConnection: insecure, userAgentOptions: { userAgentPrefix: "costbot" },
        });
        prepare(c.pipeline, scopes);
        metrics.set(region, c);
      }
      return c;
    },
  };
}
