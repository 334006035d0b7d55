// Turns what Azure answered (status, error body, throttling headers) into errors a user can act on.
// No SDK imports: works on plain status/body/header values.
import { CostbotError } from "../../../base/errors.js";
import { throttleWaitMs } from "./retry-policy.js";

/** A non-success answer from ARM, kept raw so callers can decide (grouping fallback, 424, stale data). */
export class AzureHttpError extends Error {
  constructor(
    readonly status: number,
    readonly azureCode: string | undefined,
    readonly azureMessage: string,
    /** How long Azure asked us to wait (429), in ms. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}${azureCode ? ` ${azureCode}` : ""}: ${azureMessage}`);
    this.name = "AzureHttpError";
  }
}

/** Reads `{"error":{"code","message"}}` (ARM's error shape); falls back to the raw text. */
export function azureHttpError(status: number, bodyText: string | undefined, header: (n: string) => string | undefined): AzureHttpError {
  let code: string | undefined;
  let message = (bodyText ?? "").trim().slice(0, 500);
  try {
    const err = JSON.parse(bodyText ?? "")?.error;
    if (err && typeof err === "object") {
      code = typeof err.code === "string" ? err.code : undefined;
      if (typeof err.message === "string") message = err.message.trim();
    }
  } catch {
    // not JSON: keep the text
  }
  return new AzureHttpError(status, code, message, status === 429 ? throttleWaitMs(header) : undefined);
}

/** What a user reads when `what` (a query, the forecast, budgets) failed for `scope`. */
export function toCostbotError(err: unknown, scope: string, what: string): CostbotError {
  if (err instanceof CostbotError) return err;
  if (err instanceof AzureHttpError) {
    const said = err.azureMessage ? ` Azure said: ${err.azureMessage}` : "";
    switch (err.status) {
      case 401:
        return new CostbotError(
          `Azure did not accept costbot's credentials for ${scope} (401). Sign in as an identity (az login, service principal ` +
            `or managed identity) that has the Cost Management Reader role on ${scope}.${said}`,
          "FORBIDDEN",
          { cause: err },
        );
      case 403:
        return new CostbotError(
          `costbot's identity may not read costs of ${scope} (403): it needs the Cost Management Reader role on ${scope}.${said}`,
          "FORBIDDEN",
          { cause: err },
        );
      case 404:
        return new CostbotError(`Azure does not know the scope ${scope} (404): check COSTBOT_SCOPES.${said}`, "NOT_FOUND", { cause: err });
      case 429: {
        const wait = err.retryAfterMs !== undefined ? ` Try again in ${Math.ceil(err.retryAfterMs / 1000)} s.` : "";
        return new CostbotError(`Azure Cost Management is throttling ${what} for ${scope} (429).${wait}`, "THROTTLED", { cause: err });
      }
      default:
        return new CostbotError(`Azure Cost Management failed ${what} for ${scope} (HTTP ${err.status}).${said}`, "SOURCE_FAILED", { cause: err });
    }
  }
  const name = (err as { name?: string } | undefined)?.name;
  const text = (err as Error)?.message ?? String(err);
  const why =
    name === "AbortError"
      ? "did not answer in time"
      : name === "RestError"
        ? `could not be reached (${text})`
        : name === "AggregateAuthenticationError" || name === "CredentialUnavailableError" || name === "AuthenticationError"
          ? `got no Azure credential (${text.split("\n")[0]}): run az login, set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET or COSTBOT_AZURE_TOKEN,`
          : `failed unexpectedly (${text})`;
  return new CostbotError(`Azure Cost Management ${why} for ${what} on ${scope}.`, "SOURCE_FAILED", { cause: err });
}
