// Mounts the local playground on the shared server: GET / (one static page), its scripts, and a
// small JSON API calling the same `answer` and renderers as Slack and Teams. No platform SDKs here.
import type { Mount } from "../../server/app.js";
import { sendJson, type RouteHandler } from "../../base/router.js";
import { createPlaygroundApi, PLAYGROUND_API } from "./api.js";
import { createHostCheck } from "./host-check.js";
import { playgroundAdminIds, PLAYGROUND_USER_ID } from "./identity.js";
import { loadStaticFiles } from "./static.js";

export { playgroundAdminIds } from "./identity.js";

export interface PlaygroundOptions {
  /** The clock for digest times; tests pin it (questions use the bot's own clock). */
  clock?: () => Date;
}

export function createPlaygroundMount(options: PlaygroundOptions = {}): Mount {
  return (router, deps) => {
    if (!deps.config.playground) return null;
    const files = loadStaticFiles();
    const hostOk = createHostCheck(deps.config.host, () => {
      const addr = router.server.address();
      return typeof addr === "object" && addr ? addr.port : deps.config.port;
    });
    // Every playground route, page included, checks Host first (DNS rebinding).
    const route = (method: string, path: string, handler: RouteHandler) =>
      router.route(method, path, (req, res) =>
        hostOk(req)
          ? handler(req, res)
          : sendJson(res, 403, { error: "The playground answers only at its own address (e.g. http://localhost:<port>/)." }),
      );
    for (const [path, file] of files) {
      route("GET", path, (_req, res) => {
        res.writeHead(200, file.headers);
        res.end(file.body);
      });
    }
    const api = createPlaygroundApi(deps, {
      clock: options.clock ?? (() => new Date()),
      admin: playgroundAdminIds(deps.config).includes(`web:${PLAYGROUND_USER_ID}`),
    });
    route("POST", `${PLAYGROUND_API}/ask`, api.ask);
    route("GET", `${PLAYGROUND_API}/state`, api.state);
    const exposed = deps.config.host !== "127.0.0.1" && deps.config.host !== "::1" && deps.config.host !== "localhost";
    return {
      // Read after the server listens (startApp maps `describe` then), so the real port shows.
      get describe() {
        const addr = router.server.address();
        const port = typeof addr === "object" && addr ? addr.port : deps.config.port;
        const host = deps.config.host === "0.0.0.0" || deps.config.host === "::" ? "localhost" : deps.config.host;
        const where = `Playground: http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
        return exposed ? `${where} — listening on ${deps.config.host}: reachable from other machines` : where;
      },
    };
  };
}

export const mountPlayground: Mount = createPlaygroundMount();
