// Builds the two SDK clients the usage metrics need — ARM Cognitive Services (accounts,
// deployments) and the Azure Monitor metrics batch client — with the cost source's credential and
// endpoint rules: a static token or DefaultAzureCredential, plain http only for loopback fakes.
// The metrics endpoint is regional and per cloud: derived from the ARM endpoint's cloud.
import { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import type { TokenCredential } from "@azure/core-auth";
import { bearerTokenAuthenticationPolicyName, type HttpClient, type Pipeline } from "@azure/core-rest-pipeline";
import { DefaultAzureCredential } from "@azure/identity";
import { KnownMonitorMetricsQueryAudience, MetricsClient } from "@azure/monitor-query-metrics";
import { CostbotError } from "../../../../base/errors.js";
import { loopbackSigningPolicy, parseEndpoint, PUBLIC_ARM, staticTokenCredential } from "../client.js";

/** ARM api-version of the account and deployment lists (the shapes in our reference examples). */
const COGNITIVE_API_VERSION = "2024-10-01";

/**
 * The metrics batch API per cloud, by ARM host: `https://{region}.{host}` and the token audience.
 * Public: the batch API's documented scope. Government and China: the SDK's own known audiences
 * (KnownMonitorMetricsQueryAudience), the same ARM audience the cost source uses there.
 */
const METRICS_CLOUDS: Record<string, { host: string; audience: string }> = {
  "management.azure.com": { host: "metrics.monitor.azure.com", audience: "https://metrics.monitor.azure.com" },
  "management.usgovcloudapi.net": { host: "metrics.monitor.azure.us", audience: KnownMonitorMetricsQueryAudience.AzureGovernment },
  "management.chinacloudapi.cn": { host: "metrics.monitor.azure.cn", audience: KnownMonitorMetricsQueryAudience.AzureChina },
};

export interface MetricsClientsOptions {
  endpoint?: string;
  credential?: TokenCredential;
  staticToken?: string;
  /** Tests without a server: the SDKs' own transport seam (real endpoints and auth kept). */
  httpClient?: HttpClient;
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
          endpoint: base.origin,
          credentialScopes: armScopes,
          allowInsecureConnection: insecure,
          apiVersion: COGNITIVE_API_VERSION,
          userAgentOptions: { userAgentPrefix: "costbot" },
          ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
        });
        prepare(c.pipeline, armScopes);
        cognitive.set(subscriptionId, c);
      }
      return c;
    },
    metrics(region) {
      let c = metrics.get(region);
      if (!c) {
        // A loopback fake stands in for every regional endpoint (and any cloud).
        const cloud = insecure ? METRICS_CLOUDS["management.azure.com"] : METRICS_CLOUDS[base.hostname.toLowerCase()];
        if (!cloud) {
          throw new CostbotError(
            `no Azure Monitor metrics endpoint known for the cloud of AZURE_RESOURCE_MANAGER_URL (${base.origin}); costbot knows Azure public, Azure Government and Azure China.`,
            "CONFIG",
          );
        }
        const endpoint = insecure ? base.origin : `https://${region}.${cloud.host}`;
        const scopes = [`${cloud.audience}/.default`];
        c = new MetricsClient(endpoint, credential, {
          audience: scopes[0],
          allowInsecureConnection: insecure,
          userAgentOptions: { userAgentPrefix: "costbot" },
          ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
        });
        prepare(c.pipeline, scopes);
        metrics.set(region, c);
      }
      return c;
    },
  };
}
