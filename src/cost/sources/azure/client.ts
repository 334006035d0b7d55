// Builds the CostManagementClient and its pipeline: credential (DefaultAzureCredential, a static
// token or the caller's), ClientType header, costbot's retry policy, http only for loopback fakes.
// The only file that constructs SDK objects; everything else goes through `ArmHttp`.
import { CostManagementClient } from "@azure/arm-costmanagement";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { bearerTokenAuthenticationPolicyName, createPipelineRequest, type PipelinePolicy, type PipelineResponse } from "@azure/core-rest-pipeline";
import { DefaultAzureCredential } from "@azure/identity";
import { CostbotError } from "../../../base/errors.js";
import { costbotRetryPolicy, type RetryOptions } from "./retry-policy.js";

export const PUBLIC_ARM = "https://management.azure.com";
/** core-rest-pipeline's name for its retry policy (not exported by the package root). */
const DEFAULT_RETRY_POLICY = "defaultRetryPolicy";

export interface ArmHttpOptions {
  endpoint?: string;
  credential?: TokenCredential;
  staticToken?: string;
  /** Cost Management api-version for query and forecast (the SDK's default, 2022-10-01). */
  apiVersion?: string;
  retry?: RetryOptions;
}

/** Sends ARM requests through the SDK client's pipeline (auth, retries, headers). */
export interface ArmHttp {
  readonly origin: string;
  readonly apiVersion: string;
  /** `{origin}/{scope}/{suffix}?api-version=...` */
  url(scope: string, suffix: string, apiVersion: string): string;
  /** A nextLink moved onto our endpoint: the token never goes to a host we were not configured for. */
  follow(link: string, apiVersion: string): string;
  send(method: "GET" | "POST", url: string, body?: unknown, abortSignal?: AbortSignal): Promise<PipelineResponse>;
  /** How many HTTP requests left the pipeline's retry policy (each attempt counts once). */
  readonly attempts: number;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function createArmHttp(opts: ArmHttpOptions = {}): ArmHttp {
  const base = parseEndpoint(opts.endpoint ?? PUBLIC_ARM);
  const insecure = base.protocol === "http:";
  const credential = opts.credential ?? (opts.staticToken ? staticTokenCredential(opts.staticToken) : new DefaultAzureCredential());
  // A test server or another cloud's endpoint is not the token audience the SDK would guess.
  const audience = insecure ? PUBLIC_ARM : base.origin;
  const credentialScopes = [`${audience}/.default`];
  const client = new CostManagementClient(credential, {
    endpoint: base.origin,
    credentialScopes,
    allowInsecureConnection: insecure,
    userAgentOptions: { userAgentPrefix: "costbot" },
  });
  let attempts = 0;
  client.pipeline.removePolicy({ name: DEFAULT_RETRY_POLICY });
  client.pipeline.addPolicy(costbotRetryPolicy(opts.retry), { phase: "Retry" });
  client.pipeline.addPolicy(
    headerPolicy(() => attempts++),
    { afterPhase: "Sign" },
  );
  if (insecure) {
    // The SDK's bearer policy refuses plain http even with allowInsecureConnection.
    client.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
    client.pipeline.addPolicy(loopbackSigningPolicy(credential, credentialScopes), { phase: "Sign" });
  }
  const apiVersion = opts.apiVersion ?? client.apiVersion;

  return {
    origin: base.origin,
    apiVersion,
    get attempts() {
      return attempts;
    },
    url: (scope, suffix, version) => `${base.origin}/${scope.replace(/^\/+/, "")}/${suffix}?api-version=${encodeURIComponent(version)}`,
    follow(link, version) {
      const u = new URL(link, base.origin);
      const out = new URL(u.pathname + u.search, base.origin);
      // Pages of one result must be read with the version that started it.
      out.searchParams.set("api-version", version);
      return out.toString();
    },
    send(method, url, body, abortSignal) {
      const request = createPipelineRequest({ url, method, abortSignal, allowInsecureConnection: insecure });
      request.headers.set("Accept", "application/json");
      if (body !== undefined) {
        request.headers.set("Content-Type", "application/json; charset=utf-8");
        request.body = JSON.stringify(body);
      }
      return client.sendRequest(request);
    },
  };
}

export function parseEndpoint(endpoint: string): URL {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    throw new CostbotError(`AZURE_RESOURCE_MANAGER_URL "${endpoint}" is not a URL.`, "CONFIG");
  }
  if (u.protocol === "https:") return u;
  if (u.protocol === "http:" && LOOPBACK.test(u.hostname)) return u;
  throw new CostbotError(
    `AZURE_RESOURCE_MANAGER_URL must use https (plain http is allowed only for localhost test servers): "${endpoint}".`,
    "CONFIG",
  );
}

/** A bearer token handed in as text (COSTBOT_AZURE_TOKEN, e.g. from `az account get-access-token`). */
export function staticTokenCredential(token: string): TokenCredential {
  const value = token.replace(/^Bearer\s+/i, "").trim();
  return {
    async getToken(): Promise<AccessToken> {
      return { token: value, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
}

function headerPolicy(count: () => void): PipelinePolicy {
  return {
    name: "costbotHeaders",
    sendRequest(request, next) {
      // Cost Management attributes load by ClientType; naming ourselves helps both sides.
      request.headers.set("ClientType", "costbot");
      count();
      return next(request);
    },
  };
}

export function loopbackSigningPolicy(credential: TokenCredential, scopes: string[]): PipelinePolicy {
  return {
    name: "costbotLoopbackSigning",
    async sendRequest(request, next) {
      const token = await credential.getToken(scopes, { abortSignal: request.abortSignal });
      if (token) request.headers.set("Authorization", `Bearer ${token.token}`);
      return next(request);
    },
  };
}
