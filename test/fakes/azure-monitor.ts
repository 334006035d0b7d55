// A fake ARM Cognitive Services (account and deployment lists) and Azure Monitor metrics batch API
// (node:http, port 0), shaped like test/fixtures/reference/azure-monitor-metrics: lower-case
// dimension names, daily points, a point without data carrying only timeStamp. Records requests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeDeployment {
  name: string;
  model: string;
  version: string;
  sku: string;
}
export interface FakeAccount {
  sub: string;
  rg: string;
  name: string;
  kind: string;
  location: string;
  deployments: FakeDeployment[];
}
/** One daily total of one metric for one deployment. */
export interface FakePoint {
  account: string;
  deployment: string;
  date: string;
  metric: "InputTokens" | "OutputTokens" | "ModelRequests";
  total: number;
  statusCode?: string;
}
export type MonitorKind = "accounts" | "deployments" | "batch" | "other";
export interface MonitorReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
export interface MonitorRequest {
  kind: MonitorKind;
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  auth?: string;
}

export interface MonitorFake {
  url: string;
  requests: MonitorRequest[];
  of(kind: MonitorKind): MonitorRequest[];
  /** Accounts whose metrics the caller may not read: a batch naming one answers 403 AuthorizationFailed. */
  deny(accountName: string): void;
  setPoints(points: FakePoint[]): void;
  script(kind: MonitorKind, ...replies: MonitorReply[]): void;
  close(): Promise<void>;
}

export const accountId = (a: Pick<FakeAccount, "sub" | "rg" | "name">) =>
  `/subscriptions/${a.sub}/resourceGroups/${a.rg}/providers/Microsoft.CognitiveServices/accounts/${a.name}`;

export async function startMonitorFake(accounts: FakeAccount[], opts: { token?: string } = {}): Promise<MonitorFake> {
  const token = opts.token ?? "test-token";
  const requests: MonitorRequest[] = [];
  const scripts = new Map<MonitorKind, MonitorReply[]>();
  const denied = new Set<string>();
  let points = new Map<string, FakePoint[]>();
  const server = createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (text += c));
    req.on("end", () => reply(req, res, text));
  });

  function reply(req: IncomingMessage, res: ServerResponse, text: string) {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname);
    const kind: MonitorKind = /\/metrics:getBatch$/i.test(path)
      ? "batch"
      : /\/accounts\/[^/]+\/deployments$/i.test(path)
        ? "deployments"
        : /\/providers\/Microsoft\.CognitiveServices\/accounts$/i.test(path)
          ? "accounts"
          : "other";
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ kind, method: req.method ?? "", path, query: Object.fromEntries(url.searchParams), body, auth: req.headers.authorization });
    const r = scripts.get(kind)?.shift() ?? answer(kind, path, url, body, req.headers.authorization);
    res.writeHead(r.status, { "content-type": "application/json; charset=utf-8", ...r.headers });
    res.end(r.body === undefined ? "" : JSON.stringify(r.body));
  }

  function answer(kind: MonitorKind, path: string, url: URL, body: any, auth?: string): MonitorReply {
    if (auth !== `Bearer ${token}`)
      return { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } } };
    if (kind === "accounts") {
      const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\//i.exec(path)!;
      const value = accounts
        .filter((a) => a.sub === m[1] && (!m[2] || a.rg.toLowerCase() === m[2].toLowerCase()))
        .map((a) => ({
          id: accountId(a),
          name: a.name,
          type: "Microsoft.CognitiveServices/accounts",
          location: a.location,
          kind: a.kind,
          sku: { name: "S0" },
          properties: { endpoint: `https://${a.name}.cognitiveservices.azure.com/`, provisioningState: "Succeeded" },
        }));
      return { status: 200, body: { value } };
    }
    if (kind === "deployments") {
      const a = accounts.find((x) => path.toLowerCase().startsWith(accountId(x).toLowerCase() + "/"));
      const value = (a?.deployments ?? []).map((d) => ({
        id: `${accountId(a!)}/deployments/${d.name}`,
        name: d.name,
        type: "Microsoft.CognitiveServices/accounts/deployments",
        sku: { name: d.sku, capacity: 10 },
        properties: { model: { format: "OpenAI", name: d.model, version: d.version }, provisioningState: "Succeeded" },
      }));
      return { status: 200, body: { value } };
    }
    if (kind === "batch") return batch(url, body);
    return { status: 404, body: { error: { code: "NotFound", message: `No route for ${path}` } } };
  }

  function batch(url: URL, body: any): MonitorReply {
    if (url.searchParams.has("timespan")) {
      return {
        status: 400,
        body: {
          error: {
            code: "BadRequest",
            message:
              "Detected invalid time range parameters for API version 2024-02-01. Please use only starttime and endtime to specify a time range.",
          },
        },
      };
    }
    const ids: string[] = body?.resourceids ?? [];
    const no = ids.find((id) => denied.has(id.split("/").pop()!));
    if (no) {
      return {
        status: 403,
        body: {
          error: {
            code: "AuthorizationFailed",
            message: `The client 'costbot' does not have authorization to perform action 'Microsoft.Insights/metrics/read' over scope '${no}' or the scope is invalid.`,
          },
        },
      };
    }
    const names = (url.searchParams.get("metricnames") ?? "").split(",");
    const start = url.searchParams.get("starttime")!;
    const end = url.searchParams.get("endtime")!;
    const withStatus = /StatusCode eq '\*'/i.test(url.searchParams.get("filter") ?? "");
    const days: string[] = [];
    for (let t = Date.parse(start); t < Date.parse(end); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    const values = ids.map((id) => {
      const acct = accounts.find((a) => accountId(a).toLowerCase() === id)!;
      const value = names.map((name) => {
        const series = new Map<string, { dims: Record<string, string>; totals: Map<string, number> }>();
        for (const p of points.get(acct.name) ?? []) {
          if (p.metric !== name) continue;
          const d = acct.deployments.find((x) => x.name === p.deployment)!;
          const dims: Record<string, string> = {
            modeldeploymentname: p.deployment,
            modelname: d.model,
            ...(withStatus ? { statuscode: p.statusCode ?? "200" } : {}),
          };
          const k = JSON.stringify(dims);
          const s = series.get(k) ?? { dims, totals: new Map() };
          s.totals.set(p.date, (s.totals.get(p.date) ?? 0) + p.total);
          series.set(k, s);
        }
        return {
          id: `${accountId(acct)}/providers/Microsoft.Insights/metrics/${name}`,
          type: "Microsoft.Insights/metrics",
          name: { value: name, localizedValue: name.replace(/([a-z])([A-Z])/g, "$1 $2") },
          displayDescription: "",
          unit: "Count",
          errorCode: "Success",
          timeseries: [...series.values()].map((s) => ({
            metadatavalues: Object.entries(s.dims).map(([n, v]) => ({ name: { value: n, localizedValue: n }, value: v })),
            data: days.map((day) =>
              s.totals.has(day) ? { timeStamp: `${day}T00:00:00Z`, total: s.totals.get(day) } : { timeStamp: `${day}T00:00:00Z` },
            ),
          })),
        };
      });
      return {
        starttime: start,
        endtime: end,
        interval: "P1D",
        namespace: "microsoft.cognitiveservices/accounts",
        resourceregion: acct.location,
        resourceid: id,
        value,
      };
    });
    return { status: 200, body: { values } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    of: (kind) => requests.filter((r) => r.kind === kind),
    deny: (name) => void denied.add(name),
    setPoints(p) {
      points = new Map();
      for (const x of p) {
        const list = points.get(x.account) ?? [];
        list.push(x);
        points.set(x.account, list);
      }
    },
    script: (kind, ...replies) => void scripts.set(kind, [...(scripts.get(kind) ?? []), ...replies]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
