// Reads every page of a Cost Management answer: POSTs the same body to each nextLink (the SDK has
// no pager for query/forecast) and GETs list nextLinks. A page that fails fails the whole read.
import { CostbotError } from "../../../base/errors.js";
import type { ArmHttp } from "./client.js";
import { azureHttpError } from "./faults.js";

interface QueryColumn {
  name: string;
  type: string;
}

/** One page of a query or forecast result; rows are positional, described by `columns`. */
export interface QueryPage {
  columns: QueryColumn[];
  rows: unknown[][];
}

export interface PagedQuery {
  pages: QueryPage[];
  /** The HTTP Date of the first page: when Azure answered. */
  answeredAt: string | null;
}

const MAX_PAGES = 2000;

/** POSTs `body` to `url`, then to every nextLink, until Azure sends none. */
export async function postAllPages(http: ArmHttp, url: string, body: unknown, apiVersion: string, signal?: AbortSignal): Promise<PagedQuery> {
  const pages: QueryPage[] = [];
  let answeredAt: string | null = null;
  const seen = new Set<string>();
  for (let next: string | undefined = url; next; ) {
    guard(seen, next);
    const res = await http.send("POST", next, body, signal);
    if (res.status === 204) break;
    if (res.status !== 200) throw azureHttpError(res.status, res.bodyAsText ?? undefined, (n) => res.headers.get(n));
    answeredAt ??= httpDate(res.headers.get("date"));
    const props = parse(res.bodyAsText ?? undefined)?.properties;
    if (!props || !Array.isArray(props.columns) || !Array.isArray(props.rows)) {
      throw new CostbotError(`Azure Cost Management answered page ${pages.length + 1} without columns and rows.`, "SOURCE_FAILED");
    }
    pages.push({ columns: props.columns as QueryColumn[], rows: props.rows as unknown[][] });
    next = typeof props.nextLink === "string" && props.nextLink ? http.follow(props.nextLink, apiVersion) : undefined;
  }
  return { pages, answeredAt };
}

/** GETs an ARM list (`{value, nextLink}`) and all its pages. */
export async function getAllValues(http: ArmHttp, url: string, apiVersion: string, signal?: AbortSignal): Promise<unknown[]> {
  const values: unknown[] = [];
  const seen = new Set<string>();
  for (let next: string | undefined = url; next; ) {
    guard(seen, next);
    const res = await http.send("GET", next, undefined, signal);
    if (res.status !== 200) throw azureHttpError(res.status, res.bodyAsText ?? undefined, (n) => res.headers.get(n));
    const json = parse(res.bodyAsText ?? undefined);
    if (!json || !Array.isArray(json.value)) {
      throw new CostbotError("Azure answered a list without a value array.", "SOURCE_FAILED");
    }
    values.push(...json.value);
    next = typeof json.nextLink === "string" && json.nextLink ? http.follow(json.nextLink, apiVersion) : undefined;
  }
  return values;
}

function guard(seen: Set<string>, url: string): void {
  // A repeated link would loop forever; stopping there would silently drop the rest.
  if (seen.has(url) || seen.size >= MAX_PAGES) {
    throw new CostbotError(
      `Azure returned a nextLink that repeats or never ends (after ${seen.size} pages); no partial answer is given.`,
      "SOURCE_FAILED",
    );
  }
  seen.add(url);
}

function parse(text: string | undefined): any {
  try {
    return JSON.parse(text ?? "");
  } catch {
    throw new CostbotError("Azure answered with a body that is not JSON.", "SOURCE_FAILED");
  }
}

function httpDate(value: string | undefined): string | null {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
