// Opens the container of a storage location with the credential the user gave: the URL's SAS,
// AZURE_STORAGE_CONNECTION_STRING (account key or SAS), else DefaultAzureCredential (role Storage
// Blob Data Reader). Turns storage failures into one line a user can act on.
import { DefaultAzureCredential } from "@azure/identity";
import { AnonymousCredential, ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { CostbotError } from "../../../base/errors.js";
import type { StorageLocation } from "./location.js";

const RETRY = { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 5_000 };

export function openContainer(loc: StorageLocation, connectionString?: string): ContainerClient {
  const url = `${loc.serviceUrl}/${encodeURIComponent(loc.container)}`;
  const options = { retryOptions: RETRY };
  if (loc.sas) return new ContainerClient(`${url}?${loc.sas}`, new AnonymousCredential(), options);
  if (connectionString) {
    const cs = parseConnectionString(connectionString);
    if (cs.SharedAccessSignature) return new ContainerClient(`${url}?${cs.SharedAccessSignature}`, new AnonymousCredential(), options);
    if (cs.AccountName && cs.AccountKey) {
      if (cs.AccountName.toLowerCase() !== loc.account.toLowerCase()) {
        throw new CostbotError(
          `AZURE_STORAGE_CONNECTION_STRING is for account ${cs.AccountName}, but the source is in account ${loc.account}.`,
          "CONFIG",
        );
      }
      return new ContainerClient(url, new StorageSharedKeyCredential(cs.AccountName, cs.AccountKey), options);
    }
    throw new CostbotError("AZURE_STORAGE_CONNECTION_STRING has neither AccountName + AccountKey nor SharedAccessSignature.", "CONFIG");
  }
  return new ContainerClient(url, new DefaultAzureCredential(), options);
}

function parseConnectionString(cs: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of cs.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** One line for a failed storage call on `what` (a blob or the container). */
export function storageError(err: unknown, loc: StorageLocation, what: string): CostbotError {
  if (err instanceof CostbotError) return err;
  const e = err as { statusCode?: number; code?: string; name?: string; message?: string };
  const code = e.code ?? "";
  if (e.statusCode === 403 || /Authoriz|AuthenticationFailed/i.test(code)) {
    return new CostbotError(
      `costbot may not read ${what} (${code || "403"}): give its identity the role Storage Blob Data Reader on the storage account or container ${loc.container}, or use a SAS URL with read and list permissions.`,
      "FORBIDDEN",
      { cause: err },
    );
  }
  if (e.statusCode === 404 || /ContainerNotFound|BlobNotFound/i.test(code)) {
    const target = /ContainerNotFound/i.test(code) ? `container ${loc.container} in account ${loc.account}` : what;
    return new CostbotError(`No ${target} (${code || "404"}).`, "NOT_FOUND", { cause: err });
  }
  if (e.statusCode === 412 || /ConditionNotMet/i.test(code)) {
    return new CostbotError(`Blob ${what} changed while being downloaded (${code || "412"}); nothing counted, try again.`, "SOURCE_FAILED", {
      cause: err,
    });
  }
  if (e.name === "CredentialUnavailableError" || e.name === "AggregateAuthenticationError") {
    return new CostbotError(
      `No Azure credentials to read ${loc.shown}: sign in for DefaultAzureCredential (role Storage Blob Data Reader), use a SAS URL, or set AZURE_STORAGE_CONNECTION_STRING.`,
      "CONFIG",
      { cause: err },
    );
  }
  const first = String(e.message ?? err).split("\n")[0];
  return new CostbotError(`Could not read ${what}: ${first}`, "SOURCE_FAILED", { cause: err });
}
