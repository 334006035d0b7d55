// An HTTP proxy in front of Azurite for the storage sync's fault-injection tests: forwards every
// request, and holds the next GET of a chosen blob (before it, or after part of its body) until
// the test releases it, saying when it is held (a promise), so each fault lands at a known point.
import { createServer, request, type Server } from "node:http";
import { AZURITE_ACCOUNT } from "./azurite.js";

export interface Hold {
  blob: string;
  /** Forward the headers and this many body bytes, then the rest once `until` settles; unset: hold the request itself. */
  afterBytes?: number;
  /** Unset: held for good (the client dies first). */
  until?: Promise<void>;
}

export interface HoldingProxy {
  url: string;
  /** The next GET of `h.blob` is held; the promise says when (one hold pending at a time). */
  holdNext(h: Hold): Promise<void>;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const up = new URL(target);
  let hold: (Hold & { held: () => void }) | undefined;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url!, up).pathname);
    const h = hold && req.method === "GET" && path.endsWith(`/${hold.blob}`) ? hold : undefined;
    if (h) hold = undefined;
    if (h && h.afterBytes === undefined) {
      h.held();
      await h.until;
    }
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      if (h?.afterBytes === undefined) return void r.pipe(res);
      const cut = h.afterBytes;
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => {
        const body = Buffer.concat(chunks);
        res.write(body.subarray(0, cut), () => {
          h.held();
          h.until?.then(() => res.end(body.subarray(cut)));
        });
      });
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    holdNext: (h) => new Promise<void>((held) => (hold = { ...h, held })),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
