// Azure budget alerts end to end: real HTTP posts of the reference payloads to /alerts/azure on the
// real server, a real SQLite store, and the fake Slack Web API receiving the cards.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAzureAlertsMount } from "../../src/adapters/azure-alerts/mount.js";
import { createSlackNotifier } from "../../src/adapters/slack/notify.js";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { sqliteBackend } from "../store/backends.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const SECRET = "alert-token-8c1d";
const BOT_TOKEN = "xoxb-alerts";
const ref = (name: string) => readFileSync(new URL(`../../test/fixtures/reference/budgets/${name}`, import.meta.url), "utf8");
const ACTUAL = ref("alert-common-schema-actual-cost-budget.json");
const FORECAST = ref("alert-common-schema-forecasted-budget.json");
const LEGACY = ref("alert-legacy-AIP-Budget-Notification.json");
const LOGICAPP = ref("alert-legacy-AIP-Budget-Notification.logicapp-sample.json");

const backend = sqliteBackend();
let slack: FakeSlack;
let store: Store;
let app: RunningApp;
let logs: Array<Record<string, any>>;
let now = NOW;

async function start(env: Record<string, string> = { ALERT_WEBHOOK_TOKEN: SECRET }) {
  const logger = pino({ level: "info" }, new Writable({ write: (c, _e, done) => (logs.push(JSON.parse(String(c))), done()) }));
  const config = loadConfig({ PORT: "0", ...env });
  const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW });
  const notifiers = { slack: createSlackNotifier({ botToken: BOT_TOKEN, apiUrl: slack.apiUrl, logger }) };
  const mount = createAzureAlertsMount({ clock: () => now, sleep: async () => {} });
  app = await startApp({ config, bot, logger, sourceName: "demo", store, notifiers }, [mount], 0);
}

const post = (body: string, token: string | null = SECRET) =>
  fetch(`http://127.0.0.1:${app.port}/alerts/azure${token === null ? "" : `?token=${encodeURIComponent(token)}`}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

async function route(address: string) {
  const t = await store.upsertTarget({ platform: "slack", address });
  await store.setAlertRoute({ targetId: t.id, createdBy: "UADMIN" });
  return t;
}

/** A common-schema payload with some AlertData fields removed. */
function without(payload: string, ...fields: string[]): string {
  const body = JSON.parse(payload);
  for (const f of fields) delete body.data.alertContext.AlertData[f];
  return JSON.stringify(body);
}

const posts = () => slack.callsTo("chat.postMessage").map((c) => ({ channel: c.args.channel, text: String(c.args.text) }));

beforeEach(async () => {
  logs = [];
  slack = await startFakeSlack({ botToken: BOT_TOKEN });
  now = NOW;
  store = await openStore(await backend.fresh(), { clock: () => now });
});
afterEach(async () => {
  await app?.close();
  await store.close();
  await slack.close();
});

describe("POST /alerts/azure", () => {
  it.each([
    ["common schema, actual cost", ACTUAL, /Azure budget "Test_actual_cost_budget" passed its 50% alert: \$11,111\.00 spent of \$50\.00/],
    [
      "common schema, forecasted",
      FORECAST,
      /Azure budget "Test_forcasted_budget" is forecast to reach \$1,111\.11, past its 100% alert \(\$50\.00\)/,
    ],
    [
      "legacy AIP budget notification, threshold as an amount",
      LEGACY,
      /Azure budget "test-budgetName" passed its 80% alert: \$1,111\.32 spent of \$10,000\.00/,
    ],
    ["legacy sample with the threshold as a ratio", LOGICAPP, /Azure budget "BudgetName" passed its 80% alert: \$100\.00 spent of \$50\.00/],
  ])("posts a card for the %s payload in every routed channel", async (_name, body, title) => {
    await route("CFINOPS");
    await route("CPLATFORM");
    await start();
    const res = await post(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: "delivered", deliveries: [{ result: "sent" }, { result: "sent" }] });
    expect(
      posts()
        .map((p) => p.channel)
        .sort(),
    ).toEqual(["CFINOPS", "CPLATFORM"]);
    for (const p of posts()) expect(p.text).toMatch(title);
  });

  it("delivers Azure's retry of the same alert once, and a different threshold type separately", async () => {
    await route("CFINOPS");
    await start();
    expect((await post(ACTUAL)).status).toBe(202);
    const again = await post(ACTUAL.replace(/\n\s*/g, "")); // same alert, re-serialised
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    expect(posts()).toHaveLength(1);
    expect((await post(FORECAST)).status).toBe(202);
    expect(posts()).toHaveLength(2);
    const keys = (await store.deliveries.list({ prefix: "azure-alert:" })).map((d) => [d.key.replace(/:[^:]+$/, ""), d.status]);
    expect(keys).toEqual([
      ["azure-alert:test-actual-cost-budget." + keys[0][0].split(".")[1] + ".actual.2022-12:50", "sent"],
      ["azure-alert:test-forcasted-budget." + keys[1][0].split(".")[1] + ".forecast.2022-12:100", "sent"],
    ]);
  });

  it("answers 503 when a send fails so Azure retries, and the retry sends only what failed", async () => {
    await route("CFINOPS");
    await route("CGONE-ARCHIVED"); // the fake answers channel_not_found: disabled, not retried
    await start();
    const res = await post(LEGACY);
    expect(res.status).toBe(202);
    expect((await res.json()).deliveries.map((d: { result: string }) => d.result).sort()).toEqual(["disabled", "sent"]);
    expect((await store.listTargets({ includeDisabled: true })).find((t) => t.address === "CGONE-ARCHIVED")?.disabled).toBe("channel_not_found");

    await slack.close();
    slack = await startFakeSlack({ botToken: BOT_TOKEN, rateLimitAfter: 0 });
    await app.close();
    await start();
    await route("CLATE");
    const failing = await post(LEGACY);
    expect(failing.status).toBe(503);
    expect(failing.headers.get("retry-after")).toBe("60");
    const answer = await failing.json();
    expect(answer.status).toBe("partly-failed");
    expect(answer.deliveries.map((d: { result: string }) => d.result).sort()).toEqual(["duplicate", "failed"]);

    now = new Date(NOW.getTime() + 60_000); // Azure retries a minute later
    await slack.close();
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    await app.close();
    await start();
    const retried = await post(LEGACY);
    expect(retried.status).toBe(202);
    expect(posts()).toEqual([{ channel: "CLATE", text: expect.stringContaining("test-budgetName") }]);
  });

  it("keeps an alert no channel asked for in the delivery log and says it was not routed", async () => {
    await start();
    const res = await post(ACTUAL);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: "not-routed" });
    expect(posts()).toEqual([]);
    expect(await store.deliveries.list({ prefix: "azure-alert:" })).toMatchObject([
      { status: "skipped", detail: expect.stringContaining("not routed") },
    ]);
    expect(logs.some((l) => l.level === 40 && /not routed/.test(l.msg))).toBe(true);
  });

  it.each([
    ["no token", null],
    ["a forged token", "alert-token-8c1e"],
    ["a longer token with the right prefix", `${SECRET}x`],
    ["an empty token", ""],
  ])("refuses %s with 401 and sends nothing", async (_name, token) => {
    await route("CFINOPS");
    await start();
    const res = await post(ACTUAL, token);
    expect(res.status).toBe(401);
    expect(posts()).toEqual([]);
    expect(await store.deliveries.list()).toEqual([]);
  });

  it("refuses with 503 naming ALERT_WEBHOOK_TOKEN when none is configured", async () => {
    await route("CFINOPS");
    await start({});
    const res = await post(ACTUAL, "anything");
    expect(res.status).toBe(503);
    expect((await res.json()).error).toContain("ALERT_WEBHOOK_TOKEN");
  });

  it.each([
    ["not JSON", "{not json", "The body is not JSON."],
    ["no schemaId", JSON.stringify({ data: {} }), 'schemaId is missing; expected "azureMonitorCommonAlertSchema" or "AIP Budget Notification"'],
    [
      "a metric alert",
      JSON.stringify({ schemaId: "azureMonitorCommonAlertSchema", data: { essentials: { monitoringService: "Platform" }, alertContext: {} } }),
      'data.alertContext.AlertData is missing (monitoringService "Platform" is not a budget alert)',
    ],
    [
      "missing amounts",
      without(ACTUAL, "SpentAmount", "BudgetThreshold"),
      "missing data.alertContext.AlertData.BudgetThreshold, data.alertContext.AlertData.SpentAmount",
    ],
    [
      "a forecast without its forecast",
      without(FORECAST, "ForecastedTotalForPeriod"),
      "missing data.alertContext.AlertData.ForecastedTotalForPeriod",
    ],
    [
      "an unreadable amount",
      LEGACY.replace('"Budget":"10000"', '"Budget":"ten thousand"'),
      'not an amount in Azure\'s format (a plain decimal such as 8000.50 or $8,000.50, not negative, at most 15 digits before the point): data.Budget "ten thousand", data.NotificationThresholdAmount "8000.0"',
    ],
  ])("answers 400 naming what is missing for %s, and logs the whole body", async (_name, body, problem) => {
    await route("CFINOPS");
    await start();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(problem);
    expect(posts()).toEqual([]);
    const logged = logs.find((l) => l.level === 40 && /azure alert webhook/.test(l.msg));
    expect(logged?.body).toEqual(body.startsWith("{not") ? body : JSON.parse(body));
  });
});
