// Parses an Azure Storage location of a cost export: https://<account>.blob.core.windows.net/
// <container>/<folder> (optionally with a SAS query), or path-style http://<host>:<port>/<account>/
// <container>/<folder> as the Azurite emulator serves. Must not import the Azure SDK.
import { CostbotError } from "../../../base/errors.js";

export interface StorageLocation {
  /** The account's blob endpoint, e.g. https://acct.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1. */
  serviceUrl: string;
  account: string;
  container: string;
  /** Folder inside the container, "" or ending in "/". */
  prefix: string;
  /** The SAS query ("sv=...&sig=..."), when the URL carries one. */
  sas?: string;
  /** The URL as the user wrote it, without the SAS (safe to show). */
  shown: string;
}

const PUBLIC_HOST = /^([a-z0-9]{3,24})\.blob\.core\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/i;
const PATH_STYLE_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|host\.docker\.internal|\d+\.\d+\.\d+\.\d+)$/i;

/** True when a --source / COSTBOT_SOURCE value is meant as a URL (then it must be a storage location). */
export function looksLikeUrl(spec: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec.trim());
}

export function parseStorageLocation(spec: string): StorageLocation {
  let url: URL;
  try {
    url = new URL(spec.trim());
  } catch {
    throw notStorage(spec);
  }
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const sas = url.search.length > 1 ? url.search.slice(1) : undefined;
  const shown = `${url.origin}${url.pathname}`;
  const pub = PUBLIC_HOST.exec(url.hostname);
  if (pub && url.protocol === "https:" && segments.length >= 1) {
    return { serviceUrl: url.origin, account: pub[1].toLowerCase(), container: segments[0], prefix: folder(segments.slice(1)), sas, shown };
  }
  if (PATH_STYLE_HOST.test(url.hostname) && /^https?:$/.test(url.protocol) && segments.length >= 2) {
    return {
      serviceUrl: `${url.origin}/${segments[0]}`,
      account: segments[0],
      container: segments[1],
      prefix: folder(segments.slice(2)),
      sas,
      shown,
    };
  }
  throw notStorage(spec);
}

function folder(parts: string[]): string {
  return parts.length === 0 ? "" : parts.join("/") + "/";
}

function notStorage(spec: string): CostbotError {
  const safe = spec.replace(/\?.*$/, "");
  return new CostbotError(
    `"${safe}" is not an Azure Storage location of a cost export: use https://<account>.blob.core.windows.net/<container>/<folder> ` +
      `(or http://127.0.0.1:<port>/<account>/<container>/<folder> for the Azurite emulator).`,
    "BAD_INPUT",
  );
}
