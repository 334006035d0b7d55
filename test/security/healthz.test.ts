// /healthz tells the truth (issue 11, point 10): it checks the store on every call (503 with a JSON
// body naming the store when it is unreachable, on SQLite and PostgreSQL) and reports how the cost
// source's last query went, so a load balancer stops sending traffic to an instance without its database.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { CostbotError } from "../../src/base/errors.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { watchedSource } from "../../src/cost/sources/watched.js";
import type { CostSource } from "../../src/cost/types.js";
import { silentLogger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore, type Store } from "../../src/store/index.js";
import { postgresBackend, sqliteBackend, type Backend } from "../store/backends.js";

const NOW = new Date("2025-11-27T09:00:00Z");
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(opts: { store?: Store; source?: CostSource } = {}) {
  const config = { ...loadConfig({}), host: "127.0.0.1" };
  // Watched where it is built, as createCostSource does; no cache, so every question reaches it.
  const bot = createBot({ costSource: watchedSource(opts.source ?? createDemoCostSource({ clock: () => NOW })), clock: () => NOW });
  app = await startApp({ config, bot, logger: silentLogger, sourceName: bot.costSource.name, store: opts.store }, [], 0);
  return {
    bot,
    health: async () => {
      const res = await fetch(`http://127.0.0.1:${app!.port}/healthz`);
      return { status: res.status, body: await res.json() };
    },
  };
}

const backends: Array<[string, Backend]> = [
  ["SQLite", sqliteBackend()],
  ["PostgreSQL", postgresBackend()],
];
afterAll(async () => {
  for (const [, b] of backends) await b.cleanup();
});

describe.each(backends)("/healthz with a %s store", (_name, backend) => {
  it("answers 200 while the store answers, and 503 naming the store once it is gone", async () => {
    const store = await openStore(await backend.fresh(), { clock: () => NOW });
    const { health } = await start({ store });
    const up = await health();
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ ok: true, down: [], store: { ok: true, dialect: store.dialect } });
    await store.close();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, down: ["store"], store: { ok: false, dialect: store.dialect } });
    expect(down.body.store.error).toEqual(expect.any(String));
  });
});

describe("/healthz and the cost source", () => {
  it("reports the source's last query: unknown before any, ok after one answered, failing after one failed", async () => {
    let fail = false;
    const demo = createDemoCostSource({ clock: () => NOW });
    const source: CostSource = {
      name: "flaky",
      query: async (q) => {
        if (fail) throw new CostbotError("Azure refused the request (403).", "FORBIDDEN");
        return demo.query(q);
      },
    };
    const { bot, health } = await start({ source });
    expect((await health()).body.source).toMatchObject({ name: "flaky", ok: null });
    await bot.answer("today");
    const ok = await health();
    expect(ok.body.source).toMatchObject({ name: "flaky", ok: true, lastSuccessAt: expect.any(String) });
    fail = true;
    await bot.answer("yesterday");
    const failing = await health();
    // A failing source is reported, but the instance still serves (help, cached answers): 200.
    expect(failing.status).toBe(200);
    expect(failing.body).toMatchObject({
      ok: false,
      down: ["source"],
      source: { ok: false, lastFailure: { message: "Azure refused the request (403).", code: "FORBIDDEN" } },
    });
  });

  it("does not count a question the source calls bad input as the source being down", async () => {
    const source: CostSource = {
      name: "picky",
      query: async () => {
        throw new CostbotError("That range is before the data starts.", "BAD_INPUT");
      },
    };
    const { bot, health } = await start({ source });
    await bot.answer("today");
    expect((await health()).body.source.ok).not.toBe(false);
  });
});
