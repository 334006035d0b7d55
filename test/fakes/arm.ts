// A fake Azure Resource Manager (node:http, port 0) speaking Cost Management's wire format: query
// (grouping, Daily rows, nextLink pages), forecast, Consumption budgets. Scripted faults; records
// every request it receives. Shapes from test/fixtures/reference (see arm-data.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAmount } from "../../src/cost/money.js";
import { EA_DIMENSIONS, MCA_DIMENSIONS, exampleBudget, THROTTLED_BODY } from "./arm-data.js";

export type ArmKind = "query" | "forecast" | "budgets" | "other";

/** One usage line the fake aggregates from; `dims` keys are Azure dimension names. */
export interface FakeCost {
  date: string;
  /** Exact decimal text, e.g. "0.493152". */
  cost: string;
  quantity?: number;
  currency?: string;
  dims?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only once this settles: the test holds the reply, e.g. past a client's timeout. */
  until?: Promise<void>;
}

export interface ArmRequest {
  kind: ArmKind;
  method: string;
  path: string;
  scope: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface ArmFakeOptions {
  token?: string;
  /** Simulated network latency before every answer, for benchmarks; tests hold answers with `hold`. */
  latencyMs?: number;
  pageSize?: number;
  agreement?: "EA" | "MCA";
  /** Reject any query grouping by more dimensions than this, naming no dimension. */
  maxGroupings?: number;
  /** The column name Azure gives the cost (Cost, PreTaxCost, CostUSD). */
  costColumn?: string;
  /** Last day with actual cost; later days of a forecast are "Forecast". */
  today?: string;
  forecastDaily?: string;
  /** Called for every request (1-based count of its kind, lowercase scope); a reply overrides the data. */
  fault?: (kind: ArmKind, n: number, scope: string) => Reply | undefined;
}

export interface ArmFake {
  url: string;
  requests: ArmRequest[];
  of(kind: ArmKind): ArmRequest[];
  setCosts(scope: string, rows: FakeCost[]): void;
  setBudgets(scope: string, budgets: unknown[]): void;
  /** Replies used, in order, before normal answers for requests of `kind`. */
  script(kind: ArmKind, ...replies: Reply[]): void;
  /** From now on, answers to requests of `kind` wait until `released` settles (the test opens the gate). */
  hold(kind: ArmKind, released: Promise<void>): void;
  /** Resolves once `count` requests of `kind` have arrived (answered or not); vitest's timeout ends a hang. */
  arrived(kind: ArmKind, count: number): Promise<ArmRequest[]>;
  close(): Promise<void>;
}

export async function startArmFake(opts: ArmFakeOptions = {}): Promise<ArmFake> {
  const token = opts.token ?? "test-token";
  const costs = new Map<string, FakeCost[]>();
  const budgets = new Map<string, unknown[]>();
  const scripts = new Map<ArmKind, Reply[]>();
  const counts = new Map<ArmKind, number>();
  const requests: ArmRequest[] = [];
  const holds = new Map<ArmKind, Promise<void>>();
  const onRequest: Array<() => void> = [];

  const server = createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (text += c));
    req.on("end", () => void handle(req, res, text));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, text: string) {
    const url = new URL(req.url ?? "/", "http://fake");
    const m = /^(.*?)\/providers\/Microsoft\.(CostManagement\/(query|forecast)|Consumption\/(budgets))$/i.exec(url.pathname);
    const kind: ArmKind = m ? ((m[3] ?? m[4]).toLowerCase() as ArmKind) : "other";
    const scope = m ? m[1].toLowerCase() : "";
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    requests.push({
      kind,
      method: req.method ?? "",
      path: url.pathname,
      scope,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    });
    for (const notify of onRequest.splice(0)) notify();
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    const reply = scripts.get(kind)?.shift() ?? opts.fault?.(kind, n, scope) ?? answer(kind, scope, url, body, req.headers.authorization);
    await sleep(opts.latencyMs ?? 0);
    await Promise.all([reply.until, holds.get(kind)]);
    if (res.destroyed) return;
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", date: new Date().toUTCString(), ...reply.headers });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  }

  function answer(kind: ArmKind, scope: string, url: URL, body: any, auth: string | undefined): Reply {
    if (auth !== `Bearer ${token}`) {
      return {
        status: 401,
        body: { error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing or invalid." } },
      };
    }
    if (kind === "budgets") return { status: 200, body: { value: budgets.get(scope) ?? [exampleBudget(scope)] } };
    if (kind === "forecast") return forecast(scope, body);
    if (kind === "query") return query(scope, url, body);
    return { status: 404, body: { error: { code: "NotFound", message: `No route for ${url.pathname}` } } };
  }

  function query(scope: string, url: URL, body: any): Reply {
    const groups: string[] = (body?.dataset?.grouping ?? []).map((g: { name: string }) => g.name);
    const valid = opts.agreement === "EA" ? EA_DIMENSIONS : opts.agreement === "MCA" ? MCA_DIMENSIONS : undefined;
    const bad = valid && groups.find((g) => !valid.includes(g));
    if (bad) {
      const list = [...valid, ""].map((v) => `'${v}'`).join(",");
      return badRequest(
        `Invalid query definition: Invalid dataset grouping: '${bad}'; valid values: ${list}.\r\n\r\n (Request ID: 7f1c9c7e-0000-0000-0000-000000000000)`,
      );
    }
    if (opts.maxGroupings !== undefined && groups.length > opts.maxGroupings) {
      return badRequest(`Invalid query definition: Dataset grouping cannot have more than ${opts.maxGroupings} elements.`);
    }
    const withQty = Object.values(body?.dataset?.aggregation ?? {}).some((a: any) => a?.name === "UsageQuantity");
    const [from, to] = [String(body?.timePeriod?.from ?? "").slice(0, 10), String(body?.timePeriod?.to ?? "").slice(0, 10)];
    const sums = new Map<string, { cost: bigint; qty: number; row: FakeCost }>();
    for (const c of costs.get(scope) ?? []) {
      if (c.date < from || c.date > to) continue;
      const key = [c.date, ...groups.map((g) => c.dims?.[g] ?? "")].join("|");
      const s = sums.get(key) ?? { cost: 0n, qty: 0, row: c };
      s.cost += parseAmount(c.cost)!;
      s.qty += c.quantity ?? 0;
      sums.set(key, s);
    }
    const costColumn = opts.costColumn ?? "Cost";
    const columns = [
      { name: costColumn, type: "Number" },
      ...groups.map((g) => ({ name: g, type: "String" })),
      { name: "UsageDate", type: "Number" },
      ...(withQty ? [{ name: "UsageQuantity", type: "Number" }] : []),
      { name: "Currency", type: "String" },
    ];
    const all = [...sums.values()].map(({ cost, qty, row }) => [
      Number(decimal(cost)),
      ...groups.map((g) => row.dims?.[g] ?? ""),
      Number(row.date.replaceAll("-", "")),
      ...(withQty ? [qty] : []),
      row.currency ?? "USD",
    ]);
    const size = opts.pageSize ?? 1000;
    const offset = Number(Buffer.from(url.searchParams.get("$skiptoken") ?? "", "base64").toString() || 0);
    const rows = all.slice(offset, offset + size);
    // Real nextLinks point at management.azure.com with an older api-version (see the MCA example).
    const nextLink =
      offset + size < all.length
        ? `https://management.azure.com${url.pathname}?api-version=2021-10-01&$skiptoken=${encodeURIComponent(Buffer.from(String(offset + size)).toString("base64"))}`
        : null;
    return {
      status: 200,
      body: {
        id: `${scope}/providers/Microsoft.CostManagement/Query/fake`,
        name: "fake",
        type: "microsoft.costmanagement/Query",
        properties: { nextLink, columns, rows },
      },
    };
  }

  function forecast(scope: string, body: any): Reply {
    const [from, to] = [String(body?.timePeriod?.from ?? "").slice(0, 10), String(body?.timePeriod?.to ?? "").slice(0, 10)];
    const today = opts.today ?? new Date().toISOString().slice(0, 10);
    const rows: unknown[][] = [];
    for (let d = from; d && d <= to; d = nextDay(d)) {
      const actual = (costs.get(scope) ?? []).filter((c) => c.date === d).reduce((a, c) => a + parseAmount(c.cost)!, 0n);
      const value = d <= today ? decimal(actual) : (opts.forecastDaily ?? "10.5");
      rows.push([Number(value), Number(d.replaceAll("-", "")), d <= today ? "Actual" : "Forecast", "USD"]);
    }
    const columns = [
      { name: opts.costColumn ?? "Cost", type: "Number" },
      { name: "UsageDate", type: "Number" },
      { name: "CostStatus", type: "String" },
      { name: "Currency", type: "String" },
    ];
    return {
      status: 200,
      body: {
        id: `${scope}/providers/Microsoft.CostManagement/query/fake`,
        type: "Microsoft.CostManagement/query",
        properties: { nextLink: null, columns, rows },
      },
    };
  }

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    of: (kind) => requests.filter((r) => r.kind === kind),
    setCosts: (scope, rows) => void costs.set(scope.toLowerCase(), rows),
    setBudgets: (scope, list) => void budgets.set(scope.toLowerCase(), list),
    script: (kind, ...replies) => void scripts.set(kind, [...(scripts.get(kind) ?? []), ...replies]),
    hold: (kind, released) => void holds.set(kind, released),
    arrived: (kind, count) =>
      new Promise<ArmRequest[]>((resolve) => {
        const check = () => {
          const seen = requests.filter((r) => r.kind === kind);
          if (seen.length >= count) resolve(seen);
          else onRequest.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A 429 as Cost Management sends it, with the given throttling headers. */
export function throttled(headers: Record<string, string>): Reply {
  return { status: 429, headers, body: THROTTLED_BODY };
}

function badRequest(message: string): Reply {
  return { status: 400, body: { error: { code: "BadRequest", message } } };
}

function decimal(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % 10n ** 12n).toString().padStart(12, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 10n ** 12n}${frac ? "." + frac : ""}`;
}

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
