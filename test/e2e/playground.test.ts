// The playground over real HTTP: the page and its files, the JSON API (every rendering of the same
// answer the bot gives in-process), the store's state with a digest preview, and the production-off rule.
import { afterEach, describe, expect, it } from "vitest";
import { createBot, type AskContext, type Bot } from "../../src/bot/bot.js";
import { renderJson, renderSlack, renderTeams, renderText } from "../../src/server/render.js";
import { loadConfig } from "../../src/config.js";
import { CostbotError } from "../../src/base/errors.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import type { CostSource } from "../../src/cost/types.js";
import { parseAmount } from "../../src/cost/money.js";
import { silentLogger } from "../../src/log.js";
import { createPlaygroundMount, playgroundAdminIds } from "../../src/adapters/web/mount.js";
import { ADAPTIVECARDS_PATH } from "../../src/adapters/web/static.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore, type Store } from "../../src/store/index.js";

const NOW = new Date("2025-11-27T09:00:00Z");
let app: RunningApp | undefined;
let store: Store | undefined;

afterEach(async () => {
  await app?.close();
  await store?.close();
  app = store = undefined;
});

const demoBot = (source: CostSource = createDemoCostSource({ clock: () => NOW })) => createBot({ costSource: source, clock: () => NOW });

async function start(opts: { env?: NodeJS.ProcessEnv; bot?: Bot; store?: Store } = {}) {
  const config = { ...loadConfig(opts.env ?? {}), host: "127.0.0.1" };
  app = await startApp(
    { config, bot: opts.bot ?? demoBot(), logger: silentLogger, sourceName: "demo data", store: opts.store },
    [createPlaygroundMount({ clock: () => NOW })],
    0,
  );
  return `http://127.0.0.1:${app.port}`;
}

const askBody = (text: unknown, extra: Record<string, unknown> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ text, ...extra }),
});

describe("playground page", () => {
  it("serves one page at / with its scripts, styles and the adaptivecards bundle", async () => {
    const base = await start();
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toContain(ADAPTIVECARDS_PATH);
    for (const path of [...assets, "/playground/static/teams-card.js", "/playground/static/slack-preview.js", "/playground/static/mrkdwn.js"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/(javascript|css)/);
    }
    const bundle = await (await fetch(`${base}${ADAPTIVECARDS_PATH}`)).text();
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle).toContain("AdaptiveCard");
    expect(app!.mounted).toEqual([`Playground: ${base}/`]);
  });

  it("serves nothing outside its fixed list of files", async () => {
    const base = await start();
    for (const path of ["/playground/static/../mount.ts", "/playground/static/", "/index.html", "/playground/static/api.ts"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });
});

describe("POST /playground/api/ask", () => {
  it("answers with the report and every platform's rendering of the same answer", async () => {
    const base = await start();
    const res = await fetch(`${base}/playground/api/ask`, askBody("this week by model", { tz: "Europe/Paris" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    const expected = await demoBot().answer("this week by model", { tz: "Europe/Paris" });
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify({
          report: renderJson(expected),
          slack: renderSlack(expected),
          teams: renderTeams(expected),
          text: renderText(expected),
        }),
      ),
    );
    expect(body.report.total).toBe(3300.77);
  });

  it("asks as the playground user in the playground target, in the browser's zone when valid", async () => {
    const seen: AskContext[] = [];
    const real = demoBot();
    const base = await start({ bot: { ...real, answer: (text, ctx) => (seen.push(ctx ?? {}), real.answer(text, ctx)) } });
    await fetch(`${base}/playground/api/ask`, askBody("today", { tz: "Asia/Tokyo" }));
    await fetch(`${base}/playground/api/ask`, askBody("today", { tz: "Not/AZone" }));
    expect(seen[0]).toMatchObject({ platform: "web", userId: "playground", target: { platform: "web", address: "playground" }, tz: "Asia/Tokyo" });
    expect(seen[1].tz).toBeUndefined();
  });

  it("writes dates in the browser's locale when Intl knows it, else in the default style", async () => {
    const base = await start();
    // "this week" on Thursday 27 Nov 2025 is Monday 24..Thursday 27.
    const cases: Array<[unknown, string, string]> = [
      ["en-US", "Nov 24 – 27, 2025", "24–27 Nov 2025"],
      ["not a locale!", "24–27 Nov 2025", "Nov 24 – 27, 2025"],
      [42, "24–27 Nov 2025", "Nov 24 – 27, 2025"],
    ];
    for (const [locale, shown, notShown] of cases) {
      const res = await fetch(`${base}/playground/api/ask`, askBody("this week", { locale }));
      expect(res.status, String(locale)).toBe(200);
      const body = await res.json();
      for (const preview of [JSON.stringify(body.slack), JSON.stringify(body.teams)]) {
        expect(preview, String(locale)).toContain(shown);
        expect(preview, String(locale)).not.toContain(notShown);
      }
    }
  });

  it("refuses bodies that are not a question", async () => {
    const base = await start();
    const cases: Array<[RequestInit, number]> = [
      [askBody(""), 400],
      [askBody(42), 400],
      [askBody("x".repeat(2001)), 400],
      [{ method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }, 400],
      [{ method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ text: "today" }) }, 415],
      [{ ...askBody("today"), headers: { "content-type": "application/json", origin: "https://evil.example" } }, 403],
    ];
    for (const [init, status] of cases) {
      const res = await fetch(`${base}/playground/api/ask`, init);
      expect(res.status, String(init.body).slice(0, 20)).toBe(status);
      expect((await res.json()).error).toEqual(expect.any(String));
    }
  });

  it("shows a source failure as the error card the chat apps would show", async () => {
    const failing: CostSource = {
      name: "broken",
      query: async () => {
        throw new CostbotError("Azure refused the request (403).", "FORBIDDEN", { hint: "Grant Cost Management Reader." });
      },
    } as unknown as CostSource;
    const base = await start({ bot: demoBot(failing) });
    const body = await (await fetch(`${base}/playground/api/ask`, askBody("today"))).json();
    expect(body.report).toEqual({ kind: "error", message: "Azure refused the request (403).", hint: "Grant Cost Management Reader." });
    expect(body.slack.blocks[0].text.text).toContain("Azure refused the request (403).");
  });
});

describe("GET /playground/api/state", () => {
  it("lists the store's targets, digests and budgets and previews the next digest", async () => {
    store = await openStore(":memory:", { clock: () => NOW });
    const channel = await store.upsertTarget({ platform: "slack", address: "C0123", meta: { name: "ai-costs" } });
    await store.setDigest({ targetId: channel.id, cadence: "daily", time: "09:00", tz: "Europe/Paris", createdBy: "U1" });
    await store.createBudget({
      targetId: channel.id,
      name: "weekly",
      amount: parseAmount("500")!,
      period: "weekly",
      thresholds: [80, 100],
      createdBy: "U1",
    });
    const base = await start({ store });
    const state = await (await fetch(`${base}/playground/api/state`)).json();
    expect(state).toMatchObject({
      source: "demo data",
      store: "sqlite",
      production: false,
      user: { id: "playground", admin: true },
      targets: [{ platform: "slack", label: "#ai-costs", disabled: null }],
      digests: [{ target: "#ai-costs", cadence: "daily", time: "09:00", tz: "Europe/Paris", next: "2025-11-28T08:00:00.000Z" }],
      budgets: [{ target: "#ai-costs", name: "weekly", amount: "500.00", period: "weekly", thresholds: [80, 100] }],
    });
    const preview = state.digestPreview;
    expect(preview.heading).toBe("What #ai-costs would get tomorrow at 09:00 (Europe/Paris)");
    expect(preview.report).toMatchObject({ kind: "digest", date: "2025-11-28", day: { date: "2025-11-27" } });
    expect(preview.report.budgets).toEqual([expect.objectContaining({ name: "weekly", amount: 500 })]);
    expect(preview.slack.blocks.length).toBeGreaterThan(0);
    expect(preview.teams.type).toBe("AdaptiveCard");
  });

  it("without a store says so and previews what a daily 09:00 digest would send", async () => {
    const base = await start({ env: { COSTBOT_TZ: "Europe/Paris" } });
    const state = await (await fetch(`${base}/playground/api/state`)).json();
    expect(state).toMatchObject({ store: null, targets: [], digests: [], budgets: [] });
    expect(state.digestPreview.heading).toBe("What #your-channel would get tomorrow at 09:00 (Europe/Paris)");
    expect(state.digestPreview.note).toContain("digest daily 09:00 Europe/Paris");
  });
});

describe("production", () => {
  it("is off when NODE_ENV=production, with no route and no start-up line", async () => {
    const base = await start({ env: { NODE_ENV: "production" } });
    expect(app!.mounted).toEqual([]);
    for (const [method, path] of [
      ["GET", "/"],
      ["GET", "/playground/api/state"],
      ["POST", "/playground/api/ask"],
    ]) {
      expect((await fetch(`${base}${path}`, { method })).status, path).toBe(404);
    }
  });

  it("is on with COSTBOT_PLAYGROUND=on, and its user is not an admin there", async () => {
    const base = await start({ env: { NODE_ENV: "production", COSTBOT_PLAYGROUND: "on" } });
    expect((await fetch(`${base}/`)).status).toBe(200);
    const state = await (await fetch(`${base}/playground/api/state`)).json();
    expect(state).toMatchObject({ production: true, user: { id: "playground", admin: false } });
  });

  it("is off outside production with COSTBOT_PLAYGROUND=off", async () => {
    const base = await start({ env: { COSTBOT_PLAYGROUND: "off" } });
    expect((await fetch(`${base}/`)).status).toBe(404);
  });

  it("names the playground user as an admin only outside production", () => {
    expect(playgroundAdminIds({ production: false })).toEqual(["web:playground"]);
    expect(playgroundAdminIds({ production: true })).toEqual([]);
  });
});
