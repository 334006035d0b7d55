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
      (r) => (r.method === method || r.method === "*") && (r.path.endsWith("*") ? path.startsWith(r.path.slice(0, -1)) : r.path === path),
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

/** Past this many bytes a refused body is no longer read to its end (the connection may then drop). */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads a request body as text, refusing bodies larger than `limit` bytes with an error whose
 * `status` is 413. A refused body is still read to its end (and dropped) before the error, so the
 * 413 reaches the client as a whole response: node resets a keep-alive connection answered mid-upload.
 */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const tooLarge = () => Object.assign(new Error(`Request body too large (over ${limit} bytes)`), { status: 413 });
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (size > DRAIN_LIMIT) {
        done();
        reject(tooLarge());
      }
    };
    const onEnd = () => {
      done();
      if (size > limit) reject(tooLarge());
      else resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
