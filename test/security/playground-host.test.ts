// The playground against DNS rebinding (issue 11, point 4): it answers only requests whose Host is
// the address it listens on or a loopback name with its port; a rebound page (Host: rebind.example)
// gets 403 on every playground route, even with a matching Origin. In production it binds loopback.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { createPlaygroundMount } from "../../src/adapters/web/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";

const NOW = new Date("2025-11-27T09:00:00Z");
let app: RunningApp | undefined;
let asked = 0;
afterEach(async () => {
  await app?.close();
  app = undefined;
  asked = 0;
});

/** `host: null` keeps the configured bind address. */
async function start(env: NodeJS.ProcessEnv = {}, host: string | null = "127.0.0.1") {
  const loaded = loadConfig({ PORT: "0", ...env });
  const config = host ? { ...loaded, host } : loaded;
  const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW });
  const counted = { ...bot, answer: (...args: Parameters<typeof bot.answer>) => (asked++, bot.answer(...args)) };
  app = await startApp({ config, bot: counted, logger: silentLogger, sourceName: "demo data" }, [createPlaygroundMount({ clock: () => NOW })], 0);
  return app;
}

/** A raw request with exactly this Host header (fetch would write its own). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app!.port, method, path, headers, setHost: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const ask = (host: string, origin?: string) =>
  send(
    "POST",
    "/playground/api/ask",
    { host, "content-type": "application/json", ...(origin ? { origin } : {}) },
    JSON.stringify({ text: "budget set 1 weekly" }),
  );

describe("playground Host check", () => {
  it("refuses a rebound name on every playground route with 403, even when Origin matches it", async () => {
    await start();
    const host = `rebind.example:${app!.port}`;
    expect((await send("GET", "/", { host })).status).toBe(403);
    expect((await send("GET", "/playground/static/playground.js", { host })).status).toBe(403);
    const state = await send("GET", "/playground/api/state", { host });
    expect(state.status).toBe(403);
    expect(state.text).not.toMatch(/digestPreview/);
    expect((await ask(host, `http://${host}`)).status).toBe(403);
    expect(asked).toBe(0);
  });

  it.each(["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])("answers Host %s with its port", async (name) => {
    await start();
    const host = `${name}:${app!.port}`;
    expect((await send("GET", "/", { host })).status).toBe(200);
    expect((await send("GET", "/playground/api/state", { host })).status).toBe(200);
    expect((await ask(host, `http://${host}`)).status).toBe(200);
  });

  it("refuses a loopback name with another port, a missing Host and a malformed one", async () => {
    await start();
    expect((await send("GET", "/", { host: `localhost:${app!.port + 1}` })).status).toBe(403);
    expect((await send("GET", "/", { host: "localhost" })).status).toBe(403);
    // Node itself refuses an HTTP/1.1 request without Host (400) before any route runs.
    expect([400, 403]).toContain((await send("GET", "/", {})).status);
    expect((await send("GET", "/", { host: "localhost:abc" })).status).toBe(403);
  });

  it("keeps the same-origin check on asking: a loopback Host with a foreign Origin is refused", async () => {
    await start();
    expect((await ask(`localhost:${app!.port}`, "https://evil.example")).status).toBe(403);
    expect(asked).toBe(0);
  });

  it("leaves /healthz to any Host (load balancers probe by IP or name)", async () => {
    await start();
    expect((await send("GET", "/healthz", { host: "rebind.example" })).status).not.toBe(403);
  });
});

describe("playground in production", () => {
  it("binds loopback with COSTBOT_PLAYGROUND=on when HOST is not set", async () => {
    await start({ NODE_ENV: "production", COSTBOT_PLAYGROUND: "on" }, null);
    expect((app!.router.server.address() as { address: string }).address).toBe("127.0.0.1");
  });

  it("binds where HOST says", () => {
    expect(loadConfig({ NODE_ENV: "production", COSTBOT_PLAYGROUND: "on", HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({ NODE_ENV: "Production" }).host).toBe("0.0.0.0");
  });
});
