// Keeps the meter catalogue current: once a day the running server reads Azure's public Retail
// Prices API (no credentials; paged with NextPageLink), keeps the last good copy on disk and says
// in the log when it could not refresh. The shipped catalogue stays underneath, so retired meters
// in older cost data still classify. No platform imports.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import shipped from "./meter-catalogue.json" with { type: "json" };
import { catalogueFromRetail, setCatalogue, type CatalogueEntry, type RetailItem } from "./meter-catalogue.js";

/** Minimal logger shape (pino's): cost/ does not import the server's logger. */
export interface RefreshLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface CatalogueRefreshOptions {
  /** First page to read; NextPageLink is followed from there. */
  url: string;
  /** Directory for the last good copy (./data). */
  dir: string;
  log: RefreshLog;
  fetchImpl?: typeof fetch;
  /** Per-page time limit. */
  timeoutMs?: number;
  /** Guard against a NextPageLink loop. */
  maxPages?: number;
}

const FILE = "meter-catalogue.json";
const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads every page from `url` on; throws with the page's URL when a page is not a price-list page. */
async function fetchRetailItems(
  url: string,
  opts: Pick<CatalogueRefreshOptions, "fetchImpl" | "timeoutMs" | "maxPages"> = {},
): Promise<RetailItem[]> {
  const doFetch = opts.fetchImpl ?? fetch;
  const items: RetailItem[] = [];
  let next: string | null = url;
  for (let page = 0; next; page++) {
    if (page >= (opts.maxPages ?? 2000)) throw new Error(`the price list did not end after ${page} pages`);
    const res: Response = await doFetch(next, { signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000), headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${next}`);
    const body = (await res.json()) as { Items?: unknown; NextPageLink?: unknown };
    if (!Array.isArray(body.Items)) throw new Error(`no Items in the answer from ${next}`);
    items.push(...(body.Items as RetailItem[]));
    next = typeof body.NextPageLink === "string" && body.NextPageLink ? body.NextPageLink : null;
  }
  return items;
}

/** Shipped entries overlaid with newer ones (same meterId, or same product and name). */
function merged(fresh: CatalogueEntry[]): CatalogueEntry[] {
  const key = (e: CatalogueEntry) => (e.meterId ? `id:${e.meterId.toLowerCase()}` : `pn:${e.product.toLowerCase()}|${e.meterName.toLowerCase()}`);
  const all = new Map<string, CatalogueEntry>();
  for (const e of shipped as CatalogueEntry[]) all.set(key(e), e);
  for (const e of fresh) all.set(key(e), e);
  return [...all.values()];
}

/** Loads the last good copy from `dir` if there is one; false (and the shipped catalogue) otherwise. */
export async function loadSavedCatalogue(dir: string, log: RefreshLog): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), "utf8");
  } catch {
    return false;
  }
  try {
    const entries = JSON.parse(text) as CatalogueEntry[];
    if (!Array.isArray(entries) || !entries.every((e) => typeof e?.meterName === "string" && typeof e?.model === "string")) {
      throw new Error("not a list of catalogue entries");
    }
    setCatalogue(merged(entries));
    log.info({ meters: entries.length, file: join(dir, FILE) }, "meter catalogue: loaded the last good copy");
    return true;
  } catch (err) {
    log.warn({ err: String(err), file: join(dir, FILE) }, "meter catalogue: the saved copy is unreadable; using the shipped one");
    return false;
  }
}

/** One refresh: fetch, describe, save, swap in. Never throws: a failure keeps the current catalogue. */
export async function refreshCatalogue(opts: CatalogueRefreshOptions): Promise<boolean> {
  try {
    const items = await fetchRetailItems(opts.url, opts);
    const entries = catalogueFromRetail(items);
    if (entries.length === 0) throw new Error(`the price list at ${opts.url} has no meters`);
    await mkdir(opts.dir, { recursive: true });
    const file = join(opts.dir, FILE);
    await writeFile(`${file}.tmp`, `[\n${entries.map((e) => JSON.stringify(e)).join(",\n")}\n]\n`);
    await rename(`${file}.tmp`, file);
    setCatalogue(merged(entries));
    opts.log.info({ meters: entries.length, records: items.length }, "meter catalogue: refreshed from the Retail Prices API");
    return true;
  } catch (err) {
    opts.log.warn({ err: String(err), url: opts.url }, "meter catalogue: could not refresh from the Retail Prices API; keeping the last good copy");
    return false;
  }
}

/** A daily scheduler job; the refresh runs in the background so other jobs never wait on it. */
export function createCatalogueRefreshJob(opts: CatalogueRefreshOptions) {
  let running: Promise<boolean> | null = null;
  return {
    name: "meter-catalogue-refresh",
    everyMs: DAY_MS,
    async run(): Promise<void> {
      running ??= refreshCatalogue(opts).finally(() => (running = null));
    },
    /** The refresh in flight, if any (tests and shutdown wait on it). */
    pending: () => running,
  };
}
