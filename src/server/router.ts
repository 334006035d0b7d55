// One node:http server, one port, a small route table: each adapter mounts its own paths.
// Must not know about any platform; adapters bring their handlers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Router {
  /** Register a handler; `path` matches exactly, or as a prefix when it ends with "*". */
  route(method: string, path: string, handler: RouteHandler): void;
  server: Server;
  /** Listen and resolve with the bound port (pass 0 for an ephemeral one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createRouter(onError: (err: unknown) => void = () => {}): Router {
  const routes: Array<{ method: string; path: string; handler: RouteHandler }> = [];
  const match = (method: string, url: string) => {
    const path = url.split("?")[0];
    return routes.find(
      (r) =>
        (r.method === method || r.method === "*") &&
        (r.path.endsWith("*") ? path.startsWith(r.path.slice(0, -1)) : r.path === path),
    );
  };
  const server = createServer(async (req, res) => {
    const hit = match(req.method ?? "GET", req.url ?? "/");
    if (!hit) {
      sendJson(res, 404, { error: `No route for ${req.method} ${req.url?.split("?")[0]}` });
      return;
    }
    try {
      await hit.handler(req, res);
    } catch (err) {
      onError(err);
      if (!res.headersSent) sendJson(res, 500, { error: "Internal error; it has been logged." });
      else res.end();
    }
  });
  return {
    server,
    route(method, path, handler) {
      routes.push({ method: method.toUpperCase(), path, handler });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(text);
}

/** Reads a request body as text, refusing bodies larger than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error("Request body too large"), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
