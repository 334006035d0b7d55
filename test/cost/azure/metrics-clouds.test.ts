// Usage metrics in Azure Government and Azure China: the regional metrics batch endpoint and the
// token audience follow the cloud of AZURE_RESOURCE_MANAGER_URL, like the cost source. The real
// SDK clients run with their transport seam (an injected HttpClient), so real URLs and auth are
// kept and nothing leaves the machine. Expected hosts: the batch API's `https://{region}.metrics.
// monitor.azure.{com,us,cn}` and the SDK's KnownMonitorMetricsQueryAudience values.
import { createHttpHeaders, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { createAzureMetricsSource } from "../../../src/cost/sources/azure/metrics/index.js";
import { testCredential } from "./harness.js";

const SUB = "00000000-0000-4000-8000-000000000001";

/** Answers like ARM and the batch API (one account, no deployments, no metrics); records every request. */
function recordingClient(region: string) {
  const seen: Array<{ url: string; auth: string | undefined }> = [];
  const httpClient: HttpClient = {
    async sendRequest(request: PipelineRequest) {
      seen.push({ url: request.url, auth: request.headers.get("authorization") });
      const path = new URL(request.url).pathname;
      const body = /metrics:getBatch$/i.test(path)
        ? { values: [] }
        : /\/accounts$/i.test(path)
          ? {
              value: [
                {
                  id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ai`,
                  name: "ai",
                  kind: "AIServices",
                  location: region,
                },
              ],
            }
          : { value: [] };
      return { request, status: 200, headers: createHttpHeaders({ "content-type": "application/json" }), bodyAsText: JSON.stringify(body) };
    },
  };
  return { httpClient, seen };
}

describe("usage metrics in other clouds", () => {
  it.each([
    [
      "Azure Government",
      "https://management.usgovcloudapi.net",
      "usgovvirginia",
      "https://usgovvirginia.metrics.monitor.azure.us",
      "https://management.usgovcloudapi.net/.default",
    ],
    [
      "Azure China",
      "https://management.chinacloudapi.cn",
      "chinanorth3",
      "https://chinanorth3.metrics.monitor.azure.cn",
      "https://management.chinacloudapi.cn/.default",
    ],
    [
      "Azure public",
      "https://management.azure.com",
      "eastus",
      "https://eastus.metrics.monitor.azure.com",
      "https://metrics.monitor.azure.com/.default",
    ],
  ])(
    "%s: ARM at its own host, metrics at the region's endpoint of that cloud with its audience",
    async (_cloud, arm, region, metricsOrigin, metricsScope) => {
      const { httpClient, seen } = recordingClient(region);
      const credential = testCredential();
      const source = createAzureMetricsSource({ scopes: [`/subscriptions/${SUB}`], endpoint: arm, credential, httpClient });
      const r = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
      expect(r.warnings).toEqual([]);
      const origins = [...new Set(seen.map((s) => new URL(s.url).origin))];
      expect(origins).toEqual([arm, metricsOrigin]);
      expect(seen.every((s) => s.auth === "Bearer test-token")).toBe(true);
      expect(credential.calls.map((c) => c.join(" "))).toEqual(expect.arrayContaining([`${arm}/.default`, metricsScope]));
    },
  );

  it("says in one line that an unknown cloud has no usage metrics, and still answers", async () => {
    const { httpClient, seen } = recordingClient("local");
    const source = createAzureMetricsSource({
      scopes: [`/subscriptions/${SUB}`],
      endpoint: "https://management.local.azurestack.external",
      credential: testCredential(),
      httpClient,
    });
    const r = await source.usage({ from: "2026-11-27", to: "2026-11-27" });
    expect(r.usage).toEqual([]);
    expect(r.warnings).toEqual([
      "Usage metrics unavailable: no Azure Monitor metrics endpoint known for the cloud of AZURE_RESOURCE_MANAGER_URL (https://management.local.azurestack.external); costbot knows Azure public, Azure Government and Azure China.",
    ]);
    expect(seen.some((s) => s.url.includes("getBatch"))).toBe(false);
  });
});
