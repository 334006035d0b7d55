// A local stand-in for Azure's Retail Prices API (GET /api/retail/prices): pages shaped like the
// real ones (reference/azure-retail-prices: BillingCurrency, CustomerEntityId, CustomerEntityType,
// Items, NextPageLink with $skip, Count), served from the real Foundry meters. Records requests.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RetailFake {
  url: string;
  requests: string[];
  /** HTTP statuses for the next requests, in order (0: serve the page as usual). */
  fail(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startRetailFake(items: unknown[], pageSize = 100): Promise<RetailFake> {
  const requests: string[] = [];
  const failures: number[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://localhost");
    const status = failures.shift();
    if (status) {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ Error: { Code: "ServiceUnavailable" } }));
      return;
    }
    if (url.pathname !== "/api/retail/prices") return void res.writeHead(404).end();
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    const page = items.slice(skip, skip + pageSize);
    // Real links keep the request's query as sent ("$filter=...") and add "&$skip=<n>".
    const query = (req.url ?? "").split("?")[1]?.replace(/&?\$skip=\d+/, "") ?? "";
    const { port } = server.address() as AddressInfo;
    const next = skip + pageSize < items.length ? `http://127.0.0.1:${port}${url.pathname}?${query}&$skip=${skip + pageSize}` : null;
    const body = {
      BillingCurrency: "USD",
      CustomerEntityId: "Default",
      CustomerEntityType: "Retail",
      Items: page,
      NextPageLink: next,
      Count: page.length,
    };
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/retail/prices?$filter=${encodeURIComponent("serviceName eq 'Foundry Models' or serviceName eq 'Foundry Tools'")}`,
    requests,
    fail: (...s) => void failures.push(...s),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
