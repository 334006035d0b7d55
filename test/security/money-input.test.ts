// Amounts from outside (issue 11, point 10): a budget below $0.01 (shown as "$0.00") or beyond any
// real bill is refused with a clear message; the Azure alert webhook reads amounts only in Azure's
// own format (plain invariant-culture decimals, optionally "$" and thousands commas, see
// test/fixtures/reference/budgets/SOURCES.md) and answers anything else with 400 naming the field —
// never a negative amount, never "$∞", never "8.000,50" read as $8.00.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createAzureAlertsMount } from "../../src/adapters/azure-alerts/mount.js";
import { createSlackNotifier } from "../../src/adapters/slack/notify.js";
import { createPlaygroundMount } from "../../src/adapters/web/mount.js";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { createServices, type Services } from "../../src/main/services.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const ref = (name: string) => readFileSync(new URL(`../../test/fixtures/reference/budgets/${name}`, import.meta.url), "utf8");
const ACTUAL = ref("alert-common-schema-actual-cost-budget.json");
const LEGACY = ref("alert-legacy-AIP-Budget-Notification.json");
const HUGE = "9".repeat(400);

let app: RunningApp | undefined;
let services: Services | undefined;
let store: Store | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await app?.close();
  await services?.store.close();
  await store?.close();
  await slack?.close();
  app = services = store = slack = undefined;
});

describe("budget amounts", () => {
  async function ask(text: string) {
    const config = { ...loadConfig({ DATABASE_URL: ":memory:" }), host: "127.0.0.1" };
    services ??= await createServices(config, silentLogger, () => NOW);
    app ??= await startApp(
      { config, bot: services.bot, logger: silentLogger, sourceName: "demo", store: services.store },
      [createPlaygroundMount({ clock: () => NOW })],
      0,
    );
    const res = await fetch(`http://127.0.0.1:${app.port}/playground/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
    });
    return (await res.json()).report;
  }

  it.each(["0.001", "0.009", "$0.004"])("refuses budget set %s (below $0.01) saying so, and stores nothing", async (amount) => {
    const report = await ask(`budget set ${amount} monthly`);
    expect(report).toMatchObject({ kind: "error", message: expect.stringMatching(/at least \$0\.01/) });
    expect(await services!.store.listBudgets()).toEqual([]);
  });

  it("refuses a 400-digit budget instead of showing $∞", async () => {
    const report = await ask(`budget set ${HUGE} monthly`);
    expect(report).toMatchObject({ kind: "error", message: expect.stringMatching(/too large/) });
    expect(JSON.stringify(report)).not.toMatch(/∞|Infinity/);
    expect(await services!.store.listBudgets()).toEqual([]);
  });

  it("still sets a budget of exactly $0.01", async () => {
    const report = await ask("budget set 0.01 monthly");
    expect(report.kind).toBe("notice");
    expect((await services!.store.listBudgets()).map((b) => b.name)).toEqual(["monthly"]);
  });
});

describe("Azure alert webhook amounts", () => {
  async function start() {
    slack = await startFakeSlack({ botToken: "xoxb-money" });
    store = await openStore(":memory:", { clock: () => NOW });
    const target = await store.upsertTarget({ platform: "slack", address: "CMONEY" });
    await store.setAlertRoute({ targetId: target.id, createdBy: "UADMIN" });
    const config = loadConfig({ PORT: "0", ALERT_WEBHOOK_TOKEN: "money-token" });
    const notifiers = { slack: createSlackNotifier({ botToken: "xoxb-money", apiUrl: slack.apiUrl, logger: silentLogger }) };
    const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW });
    app = await startApp(
      { config: { ...config, host: "127.0.0.1" }, bot, logger: silentLogger, sourceName: "demo", store, notifiers },
      [createAzureAlertsMount({ clock: () => NOW, sleep: async () => {} })],
      0,
    );
  }
  const post = async (body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${app!.port}/alerts/azure?token=money-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const common = (fields: Record<string, unknown>) => {
    const b = JSON.parse(ACTUAL);
    Object.assign(b.data.alertContext.AlertData, fields);
    return b;
  };
  const legacy = (fields: Record<string, unknown>) => {
    const b = JSON.parse(LEGACY);
    Object.assign(b.data, fields);
    return b;
  };

  it.each<[string, Record<string, unknown>, string]>([
    ["a negative spent amount", { SpentAmount: "-$5.00" }, "SpentAmount"],
    ["a negative spent amount after the sign", { SpentAmount: "$-5.00" }, "SpentAmount"],
    ["a 400-digit spent amount", { SpentAmount: HUGE }, "SpentAmount"],
    ["an exponent", { SpentAmount: "1e400" }, "SpentAmount"],
    ["a European-format spent amount", { SpentAmount: "8.000,50" }, "SpentAmount"],
    ["a European-format budget", { BudgetThreshold: "50,00" }, "BudgetThreshold"],
    ["thousands groups of two", { SpentAmount: "$1,11,111.00" }, "SpentAmount"],
    ["a spent amount that is a word", { SpentAmount: "lots" }, "SpentAmount"],
    ["an infinite threshold", { NotificationThresholdAmount: "Infinity" }, "NotificationThresholdAmount"],
    ["a spent amount as a JSON number out of range", { SpentAmount: 1e308 * 10 }, "SpentAmount"],
  ])("answers a common-schema alert with %s with 400 naming the field, and posts no card", async (_name, fields, field) => {
    await start();
    const res = await post(common(fields));
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(`data.alertContext.AlertData.${field}`);
    expect(slack!.callsTo("chat.postMessage")).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a European-format spending amount", { SpendingAmount: "8.000,50" }, "SpendingAmount"],
    ["a negative budget", { Budget: "-10000" }, "Budget"],
    ["a 400-digit threshold", { NotificationThresholdAmount: HUGE }, "NotificationThresholdAmount"],
  ])("answers a legacy alert with %s with 400 naming the field", async (_name, fields, field) => {
    await start();
    const res = await post(legacy(fields));
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(`data.${field}`);
    expect(slack!.callsTo("chat.postMessage")).toEqual([]);
  });

  it("reads Azure's own formats: $11,111.00 and 8000.0 as published, posting the card with those amounts", async () => {
    await start();
    expect((await post(JSON.parse(ACTUAL))).status).toBe(202);
    expect((await post(JSON.parse(LEGACY))).status).toBe(202);
    const cards = slack!.callsTo("chat.postMessage").map((c) => JSON.stringify(c.args.blocks) + c.args.text);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain("$11,111.00");
    expect(cards[1]).toContain("$1,111.32");
    expect(cards.join()).not.toMatch(/-\$|∞/);
  });
});
